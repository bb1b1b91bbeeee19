package io.jenkins.plugins.environments.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The shapes of well-known credentials: provider tokens (GitHub, GitLab, Slack, Stripe, Google, npm, AWS access key
 * ids, HashiCorp Vault, …), JSON Web Tokens (also unsigned ones), private keys (PEM, OpenSSH, PuTTY, and PEM in
 * base64), base64 Docker config JSON with credentials, {@code Authorization} values and passwords in URLs.
 *
 * <p>Everything is matched by hand-written scanning, without regular expressions: each format only starts at a
 * boundary (the character before it cannot belong to it) and reads its body once, so the work is linear in the length
 * of the text whatever it holds. {@link #scan} returns that work (characters examined) so tests can bound it.
 *
 * <p>A match names a rule id and the span of the secret part; it never copies the value. The secret scanner and the
 * message redaction share these rules.
 */
public final class TokenFormats {

    /** One credential found in a text: the rule that matched and the span {@code [start, end)} of the secret. */
    public record Match(String ruleId, String description, int start, int end) {}

    private static final int UPPER = 1;
    private static final int LOWER = 2;
    private static final int DIGIT = 4;
    private static final int UNDERSCORE = 8;
    private static final int DASH = 16;
    private static final int SLASH = 32;
    private static final int PLUS = 64;
    private static final int EQUALS = 128;
    private static final int DOT = 256;
    private static final int TILDE = 512;
    private static final int ALNUM = UPPER | LOWER | DIGIT;
    private static final int WORD = ALNUM | UNDERSCORE;
    private static final int B64URL = WORD | DASH;
    private static final int B64 = ALNUM | SLASH | PLUS | EQUALS;

    /** A prefix, then a body of one character class; the character before and after must not belong to it. */
    private record Simple(String id, String description, String prefix, int boundary, int body, int min, int max) {}

    /** The simple formats by the first character of their prefix (all prefixes are ASCII). */
    private static final Simple[][] SIMPLE_BY_FIRST = byFirstCharacter(simpleFormats());

    /** Base64 of {@code {"auths":} with the usual spacings: a Docker config JSON. */
    private static final List<String> DOCKER_CONFIG_BASE64 =
            List.of("eyJhdXRocyI6", "eyAiYXV0aHMi", "ewogICJhdXRocyI6", "ewoJImF1dGhz", "ewogICAgImF1dGhz");

    /** Base64 of {@code -----BEGIN } and of {@code PuTTY-User-Key-File-}. */
    private static final List<String> KEY_BASE64 = List.of("LS0tLS1CRUdJ", "UHVUVFktVXNlci1LZXktRmls");

    /** Passwords in URLs that only stand for one. */
    private static final Set<String> URL_PLACEHOLDERS =
            Set.of("password", "pass", "passwd", "pwd", "secret", "token", "xxx", "xxxx", "changeme", "redacted");

    private final CharSequence s;
    private final int n;
    private final Consumer<Match> sink;
    private long work;

    private TokenFormats(CharSequence s, Consumer<Match> sink) {
        this.s = s;
        this.n = s.length();
        this.sink = sink;
    }

    /** @return every credential shape in the text, in order of position */
    public static List<Match> find(CharSequence text) {
        List<Match> matches = new ArrayList<>();
        scan(text, matches::add);
        return matches;
    }

    /** @return whether the text holds any credential shape */
    public static boolean contains(CharSequence text) {
        return !find(text).isEmpty();
    }

    /**
     * Hands every match to {@code sink}.
     *
     * @return the number of characters examined: at most a small constant times the length of the text
     */
    public static long scan(CharSequence text, Consumer<Match> sink) {
        TokenFormats scan = new TokenFormats(text, sink);
        scan.run();
        return scan.work;
    }

    /**
     * @return whether {@code text} is shaped like an AWS secret access key: exactly 40 characters of base64 with
     *     upper and lower case letters and a digit (a git SHA, being lower-case hex, is not)
     */
    public static boolean isAwsSecretKeyShape(CharSequence text) {
        if (text.length() != 40) {
            return false;
        }
        int seen = 0;
        for (int i = 0; i < 40; i++) {
            int c = cls(text.charAt(i));
            if ((c & B64) == 0) {
                return false;
            }
            seen |= c;
        }
        return (seen & UPPER) != 0 && (seen & LOWER) != 0 && (seen & DIGIT) != 0;
    }

    private void run() {
        for (int i = 0; i < n; i++) {
            char c = at(i);
            if (c < 128) {
                for (Simple f : SIMPLE_BY_FIRST[c]) {
                    simple(f, i);
                }
            }
            switch (c) {
                case '-' -> pem(i);
                case 'P' -> putty(i);
                case 'e' -> {
                    dockerConfig(i);
                    jwt(i);
                }
                case 'L', 'U' -> keyBase64(i);
                case 'B', 'b' -> authorization(i);
                case ':' -> urlPassword(i);
                default -> {}
            }
        }
    }

    private void simple(Simple f, int i) {
        if (!startsAt(i, f.prefix(), f.boundary())) {
            return;
        }
        int from = i + f.prefix().length();
        int end = run(from, f.body());
        int length = end - from;
        if (length >= f.min() && length <= f.max() && !in(end, f.boundary()) && !oneCharacter(from, end)) {
            emit(f.id(), f.description(), i, end);
        }
    }

    private void pem(int i) {
        if (!startsAt(i, "-----BEGIN ", 0)) {
            return;
        }
        int from = i + 11;
        int j = from;
        while (j < n && j - from <= 64 && ((cls(at(j)) & (UPPER | DIGIT)) != 0 || s.charAt(j) == ' ')) {
            j++;
        }
        String label = s.subSequence(from, j).toString();
        if ((label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK")) && startsAt(j, "-----", 0)) {
            emit("private-key", "private key", i, j + 5);
        }
    }

    private void putty(int i) {
        if (startsAt(i, "PuTTY-User-Key-File-", 0)) {
            int end = run(i + 20, DIGIT);
            if (end > i + 20 && end < n && at(end) == ':') {
                emit("private-key", "PuTTY private key", i, end);
            }
        }
    }

    private void keyBase64(int i) {
        for (String prefix : KEY_BASE64) {
            if (startsAt(i, prefix, B64)) {
                int end = run(i, B64);
                String head = decode(i, Math.min(end, i + 96), false);
                if (head.contains("PRIVATE KEY") || head.startsWith("PuTTY-User-Key-File")) {
                    emit("private-key-base64", "private key in base64", i, end);
                }
            }
        }
    }

    private void dockerConfig(int i) {
        for (String prefix : DOCKER_CONFIG_BASE64) {
            if (startsAt(i, prefix, B64)) {
                int end = run(i, B64);
                if (end - i <= 65536 && hasDockerCredentials(decode(i, end, false))) {
                    emit("docker-config-auth", "Docker config with registry credentials", i, end);
                }
                return;
            }
        }
    }

    /** @return whether a Docker config JSON holds a non-empty {@code auth}, {@code password} or {@code identitytoken} */
    public static boolean hasDockerCredentials(String json) {
        String compact =
                json.replace(" ", "").replace("\n", "").replace("\t", "").replace("\r", "");
        for (String key : List.of("\"auth\":\"", "\"password\":\"", "\"identitytoken\":\"")) {
            int k = compact.indexOf(key);
            while (k >= 0) {
                int v = k + key.length();
                if (v < compact.length() && compact.charAt(v) != '"') {
                    return true;
                }
                k = compact.indexOf(key, v);
            }
        }
        return false;
    }

    private void jwt(int i) {
        if (!startsAt(i, "eyJ", B64URL | DOT)) {
            return;
        }
        int headerEnd = run(i, B64URL);
        if (headerEnd - i < 10 || headerEnd - i > 4096 || headerEnd >= n || at(headerEnd) != '.') {
            return;
        }
        String header = decode(i, headerEnd, true);
        if (!header.contains("\"alg\"") && !header.contains("\"typ\"")) {
            return;
        }
        int payloadEnd = run(headerEnd + 1, B64URL);
        if (payloadEnd - headerEnd - 1 < 2 || payloadEnd >= n || at(payloadEnd) != '.') {
            return;
        }
        int signatureEnd = run(payloadEnd + 1, B64URL);
        emit("jwt", signatureEnd == payloadEnd + 1 ? "unsigned JSON Web Token" : "JSON Web Token", i, signatureEnd);
    }

    private void authorization(int i) {
        for (String scheme : List.of("Bearer ", "bearer ")) {
            if (startsAt(i, scheme, ALNUM)) {
                int from = i + scheme.length();
                int end = run(from, B64URL | DOT | SLASH | PLUS | EQUALS | TILDE);
                if (end - from >= 16 && !in(end, ALNUM) && !oneCharacter(from, end)) {
                    emit("authorization-header", "bearer token", from, end);
                }
            }
        }
        for (String scheme : List.of("Basic ", "basic ")) {
            if (startsAt(i, scheme, ALNUM)) {
                int from = i + scheme.length();
                int end = run(from, B64);
                if (end - from >= 8 && end - from <= 1024 && !in(end, ALNUM)) {
                    String decoded = decode(from, end, false);
                    int colon = decoded.indexOf(':');
                    if (colon > 0 && colon < decoded.length() - 1 && printable(decoded)) {
                        emit("authorization-header", "basic credentials", from, end);
                    }
                }
            }
        }
    }

    private void urlPassword(int i) {
        if (i + 2 >= n || at(i + 1) != '/' || at(i + 2) != '/') {
            return;
        }
        int scheme = i;
        while (scheme > 0 && i - scheme < 32 && ((cls(at(scheme - 1)) & (ALNUM | PLUS | DASH | DOT)) != 0)) {
            scheme--;
        }
        if (i - scheme < 2 || (cls(s.charAt(scheme)) & (UPPER | LOWER)) == 0) {
            return;
        }
        int from = i + 3;
        int j = from;
        int atSign = -1;
        while (j < n && j - from < 512) {
            char c = at(j);
            if (c == '/' || c == '?' || c == '#' || c <= ' ' || c == '"' || c == '\'' || c == '`' || c == '<'
                    || c == '>' || c == ',' || c == '\\') {
                break;
            }
            if (c == '@') {
                atSign = j;
            }
            j++;
        }
        if (atSign < 0) {
            return;
        }
        int colon = -1;
        for (int k = from; k < atSign; k++) {
            if (at(k) == ':') {
                colon = k;
                break;
            }
        }
        if (colon < 0 || colon + 1 == atSign) {
            return;
        }
        String password = s.subSequence(colon + 1, atSign).toString();
        if (isReference(password) || URL_PLACEHOLDERS.contains(password.toLowerCase(Locale.ROOT))) {
            return;
        }
        emit("url-password", "password in a URL", colon + 1, atSign);
    }

    /**
     * @return whether a value only refers to a secret kept elsewhere or stands for one: {@code $X}, {@code ${X}},
     *     {@code $(X)}, {@code {{ x }}}, {@code %s}, {@code <password>}, {@code {password}}, {@code #{x}} or a mask
     *     such as {@code ****}
     */
    public static boolean isReference(String value) {
        if (value.startsWith("$")
                || value.contains("{{")
                || value.contains("${")
                || value.startsWith("%")
                || value.startsWith("<")
                || value.startsWith("*")
                || value.startsWith("#{")) {
            return true;
        }
        return value.startsWith("{") && value.endsWith("}") && value.indexOf('"') < 0 && value.indexOf(':') < 0;
    }

    // ---- scanning primitives ----

    private char at(int i) {
        work++;
        return s.charAt(i);
    }

    /** @return whether {@code prefix} starts at {@code i} and the character before is not in {@code boundary} */
    private boolean startsAt(int i, String prefix, int boundary) {
        if (i + prefix.length() > n || (i > 0 && (cls(s.charAt(i - 1)) & boundary) != 0)) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (at(i + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @return the end of the run of characters in {@code set} that starts at {@code from} */
    private int run(int from, int set) {
        int j = from;
        while (j < n && (cls(at(j)) & set) != 0) {
            j++;
        }
        return j;
    }

    private boolean in(int i, int set) {
        return i < n && (cls(s.charAt(i)) & set) != 0;
    }

    /** @return whether the span repeats one character ({@code xxxxxxxx}): a placeholder */
    private boolean oneCharacter(int from, int end) {
        for (int k = from + 1; k < end; k++) {
            if (at(k) != s.charAt(from)) {
                return false;
            }
        }
        return true;
    }

    private String decode(int from, int end, boolean url) {
        int length = (end - from) / 4 * 4;
        String text = s.subSequence(from, from + length).toString();
        work += length;
        try {
            byte[] bytes = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text.replace("=", "A"));
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean printable(String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static int cls(char c) {
        if (c >= 'A' && c <= 'Z') {
            return UPPER;
        } else if (c >= 'a' && c <= 'z') {
            return LOWER;
        } else if (c >= '0' && c <= '9') {
            return DIGIT;
        }
        return switch (c) {
            case '_' -> UNDERSCORE;
            case '-' -> DASH;
            case '/' -> SLASH;
            case '+' -> PLUS;
            case '=' -> EQUALS;
            case '.' -> DOT;
            case '~' -> TILDE;
            default -> 0;
        };
    }

    private void emit(String id, String description, int start, int end) {
        sink.accept(new Match(id, description, start, end));
    }

    private static Simple[][] byFirstCharacter(List<Simple> formats) {
        Simple[][] table = new Simple[128][];
        for (char c = 0; c < 128; c++) {
            char first = c;
            table[c] =
                    formats.stream().filter(f -> f.prefix().charAt(0) == first).toArray(Simple[]::new);
        }
        return table;
    }

    private static List<Simple> simpleFormats() {
        List<Simple> formats = new ArrayList<>();
        for (String p : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
            formats.add(new Simple("github-token", "GitHub token", p, WORD, ALNUM, 36, 255));
        }
        formats.add(new Simple("github-token", "GitHub token", "github_pat_", WORD, WORD, 22, 255));
        for (String p : List.of("glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glimt-", "gloas-", "glft-")) {
            formats.add(new Simple("gitlab-token", "GitLab token", p, B64URL, B64URL, 20, 255));
        }
        for (String p : List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xapp-")) {
            formats.add(new Simple("slack-token", "Slack token", p, ALNUM | DASH, ALNUM | DASH, 10, 512));
        }
        for (String p : List.of("hooks.slack.com/services/", "hooks.slack.com/workflows/")) {
            formats.add(new Simple(
                    "slack-webhook", "Slack webhook URL", p, ALNUM | DOT, ALNUM | SLASH | UNDERSCORE, 20, 255));
        }
        for (String p : List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_", "whsec_")) {
            formats.add(new Simple("stripe-key", "Stripe key", p, WORD, ALNUM, 16, 255));
        }
        formats.add(new Simple("google-api-key", "Google API key", "AIza", B64URL, B64URL, 35, 35));
        formats.add(new Simple("npm-token", "npm token", "npm_", WORD, ALNUM, 36, 36));
        for (String p : List.of("AKIA", "ASIA", "ABIA", "ACCA")) {
            formats.add(new Simple("aws-access-key-id", "AWS access key id", p, ALNUM, UPPER | DIGIT, 16, 16));
        }
        for (String p : List.of("hvs.", "hvb.")) {
            formats.add(new Simple("vault-token", "HashiCorp Vault token", p, B64URL | DOT, B64URL, 24, 512));
        }
        formats.add(new Simple("sendgrid-key", "SendGrid API key", "SG.", B64URL | DOT, B64URL | DOT, 66, 66));
        for (String p : List.of("sk-proj-", "sk-svcacct-", "sk-admin-", "sk-ant-")) {
            formats.add(new Simple("ai-api-key", "OpenAI or Anthropic API key", p, B64URL, B64URL, 20, 512));
        }
        formats.add(new Simple("pypi-token", "PyPI token", "pypi-AgEIcHlwaS5vcmc", B64URL, B64URL, 40, 512));
        formats.add(new Simple("age-secret-key", "age secret key", "AGE-SECRET-KEY-1", B64URL, UPPER | DIGIT, 50, 80));
        for (String p : List.of("dop_v1_", "doo_v1_")) {
            formats.add(new Simple("digitalocean-token", "DigitalOcean token", p, WORD, ALNUM, 64, 64));
        }
        for (String p : List.of("shpat_", "shpss_", "shpca_", "shppa_")) {
            formats.add(new Simple("shopify-token", "Shopify token", p, WORD, ALNUM, 32, 32));
        }
        formats.add(new Simple("huggingface-token", "Hugging Face token", "hf_", WORD, ALNUM, 34, 40));
        return List.copyOf(formats);
    }
}
