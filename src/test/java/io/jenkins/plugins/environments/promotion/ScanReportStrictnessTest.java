package io.jenkins.plugins.environments.promotion;

import static io.jenkins.plugins.environments.promotion.ScanGateTest.json;
import static io.jenkins.plugins.environments.promotion.ScanGateTest.result;
import static io.jenkins.plugins.environments.promotion.ScanGateTest.rule;
import static io.jenkins.plugins.environments.promotion.ScanGateTest.sarif;
import static io.jenkins.plugins.environments.promotion.ScanGateTest.trivy;
import static io.jenkins.plugins.environments.promotion.ScanGateTest.vuln;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.ScanPolicy;
import io.jenkins.plugins.environments.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, class 8: reports that should fail do. The format is told by structure and ambiguous input refused; a
 * SARIF result's severity comes from the rule it really names; the report must name the promoted digest; unknown
 * severities and secrets count under the environment's {@link ScanPolicy}.
 */
class ScanReportStrictnessTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String OTHER = "sha256:" + "b".repeat(64);
    private static final String IMAGE = "registry.example/team/app@" + DIGEST;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void reportsThatShouldFailDo(String rule, Severity max, String report, String line) {
        assertEquals(line, gate(max, report, ScanPolicy.DEFAULT).evaluate().line());
    }

    static Stream<Arguments> reports() {
        String cannot = "FAIL scan: report.json cannot be read: ";
        return Stream.of(
                Arguments.of(
                        "rule: a SARIF report naming the image by tag only does not name the digest",
                        Severity.CRITICAL,
                        sarif("registry.example/team/app:1.0", List.of(), List.of()),
                        "FAIL scan: report.json is for 'registry.example/team/app:1.0' and names no image digest; scan"
                                + " the image by digest (repository@" + DIGEST + ") so that the report records it"),
                Arguments.of(
                        "rule: a Trivy report of another image by tag does not name the digest",
                        Severity.CRITICAL,
                        trivy("registry.example/team/other:latest", List.of()),
                        "FAIL scan: report.json is for 'registry.example/team/other:latest' and names no image digest;"
                                + " scan the image by digest (repository@" + DIGEST + ") so that the report records"
                                + " it"),
                Arguments.of(
                        "rule: ruleId and ruleIndex must name the same rule",
                        Severity.HIGH,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-LOW", "2.0", null), rule("CVE-CRIT", "9.8", null)),
                                List.of(indexed(result("CVE-CRIT", null), 0))),
                        cannot + "runs[0].results[0] names rule 'CVE-CRIT' by ruleId and rule 'CVE-LOW' by ruleIndex;"
                                + " a report that names two rules for one result is not read"),
                Arguments.of(
                        "rule: ruleIndex must point at a rule",
                        Severity.HIGH,
                        sarif(IMAGE, List.of(rule("CVE-1", "2.0", null)), List.of(indexed(result("CVE-1", null), 7))),
                        cannot + "runs[0].results[0] has ruleIndex 7, which points at no rule of its tool"),
                Arguments.of(
                        "rule: ruleIndex alone selects the rule, and its severity counts",
                        Severity.HIGH,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-CRIT", "9.8", null)),
                                List.of(indexed(new LinkedHashMap<>(), 0))),
                        "FAIL scan: CVE-CRIT is CRITICAL (max allowed: HIGH)"),
                Arguments.of(
                        "rule: a rule that lives in tool.extensions is found by id",
                        Severity.HIGH,
                        sarifWithExtension(List.of(result("CVE-EXT", null))),
                        "FAIL scan: CVE-EXT is CRITICAL (max allowed: HIGH)"),
                Arguments.of(
                        "rule: a result pointing into an extension by rule.toolComponent and index",
                        Severity.HIGH,
                        sarifWithExtension(List.of(Map.of(
                                "rule", Map.of("index", 0, "toolComponent", Map.of("index", 0)),
                                "message", Map.of("text", "x")))),
                        "FAIL scan: CVE-EXT is CRITICAL (max allowed: HIGH)"),
                Arguments.of(
                        "rule: a tool component the report does not have",
                        Severity.HIGH,
                        sarifWithExtension(List.of(Map.of(
                                "ruleId", "CVE-EXT",
                                "rule", Map.of("index", 0, "toolComponent", Map.of("index", 4)),
                                "message", Map.of("text", "x")))),
                        cannot + "runs[0].results[0] names a tool component the report does not have"),
                Arguments.of(
                        "rule: one rule rated two ways is refused",
                        Severity.HIGH,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-1", "2.0", null), rule("CVE-1", "9.8", null)),
                                List.of(result("CVE-1", null))),
                        cannot + "runs[0].results[0] names rule 'CVE-1', which the report defines more than once; a"
                                + " report that rates one rule two ways is not read"),
                Arguments.of(
                        "rule: a sub-rule after a slash is rated by its rule",
                        Severity.HIGH,
                        sarif(IMAGE, List.of(rule("CVE-1", "9.8", null)), List.of(result("CVE-1/openssl", null))),
                        "FAIL scan: CVE-1/openssl is CRITICAL (max allowed: HIGH)"),
                Arguments.of(
                        "rule: Trivy keys in another case are refused, not read as no findings",
                        Severity.HIGH,
                        json(Map.of(
                                "SchemaVersion",
                                2,
                                "ArtifactName",
                                IMAGE,
                                "results",
                                List.of(Map.of("Vulnerabilities", List.of(vuln("CVE-1", "CRITICAL")))))),
                        cannot + "it has the key 'results' where 'Results' is meant: keys are case-sensitive, and this"
                                + " report is not read"),
                Arguments.of(
                        "rule: vulnerability keys in another case are refused",
                        Severity.HIGH,
                        json(Map.of(
                                "SchemaVersion",
                                2,
                                "ArtifactName",
                                IMAGE,
                                "Results",
                                List.of(Map.of("vulnerabilities", List.of(vuln("CVE-1", "CRITICAL")))))),
                        cannot + "Results[0] has the key 'vulnerabilities' where 'Vulnerabilities' is meant: keys are"
                                + " case-sensitive, and this report is not read"),
                Arguments.of(
                        "rule: a severity in another case is not a Trivy severity",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(vuln("CVE-1", "critical"))),
                        cannot + "CVE-1 has severity 'critical', not one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL"),
                Arguments.of(
                        "rule: a Trivy report with SARIF keys added is ambiguous",
                        Severity.HIGH,
                        withSarifKeys(trivyOfOtherDigest()),
                        cannot + "it has keys of both a SARIF report (runs, $schema) and a Trivy JSON report"
                                + " (SchemaVersion, ArtifactName, ArtifactType, Results): a report that could be read"
                                + " two ways is not read"),
                Arguments.of(
                        "rule: UNKNOWN counts as HIGH by default",
                        Severity.MEDIUM,
                        trivy(IMAGE, List.of(vuln("CVE-9", "UNKNOWN"))),
                        "FAIL scan: CVE-9 is UNKNOWN, counted as HIGH (max allowed: MEDIUM)"),
                Arguments.of(
                        "rule: a SARIF level none is UNKNOWN and counts as HIGH",
                        Severity.MEDIUM,
                        sarif(IMAGE, List.of(), List.of(result("rule-9", "none"))),
                        "FAIL scan: rule-9 is UNKNOWN, counted as HIGH (max allowed: MEDIUM)"),
                Arguments.of(
                        "rule: Trivy's secret findings count as CRITICAL by default",
                        Severity.HIGH,
                        trivyWithSecret("aws-access-key-id", "LOW"),
                        "FAIL scan: secret:aws-access-key-id (a secret in the image) counts as CRITICAL (max allowed:"
                                + " HIGH)"),
                Arguments.of(
                        "rule: a secret finding needs its RuleID",
                        Severity.HIGH,
                        trivyWithSecret(null, "HIGH"),
                        cannot + "Results[0].Secrets[0] has no RuleID"));
    }

    @Test
    void rule_thePolicyDecidesHowUnknownAndSecretsCount() {
        ScanPolicy lenient = new ScanPolicy(Severity.LOW, Severity.MEDIUM, false);
        assertEquals(
                "PASS scan: no finding above MEDIUM in report.json (Trivy JSON, 1 finding; 1 of unknown severity,"
                        + " counted as LOW; scanned " + DIGEST + ")",
                gate(Severity.MEDIUM, trivy(IMAGE, List.of(vuln("CVE-9", "UNKNOWN"))), lenient)
                        .evaluate()
                        .line());
        assertEquals(
                "PASS scan: no finding above MEDIUM in report.json (Trivy JSON, 1 finding; 1 secret, counted as MEDIUM;"
                        + " scanned " + DIGEST + ")",
                gate(Severity.MEDIUM, trivyWithSecret("github-pat", "CRITICAL"), lenient)
                        .evaluate()
                        .line());
    }

    @Test
    void rule_aReportWithoutDigestPassesOnlyWhereTheEnvironmentAcceptsIt() {
        String report = sarif(null, List.of(), List.of(result("rule-1", "note")));
        assertEquals(
                "FAIL scan: report.json is for an unnamed image and names no image digest; scan the image by digest"
                        + " (repository@" + DIGEST + ") so that the report records it",
                gate(Severity.HIGH, report, ScanPolicy.DEFAULT).evaluate().line());
        assertEquals(
                "PASS scan: no finding above HIGH in report.json (SARIF, 1 finding; the report names no image digest,"
                        + " so it is not matched to " + DIGEST + " (this environment accepts that))",
                gate(Severity.HIGH, report, new ScanPolicy(Severity.HIGH, Severity.CRITICAL, true))
                        .evaluate()
                        .line());
        assertEquals(
                "FAIL scan: report.json is for " + OTHER + ", not " + DIGEST,
                gate(Severity.HIGH, trivyOfOtherDigest(), new ScanPolicy(Severity.HIGH, Severity.CRITICAL, true))
                        .evaluate()
                        .line());
    }

    @Test
    void rule_unknownIsNotACountingSeverity() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class, () -> new ScanPolicy(Severity.UNKNOWN, Severity.HIGH, false));
        assertEquals("Count as 'unknown' says nothing: choose low, medium, high or critical", e.getMessage());
    }

    private static ScanGate gate(Severity max, String report, ScanPolicy policy) {
        return new ScanGate(max, DIGEST, "report.json", report, null, null, CLOCK, policy);
    }

    private static Map<String, Object> indexed(Map<String, Object> result, int index) {
        result.put("ruleIndex", index);
        return result;
    }

    private static String sarifWithExtension(List<Map<String, Object>> results) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put(
                "tool",
                Map.of(
                        "driver",
                        Map.of("name", "Scanner", "rules", List.of(rule("CVE-LOW", "1.0", null))),
                        "extensions",
                        List.of(Map.of("name", "db", "rules", List.of(rule("CVE-EXT", "9.9", null))))));
        run.put("results", results);
        run.put("properties", Map.of("imageName", IMAGE));
        return json(Map.of("version", "2.1.0", "runs", List.of(run)));
    }

    private static String trivyOfOtherDigest() {
        return trivy("registry.example/team/app@" + OTHER, List.of(vuln("CVE-1", "CRITICAL")));
    }

    private static String withSarifKeys(String trivy) {
        return trivy.substring(0, trivy.length() - 1)
                + ",\"runs\":[],\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\"}";
    }

    private static String trivyWithSecret(String ruleId, String severity) {
        Map<String, Object> secret = new LinkedHashMap<>();
        if (ruleId != null) {
            secret.put("RuleID", ruleId);
        }
        secret.put("Category", "AWS");
        secret.put("Severity", severity);
        secret.put("Title", "a key");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("SchemaVersion", 2);
        report.put("ArtifactName", IMAGE);
        report.put("Results", List.of(Map.of("Target", "/app/.env", "Class", "secret", "Secrets", List.of(secret))));
        return json(report);
    }
}
