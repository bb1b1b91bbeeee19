package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.testing.FakeSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scanner's corpus: realistic leaks ({@code secret-corpus/leaks.tsv}) and realistic non-secrets
 * ({@code secret-corpus/clean.tsv}), one case a line: the expected rule (or {@code clean}), the file it would be in
 * (or {@code --set}, or {@code rendered} for the output of a render) and its content. Credentials in the shapes of
 * provider tokens are written as {@code @@kind@@} and made by {@link FakeSecrets} when the corpus is loaded, so the
 * files hold nothing that looks like a live token; every other value is made up.
 */
final class SecretCorpus {

    private static final Pattern FAKE = Pattern.compile("@@([a-z0-9_-]+)(?::(json|[0-9]+))?@@");

    /** One case. */
    record Case(int number, String expected, String file, String content) {

        boolean clean() {
            return expected.equals("clean");
        }

        /** @return the findings of a fresh scanner on this case */
        List<SecretScanner.Finding> scan() {
            return scanInto(new SecretScanner()).findings();
        }

        SecretScanner scanInto(SecretScanner scanner) {
            switch (file) {
                case "--set" -> {
                    Map<String, String> set = new LinkedHashMap<>();
                    for (String line : content.split("\n")) {
                        int eq = line.indexOf('=');
                        set.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                    scanner.scanSet(set);
                }
                case "rendered" -> scanner.scanRendered("chart", RenderedManifests.parse(content, "rendered"));
                default -> scanner.scanFile(file, content);
            }
            return scanner;
        }

        @Override
        public String toString() {
            return "case " + number + " (" + expected + ", " + file + ")";
        }
    }

    static List<Case> leaks() {
        return load("leaks.tsv", 1000);
    }

    static List<Case> clean() {
        return load("clean.tsv", 5000);
    }

    private static List<Case> load(String name, int firstSeed) {
        String text;
        try (InputStream in = SecretCorpus.class.getResourceAsStream("secret-corpus/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> cases = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            number++;
            String[] parts = line.split("\t", 3);
            FakeSecrets fake = new FakeSecrets(firstSeed + number);
            cases.add(new Case(number, parts[0], parts[1], expand(parts[2], fake)));
        }
        return cases;
    }

    private static String expand(String raw, FakeSecrets fake) {
        String text = raw.replace("\\n", "\n").replace("\\t", "\t").replace("@BOM@", "\uFEFF");
        Matcher m = FAKE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = fake.of(m.group(1)).stripTrailing();
            if ("json".equals(m.group(2))) {
                value = value.replace("\n", "\\n");
            } else if (m.group(2) != null) {
                value = value.replace("\n", "\n" + " ".repeat(Integer.parseInt(m.group(2))));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Recall and false positives over the corpus. */
    record Figures(
            int leaks, int caught, int caughtByExpectedRule, int clean, int falsePositives, List<String> misses) {

        static Figures measure() {
            List<String> misses = new ArrayList<>();
            int caught = 0;
            int byRule = 0;
            List<Case> leaks = SecretCorpus.leaks();
            for (Case c : leaks) {
                List<SecretScanner.Finding> findings = c.scan();
                if (!findings.isEmpty()) {
                    caught++;
                }
                if (findings.stream().anyMatch(f -> f.ruleId().equals(c.expected()))) {
                    byRule++;
                } else {
                    misses.add("missed " + c + ": " + findings);
                }
            }
            int fp = 0;
            List<Case> clean = SecretCorpus.clean();
            for (Case c : clean) {
                List<SecretScanner.Finding> findings = c.scan();
                if (!findings.isEmpty()) {
                    fp++;
                    misses.add("false positive " + c + ": " + findings);
                }
            }
            return new Figures(leaks.size(), caught, byRule, clean.size(), fp, misses);
        }

        double recall() {
            return (double) caughtByExpectedRule / leaks;
        }

        double falsePositiveRate() {
            return (double) falsePositives / clean;
        }
    }
}
