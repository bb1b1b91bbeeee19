package io.jenkins.plugins.environments.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in values files and {@code --set} entries. Findings carry a location, a rule id and a
 * description, never the value.
 *
 * <p>Generic rule: a key whose name ends in password, passwd, secret, token, apiKey/api_key, private_key or
 * client_secret with a literal value. Allowed values: empty, {@code null}/{@code ~}, a nested mapping (e.g.
 * {@code secretKeyRef}), keys starting with {@code existing} (they name a Secret), references {@code ${…}} and {@code {{ … }}}, and the placeholders changeme,
 * change-me, changeit, replaceme, redacted and {@code <…>}.
 */
public final class SecretScanner {

    /** One finding. {@code toString()} is {@code location: [rule] description}. */
    public record Finding(String location, String ruleId, String description) {
        @Override
        public String toString() {
            return location + ": [" + ruleId + "] " + description;
        }
    }

    private record Rule(String id, Pattern pattern, String description) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    "private-key",
                    Pattern.compile("-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----"),
                    "PEM private key block"),
            new Rule("aws-access-key-id", Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b"), "AWS access key id"),
            new Rule(
                    "github-token",
                    Pattern.compile("\\b(gh[pos]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})\\b"),
                    "GitHub token"),
            new Rule("slack-token", Pattern.compile("\\bxox[abpr]-[A-Za-z0-9-]{10,}"), "Slack token"),
            new Rule(
                    "jwt",
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}"),
                    "JSON Web Token"));

    private static final Pattern AWS_SECRET =
            Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*(?:-\\s+)?[\"']?([A-Za-z0-9_.-]+)[\"']?\\s*:(.*)$");
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|apikey|api_key|api-key|private_key|privatekey|client_secret)");
    private static final Set<String> PLACEHOLDERS =
            Set.of("changeme", "change-me", "changeit", "replaceme", "replace-me", "redacted", "null", "~");

    /** Scans the text of one file; locations are {@code name:line}. */
    public List<Finding> scanText(String name, String text) {
        List<Finding> findings = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        List<Integer> awsLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String location = name + ":" + (i + 1);
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(lines[i]).find()) {
                    findings.add(new Finding(location, rule.id(), rule.description()));
                    if (rule.id().equals("aws-access-key-id")) {
                        awsLines.add(i);
                    }
                }
            }
            Matcher m = KEY_LINE.matcher(lines[i]);
            if (m.matches() && isSecretKey(m.group(1)) && isLiteral(m.group(2))) {
                findings.add(new Finding(location, "generic-secret", "literal value for key '" + m.group(1) + "'"));
            }
        }
        for (int a : awsLines) {
            for (int i = Math.max(0, a - 3); i <= Math.min(lines.length - 1, a + 3); i++) {
                if (AWS_SECRET.matcher(lines[i]).find()) {
                    findings.add(new Finding(
                            name + ":" + (i + 1),
                            "aws-secret-access-key",
                            "AWS secret access key next to an access key id"));
                }
            }
        }
        return findings;
    }

    /** Scans {@code --set} entries; locations are {@code --set key}. */
    public List<Finding> scanSet(Map<String, String> set) {
        return scanSet("--set", set);
    }

    /**
     * Scans entries of one helm flag ({@code --set}, {@code --set-string}); locations are {@code flag key}.
     */
    public List<Finding> scanSet(String flag, Map<String, String> set) {
        List<Finding> findings = new ArrayList<>();
        set.forEach((key, value) -> {
            String location = flag + " " + key;
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(value).find()) {
                    findings.add(new Finding(location, rule.id(), rule.description()));
                }
            }
            String last = key.replaceAll("\\[[0-9]+]$", "");
            last = last.substring(last.lastIndexOf('.') + 1);
            if (isSecretKey(last) && isLiteral(value)) {
                findings.add(new Finding(location, "generic-secret", "literal value for key '" + last + "'"));
            }
        });
        return findings;
    }

    /**
     * Scans a {@code --set-file} entry: the file's content as a values file is scanned, and the whole content as the
     * value of its key (a literal in a file for {@code db.password} is a secret too).
     */
    public List<Finding> scanSetFile(String key, String file, String content) {
        List<Finding> findings = new ArrayList<>(scanText(file, content));
        String last = key.replaceAll("\\[[0-9]+]$", "");
        last = last.substring(last.lastIndexOf('.') + 1);
        if (isSecretKey(last) && isLiteral(content)) {
            findings.add(new Finding("--set-file " + key, "generic-secret", "literal value for key '" + last + "'"));
        }
        return findings;
    }

    /** @return a report over values files (name → text) and set entries */
    public ScanReport scan(Map<String, String> files, Map<String, String> set) {
        List<Finding> findings = new ArrayList<>();
        files.forEach((n, t) -> findings.addAll(scanText(n, t)));
        findings.addAll(scanSet(set));
        return new ScanReport(findings);
    }

    private static boolean isSecretKey(String key) {
        // existingSecret and the like name a Kubernetes Secret; they do not hold one
        return SECRET_KEY.matcher(key).matches()
                && !key.toLowerCase(Locale.ROOT).startsWith("existing");
    }

    private static boolean isLiteral(String raw) {
        String v = raw.strip();
        int comment = v.indexOf(" #");
        if (comment >= 0) {
            v = v.substring(0, comment).strip();
        }
        if (v.startsWith("#")) {
            v = "";
        }
        if ((v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'")) && v.length() >= 2) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v.isEmpty() || v.equals("{}") || PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (v.startsWith("${") && v.endsWith("}") || v.startsWith("{{") && v.endsWith("}}")) {
            return false;
        }
        return !(v.startsWith("<") && v.endsWith(">"));
    }
}
