package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.SecretKeys;
import io.jenkins.plugins.environments.model.SecretValues;
import io.jenkins.plugins.environments.model.TokenFormats;

/**
 * The line rules, for templates, text files, strings inside YAML and files that do not parse: credential shapes,
 * {@code key: value} and {@code key = value} lines with a secret key (the value may be on the next, deeper line), a
 * {@code name:} line with a secret variable name followed by a literal {@code value:} line, and {@code KEY=value}
 * anywhere in a line ({@code --password=…}, {@code ?token=…}, {@code Password=…;} in connection strings). Lines are
 * found and read by hand, each character a bounded number of times.
 */
final class TextSecretRules {

    private final SecretScanner out;
    private final String file;

    TextSecretRules(SecretScanner out, String file) {
        this.out = out;
        this.file = file;
    }

    /** Credential shapes only: for documentation, where examples of key names abound. */
    void tokensOnly(String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                tokens(line, text.substring(start, i));
                line++;
                start = i + 1;
            }
        }
        out.work(text.length());
    }

    /** All line rules over {@code text}, whose first line is line {@code firstLine} of the file. */
    void lines(int firstLine, String text) {
        int n = text.length();
        int start = 0;
        int line = firstLine;
        int envNameLine = -1;
        String envName = null;
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            out.work(end - start);
            String current = text.substring(start, end);
            KeyValue kv = KeyValue.parse(current);
            boolean keyed = false;
            if (kv != null) {
                String value = kv.value();
                if (value.isEmpty() && kv.colon() && SecretKeys.isSecretKey(kv.key())) {
                    value = continuation(text, end + 1, kv.indent());
                }
                if (SecretKeys.isSecretKey(kv.key()) && SecretValues.isLiteralSecret(kv.key(), value)) {
                    out.add(file, line, "generic-secret", "literal value for key '" + kv.key() + "'");
                    keyed = true;
                }
                if (kv.key().equals("name")) {
                    envName = SecretKeys.isSecretKey(value) ? value : null;
                    envNameLine = line;
                } else if (kv.key().equals("value") && envName != null && line - envNameLine <= 3) {
                    if (SecretValues.isLiteralVariableValue(envName, kv.value())) {
                        out.add(file, line, "env-secret", "literal value for variable '" + envName + "'");
                    }
                    envName = null;
                }
            }
            tokens(line, current);
            if (!keyed) {
                assignments(line, current);
            }
            line++;
            start = end + 1;
        }
    }

    /** The rules for one string value: credential shapes and {@code KEY=value}; lines of a multi-line value. */
    void value(int line, String value) {
        if (value.indexOf('\n') >= 0) {
            lines(Math.max(line, 1), value);
        } else {
            out.work(value.length());
            tokens(line, value);
            assignments(line, value);
        }
    }

    void tokens(int line, CharSequence text) {
        out.work(TokenFormats.scan(text, m -> {
            out.add(file, line, m.ruleId(), m.description());
            if (m.ruleId().equals("aws-access-key-id")) {
                out.awsId(file, line);
            }
        }));
        awsSecretCandidates(line, text);
    }

    /** Runs of exactly 40 base64 characters shaped like an AWS secret key; paired with key ids per file. */
    private void awsSecretCandidates(int line, CharSequence text) {
        int run = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '/'
                    || c == '+'
                    || c == '=') {
                run++;
            } else {
                if (run == 40 && TokenFormats.isAwsSecretKeyShape(text.subSequence(i - 40, i))) {
                    out.awsSecret(file, line);
                }
                run = 0;
            }
        }
        out.work(text.length());
    }

    /**
     * {@code KEY=value} anywhere: the key is the run of name characters before {@code =}, the value runs to a
     * space, quote, {@code ;}, {@code &} or {@code ,}. Only the value of a secret key is read, and it is skipped once
     * read, so no character is read twice.
     */
    void assignments(int line, String text) {
        int n = text.length();
        int keyStart = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            out.work(1);
            if (c == '=' && i > keyStart && (i + 1 >= n || text.charAt(i + 1) != '=')) {
                String key = stripDashes(text.substring(keyStart, i));
                if (SecretKeys.isSecretKey(key)) {
                    int from = i + 1;
                    char quote =
                            from < n && (text.charAt(from) == '"' || text.charAt(from) == '\'') ? text.charAt(from) : 0;
                    if (quote != 0) {
                        from++;
                    }
                    int end = from;
                    while (end < n && !ends(text.charAt(end), quote)) {
                        end++;
                    }
                    out.work(end - i);
                    if (SecretValues.isLiteralSecret(key, text.substring(from, end))) {
                        out.add(file, line, "assignment-secret", "literal value for '" + key + "'");
                    }
                    i = end;
                    keyStart = end + 1;
                    continue;
                }
                keyStart = i + 1;
            } else if (!isNameChar(c)) {
                keyStart = i + 1;
            }
            i++;
        }
    }

    private static boolean ends(char c, char quote) {
        if (quote != 0) {
            return c == quote;
        }
        return c <= ' ' || c == '"' || c == '\'' || c == ';' || c == '&' || c == ',' || c == '`' || c == ')' || c == '|'
                || c == '}';
    }

    private static String stripDashes(String key) {
        int k = 0;
        while (k < key.length() && key.charAt(k) == '-') {
            k++;
        }
        return key.substring(k);
    }

    static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
    }

    /** The value of {@code key:} on the next line, when that line is deeper and is not itself a key or a list. */
    private String continuation(String text, int from, int indent) {
        if (from >= text.length()) {
            return "";
        }
        int end = text.indexOf('\n', from);
        String next = text.substring(from, end < 0 ? text.length() : end);
        int depth = 0;
        while (depth < next.length() && next.charAt(depth) == ' ') {
            depth++;
        }
        String stripped = next.strip();
        if (depth <= indent
                || stripped.startsWith("-")
                || stripped.startsWith("#")
                || stripped.endsWith(":")
                || stripped.contains(": ")
                || stripped.startsWith("{")
                || stripped.startsWith("[")) {
            return "";
        }
        return stripped;
    }

    /** A line {@code key: value} or {@code key = value}, with the key maybe quoted, after a list dash or export. */
    record KeyValue(String key, String value, boolean colon, int indent) {

        static KeyValue parse(String line) {
            int n = line.length();
            int i = 0;
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            int indent = i;
            if (line.startsWith("- ", i)) {
                i += 2;
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
            }
            if (line.startsWith("export ", i)) {
                i += 7;
            }
            char quote = i < n && (line.charAt(i) == '"' || line.charAt(i) == '\'') ? line.charAt(i) : 0;
            if (quote != 0) {
                i++;
            }
            int keyStart = i;
            while (i < n && (isNameChar(line.charAt(i)) || line.charAt(i) == '/')) {
                i++;
            }
            if (i == keyStart || i - keyStart > 200 || line.charAt(keyStart) == '-') {
                return null;
            }
            String key = line.substring(keyStart, i);
            if (quote != 0) {
                if (i >= n || line.charAt(i) != quote) {
                    return null;
                }
                i++;
            }
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                return null;
            }
            boolean colon = line.charAt(i) == ':';
            if (colon && i + 1 < n && line.charAt(i + 1) != ' ' && line.charAt(i + 1) != '\t') {
                return null;
            }
            if (!colon && line.charAt(i) != '=') {
                return null;
            }
            return new KeyValue(key, cleanValue(line.substring(i + 1)), colon, indent);
        }

        /** Strips blanks, a trailing comment, a trailing comma and quotes. */
        static String cleanValue(String raw) {
            String v = raw.strip();
            int comment = v.indexOf(" #");
            if (comment >= 0) {
                v = v.substring(0, comment).strip();
            }
            if (v.startsWith("#")) {
                return "";
            }
            if (v.endsWith(",")) {
                v = v.substring(0, v.length() - 1).strip();
            }
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            return v;
        }
    }
}
