package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.PerformanceReport;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The secret scanner's recall and false-positive rate on its corpus ({@link SecretCorpus}) and its throughput on a
 * 10 MB values set, written into section {@value #SECTION} of {@code docs/performance.md}. The corpus goals are
 * asserted; the seconds are only reported.
 */
@Tag(PerformanceReport.TAG)
class SecretScanBenchmark {

    static final String SECTION = "secret-scan";
    private static final String COMMAND = "mvn -B -f central-build/pom.xml verify -Dbenchmarks"
            + " -Dtest=SecretScanBenchmark -Dsurefire.failIfNoSpecifiedTests=false";
    private static final int LAYERS = 10;
    private static final int LAYER_SIZE = 1 << 20;
    private static final int RUNS = 5;

    @Test
    void recallFalsePositivesAndThroughput() {
        SecretCorpus.Figures figures = SecretCorpus.Figures.measure();
        assertTrue(figures.recall() >= 0.95, String.join("\n", figures.misses()));
        assertTrue(figures.falsePositiveRate() <= 0.02, String.join("\n", figures.misses()));

        Map<String, String> values = valuesSet();
        long bytes = values.values().stream().mapToLong(String::length).sum();
        new SecretScanner().scan(values, Map.of()); // warm-up
        List<Double> seconds = new ArrayList<>();
        long work = 0;
        for (int run = 0; run < RUNS; run++) {
            SecretScanner scanner = new SecretScanner();
            long start = System.nanoTime();
            ScanReport report = scanner.scan(values, Map.of());
            seconds.add((System.nanoTime() - start) / 1e9);
            work = scanner.work();
            assertEquals(LAYERS, report.findings().size(), "one planted password per layer");
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.get(RUNS / 2);
        PerformanceReport.project().writeSection(SECTION, report(figures, bytes, median, seconds, work));
    }

    /** Ten layers of about 1 MB each: what large values files hold, with one planted password per layer. */
    private static Map<String, String> valuesSet() {
        Map<String, String> layers = new LinkedHashMap<>();
        for (int layer = 0; layer < LAYERS; layer++) {
            StringBuilder b = new StringBuilder("# layer " + layer + "\nservices:\n");
            int i = 0;
            while (b.length() < LAYER_SIZE) {
                b.append("  svc")
                        .append(i)
                        .append(":\n")
                        .append("    image:\n      repository: ghcr.io/acme/svc")
                        .append(i)
                        .append('\n')
                        .append("      digest: sha256:")
                        .append(String.format("%064x", (long) i * 7919 + layer))
                        .append('\n')
                        .append("    replicas: 2\n    resources: {limits: {cpu: 500m, memory: 256Mi}}\n")
                        .append("    env:\n      - name: LOG_LEVEL\n        value: info\n")
                        .append("      - name: DB_PASSWORD\n        valueFrom:\n          secretKeyRef: {name: svc")
                        .append(i)
                        .append("-db, key: password}\n")
                        .append("    annotations:\n      checksum/config: ")
                        .append(String.format("%064x", (long) i * 104729 + layer))
                        .append('\n')
                        .append("    config: |\n      server.port=8080\n      feature.tokens=false\n")
                        .append("      upstream=https://svc")
                        .append(i)
                        .append(".internal:8443/api\n");
                i++;
            }
            b.append("planted:\n  password: Pl4nted-").append(layer).append('\n');
            layers.put("values/layer-" + layer + ".yaml", b.toString());
        }
        return layers;
    }

    private static String report(
            SecretCorpus.Figures figures, long bytes, double median, List<Double> seconds, long work) {
        StringBuilder md = new StringBuilder("## Secret scanning (`deployPreview`, `promoteDigest` deploy)\n\n");
        md.append("Written by `SecretScanBenchmark`. ")
                .append(PerformanceReport.machine())
                .append("\n\n");
        md.append("Corpus: `src/test/resources/io/jenkins/plugins/environments/render/secret-corpus/` — realistic ")
                .append("leaks (values files, JSON, flow mappings, anchors, explicit keys, block scalars, BOM, ")
                .append("templates, overlays and generators, env files, `set` entries, rendered Secrets, provider ")
                .append("tokens, keys, URLs and connection strings) and realistic non-secrets (image tags, digests, ")
                .append("checksums, git SHAs, UUIDs, booleans, `secretKeyRef`, `${VAR}`, templates, External ")
                .append("Secrets, SealedSecrets, sops values, base64 of plain text, chart defaults such as ")
                .append("`password: \"\"`). Fake tokens are made at test time from a seed. A leak counts as caught ")
                .append("only when the rule the corpus expects reports it. The corpus was written together with ")
                .append("the rules, so these figures show that the rules do what they were built for; the last ")
                .append("25 leaks and 25 non-secrets of each file were written after the rules, without changing ")
                .append("them afterwards, as a small check against fitting the rules to the cases.\n\n");
        md.append("| | cases | flagged | rate | goal |\n|---|---:|---:|---:|---|\n");
        md.append(String.format(
                Locale.ROOT,
                "| leaks (recall) | %d | %d | %.1f %% | ≥ 95 %% |%n",
                figures.leaks(),
                figures.caughtByExpectedRule(),
                100 * figures.recall()));
        md.append(String.format(
                Locale.ROOT,
                "| non-secrets (false positives) | %d | %d | %.1f %% | ≤ 2 %% |%n%n",
                figures.clean(),
                figures.falsePositives(),
                100 * figures.falsePositiveRate()));
        md.append("Leaks by expected rule (caught / cases):\n\n| rule | caught | cases |\n|---|---:|---:|\n");
        Map<String, int[]> byRule = new TreeMap<>();
        for (SecretCorpus.Case c : SecretCorpus.leaks()) {
            int[] counts = byRule.computeIfAbsent(c.expected(), r -> new int[2]);
            counts[1]++;
            if (c.scan().stream().anyMatch(f -> f.ruleId().equals(c.expected()))) {
                counts[0]++;
            }
        }
        byRule.forEach((rule, n) -> md.append("| `")
                .append(rule)
                .append("` | ")
                .append(n[0])
                .append(" | ")
                .append(n[1])
                .append(" |\n"));
        md.append("\nMisses and false positives at the time of writing:\n\n");
        if (figures.misses().isEmpty()) {
            md.append("- none\n");
        }
        figures.misses()
                .forEach(m -> md.append("- ").append(m.replaceAll("\\[.*", "")).append('\n'));
        double mb = bytes / 1e6;
        md.append(String.format(
                Locale.ROOT,
                "%nThroughput: %d values files of about 1 MB (%.1f MB in all, a planted password in each), "
                        + "scanned as YAML data: median %.2f s of %d runs (%.1f MB/s). Runs: %s s. The rules "
                        + "examined %.2f characters per input character (the YAML parser's own reading not "
                        + "counted); the work bound asserted by `SecretScannerWorkTest` is 40 per character on "
                        + "1 MB lines built to make backtracking expressions blow up. One-minute load average of "
                        + "the machine after the runs: %.2f (other builds shared it, so the seconds vary).%n%n",
                LAYERS,
                mb,
                median,
                RUNS,
                mb / median,
                seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList(),
                (double) work / bytes,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        md.append("Reproduce:\n\n```\n").append(COMMAND).append("\n```\n");
        return md.toString();
    }
}
