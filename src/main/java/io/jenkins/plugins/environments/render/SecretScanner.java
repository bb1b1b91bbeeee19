package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.SecretKeys;
import io.jenkins.plugins.environments.model.SecretValues;
import io.jenkins.plugins.environments.model.TokenFormats;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds secrets in what a render reads: values files, {@code set} entries, a chart's files and templates, an overlay's
 * files and generators, manifests, and the Secrets a render produces. A finding names the file, the line and the rule,
 * never the value.
 *
 * <p>YAML and JSON are read as data ({@link YamlSecretRules}: flow mappings, anchors, explicit keys, multi-line and
 * block scalars, several documents); templates and other text files line by line ({@link TextSecretRules}). The rules:
 * {@link TokenFormats} (credential shapes, passwords in URLs) on every string, an AWS secret key within three lines of
 * an access key id, {@link SecretKeys} (secret key names with a literal value), {@code name}/{@code value} pairs whose
 * name is a secret name, {@code KEY=value} inside strings, and rendered Secrets with data. Every rule reads its input
 * a bounded number of times; {@link #work()} counts the characters examined.
 */
public final class SecretScanner {

    /** The rule ids, for waivers and documentation. */
    public static final Set<String> RULES = Set.of(
            "generic-secret",
            "env-secret",
            "assignment-secret",
            "aws-secret-access-key",
            "secret-object",
            "private-key",
            "private-key-base64",
            "github-token",
            "gitlab-token",
            "slack-token",
            "slack-webhook",
            "stripe-key",
            "google-api-key",
            "npm-token",
            "aws-access-key-id",
            "vault-token",
            "sendgrid-key",
            "ai-api-key",
            "pypi-token",
            "age-secret-key",
            "digitalocean-token",
            "shopify-token",
            "huggingface-token",
            "jwt",
            "docker-config-auth",
            "authorization-header",
            "url-password");

    /**
     * One finding. {@code toString()} is {@code location: [rule] description}.
     *
     * @param file workspace-relative file, {@code --set key}, or the rendered source
     * @param line 1-based line, or 0 when there is none
     */
    public record Finding(String file, int line, String ruleId, String description) {

        /** @return {@code file:line}, or the file alone */
        public String location() {
            return line > 0 ? file + ":" + line : file;
        }

        @Override
        public String toString() {
            return location() + ": [" + ruleId + "] " + description;
        }
    }

    private final Set<Finding> findings = new LinkedHashSet<>();
    private final Map<String, NavigableSet<Integer>> awsIdLines = new TreeMap<>();
    private final Map<String, NavigableSet<Integer>> awsSecretLines = new TreeMap<>();
    private long work;

    /** @return the findings of everything scanned so far, AWS pairs included, in order of discovery */
    public List<Finding> findings() {
        awsIdLines.forEach((file, ids) -> {
            for (int secretLine : awsSecretLines.getOrDefault(file, new TreeSet<>())) {
                if (!ids.subSet(secretLine - 3, true, secretLine + 3, true).isEmpty()) {
                    findings.add(new Finding(
                            file,
                            secretLine,
                            "aws-secret-access-key",
                            "AWS secret access key next to an access key id"));
                }
            }
        });
        return List.copyOf(findings);
    }

    /** @return the characters examined by the rules so far (the YAML parser's own reading not counted) */
    public long work() {
        return work;
    }

    /** @return a report of everything scanned so far */
    public ScanReport report() {
        return new ScanReport(findings());
    }

    /** Scans a values file or manifest: YAML or JSON read as data, or line by line where it does not parse. */
    public SecretScanner scanValues(String file, String text) {
        new YamlSecretRules(this, file).scan(text);
        return this;
    }

    /** Scans a template or any other text file line by line; {@code {{ … }}} counts as a reference. */
    public SecretScanner scanLines(String file, String text) {
        new TextSecretRules(this, file).lines(1, text);
        return this;
    }

    /** Scans a file of a chart or an overlay by its kind: templates and text line by line, YAML and JSON as data. */
    public SecretScanner scanFile(String file, String text) {
        String lower = file.toLowerCase(Locale.ROOT);
        boolean template = ("/" + lower).contains("/templates/");
        if (lower.endsWith(".md") || lower.endsWith("license") || lower.endsWith(".txt") && !template) {
            new TextSecretRules(this, file).tokensOnly(text);
        } else if (!template && (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
            scanValues(file, text);
        } else {
            scanLines(file, text);
        }
        return this;
    }

    /** Scans {@code --set} entries; locations are {@code --set key}. */
    public SecretScanner scanSet(Map<String, String> set) {
        return scanSet("--set", set);
    }

    /** Scans the entries of one helm flag ({@code --set}, {@code --set-string}); locations are {@code flag key}. */
    public SecretScanner scanSet(String flag, Map<String, String> set) {
        Map<String, String> names = new TreeMap<>();
        set.forEach((key, value) -> {
            String file = flag + " " + key;
            TextSecretRules text = new TextSecretRules(this, file);
            text.value(0, value);
            if (SecretKeys.isSecretKey(key) && SecretValues.isLiteralSecret(key, value)) {
                add(file, 0, "generic-secret", "literal value for key '" + lastSegment(key) + "'");
            }
            if (key.endsWith(".name") && SecretKeys.isSecretKey(value)) {
                names.put(key.substring(0, key.length() - 5), value);
            }
        });
        names.forEach((prefix, name) -> {
            String value = set.get(prefix + ".value");
            if (value != null && SecretValues.isLiteralVariableValue(name, value)) {
                add(flag + " " + prefix + ".value", 0, "env-secret", "literal value for variable '" + name + "'");
            }
        });
        return this;
    }

    /**
     * Scans a {@code --set-file} entry: the file's content as a values file, and the whole content as the value of its
     * key (a literal in a file for {@code db.password} is a secret too).
     */
    public SecretScanner scanSetFile(String key, String file, String content) {
        scanValues(file, content);
        if (SecretKeys.isSecretKey(key) && SecretValues.isLiteralSecret(key, content.strip())) {
            add("--set-file " + key, 0, "generic-secret", "literal value for key '" + lastSegment(key) + "'");
        }
        return this;
    }

    /**
     * Flags rendered Secrets that carry data: their data comes from the repository, since the plugin does not make
     * Secrets from credentials. ExternalSecrets and SealedSecrets are other kinds and pass.
     *
     * @param source the chart, overlay or folder that was rendered
     */
    public SecretScanner scanRendered(String source, List<Map<String, Object>> documents) {
        for (Map<String, Object> doc : documents) {
            if (!"Secret".equals(RenderedManifests.kind(doc)) || !"v1".equals(RenderedManifests.apiVersion(doc))) {
                continue;
            }
            Set<String> keys = new TreeSet<>();
            for (String field : List.of("data", "stringData")) {
                if (doc.get(field) instanceof Map<?, ?> data) {
                    data.forEach((k, v) -> {
                        if (v != null && !String.valueOf(v).isBlank()) {
                            keys.add(String.valueOf(k));
                        }
                    });
                }
            }
            if (!keys.isEmpty()) {
                String name = doc.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "?";
                add(
                        source,
                        0,
                        "secret-object",
                        "rendered Secret '" + name + "' holds data from the repository (keys " + String.join(", ", keys)
                                + "); create it with an ExternalSecret or a SealedSecret instead");
            }
        }
        return this;
    }

    // ---- used by the rule classes ----

    void add(String file, int line, String ruleId, String description) {
        findings.add(new Finding(file, line, ruleId, description));
    }

    void awsId(String file, int line) {
        awsIdLines.computeIfAbsent(file, f -> new TreeSet<>()).add(line);
    }

    void awsSecret(String file, int line) {
        awsSecretLines.computeIfAbsent(file, f -> new TreeSet<>()).add(line);
    }

    void work(long characters) {
        work += characters;
    }

    static String lastSegment(String key) {
        String k = key.replaceAll("\\[[0-9]+]$", "");
        return k.substring(k.lastIndexOf('.') + 1);
    }

    /** @return findings of a fresh scanner over several values files and set entries */
    public ScanReport scan(Map<String, String> files, Map<String, String> set) {
        files.forEach(this::scanValues);
        scanSet(set);
        return report();
    }
}
