package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jenkins.plugins.environments.model.ScanPolicy;
import io.jenkins.plugins.environments.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The scan rule: no finding above the environment's maximum severity, unless waived by a waiver not yet expired. */
class ScanGateTest {

    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String OTHER = "sha256:" + "b".repeat(64);
    static final String IMAGE = "registry.example/team/app@" + DIGEST;
    /** 2026-06-15 at noon UTC. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

    static final String WAIVERS = """
            - id: CVE-2024-0001
              expires: 2026-12-31
              reason: the affected parser is never called (SEC-42)
            - id: CVE-2024-0002
              expires: 2026-06-14
              reason: fix promised for June
            - id: CVE-2024-0003
              expires: '2026-06-15'
              reason: last day today
            """;

    static Stream<Arguments> reports() {
        String scanned = "; scanned " + DIGEST + ")";
        return Stream.of(
                Arguments.of(
                        "clean report",
                        Severity.HIGH,
                        trivy(IMAGE, List.of()),
                        "PASS scan: no finding above HIGH in trivy.json (Trivy JSON, 0 findings" + scanned),
                Arguments.of(
                        "severity exactly at the maximum is allowed",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(vuln("CVE-2024-1000", "HIGH"), vuln("CVE-2024-1001", "LOW"))),
                        "PASS scan: no finding above HIGH in trivy.json (Trivy JSON, 2 findings" + scanned),
                Arguments.of(
                        "one finding above the maximum",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(vuln("CVE-2024-1234", "CRITICAL"))),
                        "FAIL scan: CVE-2024-1234 is CRITICAL (max allowed: HIGH)"),
                Arguments.of(
                        "waived and unwaived critical",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(vuln("CVE-2024-0001", "CRITICAL"), vuln("CVE-2024-1234", "CRITICAL"))),
                        "FAIL scan: CVE-2024-1234 is CRITICAL (max allowed: HIGH)"),
                Arguments.of(
                        "only waived findings above the maximum",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(vuln("CVE-2024-0001", "CRITICAL"), vuln("CVE-2024-0003", "CRITICAL"))),
                        "PASS scan: no finding above HIGH in trivy.json (Trivy JSON, 2 findings; waived: CVE-2024-0001"
                                + " until 2026-12-31, CVE-2024-0003 until 2026-06-15" + scanned),
                Arguments.of(
                        "expired waiver",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(vuln("CVE-2024-0002", "CRITICAL"))),
                        "FAIL scan: CVE-2024-0002 is CRITICAL (max allowed: HIGH); waiver for CVE-2024-0002 expired"
                                + " on 2026-06-14"),
                Arguments.of(
                        "rule: UNKNOWN counts as HIGH by default (an unrated finding is not shown harmless)",
                        Severity.LOW,
                        trivy(IMAGE, List.of(vuln("CVE-2024-2000", "UNKNOWN"))),
                        "FAIL scan: CVE-2024-2000 is UNKNOWN, counted as HIGH (max allowed: LOW)"),
                Arguments.of(
                        "UNKNOWN at HIGH is allowed where HIGH is",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(vuln("CVE-2024-2000", "UNKNOWN"))),
                        "PASS scan: no finding above HIGH in trivy.json (Trivy JSON, 1 finding; 1 of unknown severity,"
                                + " counted as HIGH" + scanned),
                Arguments.of(
                        "one id in several packages counts once, at its worst",
                        Severity.MEDIUM,
                        trivy(IMAGE, List.of(vuln("CVE-2024-3000", "LOW"), vuln("CVE-2024-3000", "HIGH"))),
                        "FAIL scan: CVE-2024-3000 is HIGH (max allowed: MEDIUM)"),
                Arguments.of(
                        "many findings, most severe first",
                        Severity.LOW,
                        trivy(
                                IMAGE,
                                IntStream.rangeClosed(1, 7)
                                        .mapToObj(i -> vuln("CVE-2024-400" + i, i == 7 ? "CRITICAL" : "MEDIUM"))
                                        .toList()),
                        "FAIL scan: CVE-2024-4007 is CRITICAL, CVE-2024-4001 is MEDIUM, CVE-2024-4002 is MEDIUM,"
                                + " CVE-2024-4003 is MEDIUM, CVE-2024-4004 is MEDIUM and 2 more (max allowed: LOW)"),
                Arguments.of(
                        "report for another digest",
                        Severity.HIGH,
                        trivy("registry.example/team/app@" + OTHER, List.of()),
                        "FAIL scan: trivy.json is for " + OTHER + ", not " + DIGEST),
                Arguments.of(
                        "report naming the digest in RepoDigests only",
                        Severity.HIGH,
                        trivy("registry.example/team/app:1.0", List.of(), "registry.example/team/app@" + DIGEST),
                        "PASS scan: no finding above HIGH in trivy.json (Trivy JSON, 0 findings" + scanned),
                Arguments.of(
                        "report naming no digest",
                        Severity.HIGH,
                        trivy("registry.example/team/app:1.0", List.of()),
                        "FAIL scan: trivy.json is for 'registry.example/team/app:1.0' and names no image digest; scan"
                                + " the image by digest (repository@" + DIGEST + ") so that the report records it"),
                Arguments.of(
                        "filesystem report",
                        Severity.HIGH,
                        "{\"SchemaVersion\":2,\"ArtifactName\":\".\",\"ArtifactType\":\"filesystem\"}",
                        "FAIL scan: trivy.json cannot be read: it is a report of a filesystem, not of a container"
                                + " image"),
                Arguments.of(
                        "malformed JSON",
                        Severity.HIGH,
                        "{\"SchemaVersion\":2,\n\"Results\":[",
                        "FAIL scan: trivy.json cannot be read: it is not valid JSON (line 2, column 12)"),
                Arguments.of(
                        "unknown format",
                        Severity.HIGH,
                        "{\"bomFormat\":\"CycloneDX\"}",
                        "FAIL scan: trivy.json cannot be read: it is neither a Trivy JSON report (no SchemaVersion,"
                                + " ArtifactName or Results) nor a SARIF report (no runs)"),
                Arguments.of(
                        "unknown Trivy severity",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(vuln("CVE-2024-5000", "SEVERE"))),
                        "FAIL scan: trivy.json cannot be read: CVE-2024-5000 has severity 'SEVERE', not one of"
                                + " UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL"),
                Arguments.of(
                        "finding without id",
                        Severity.HIGH,
                        trivy(IMAGE, List.of(Map.of("Severity", "LOW"))),
                        "FAIL scan: trivy.json cannot be read: Results[0].Vulnerabilities[0] has no VulnerabilityID"),
                Arguments.of(
                        "no report",
                        Severity.HIGH,
                        null,
                        "FAIL scan: no scan report given; this environment needs one with no finding above HIGH"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void noFindingAboveTheMaximumUnlessWaived(String name, Severity max, String report, String line) {
        assertEquals(line, gate(max, "trivy.json", report, WAIVERS).evaluate().line());
    }

    static Stream<Arguments> sarifReports() {
        return Stream.of(
                Arguments.of(
                        "score on the rule, critical",
                        Severity.HIGH,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-2024-1234", "9.8", null)),
                                List.of(result("CVE-2024-1234", null))),
                        "FAIL scan: CVE-2024-1234 is CRITICAL (max allowed: HIGH)"),
                Arguments.of(
                        "score on the rule, high, allowed",
                        Severity.HIGH,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-2024-1234", "7.5", null)),
                                List.of(result("CVE-2024-1234", null))),
                        "PASS scan: no finding above HIGH in scan.sarif (SARIF, 1 finding; scanned " + DIGEST + ")"),
                Arguments.of(
                        "a lower score on the result does not hide the rule's",
                        Severity.MEDIUM,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-2024-1234", "9.8", null)),
                                List.of(withScore(result("CVE-2024-1234", null), 5.0))),
                        "FAIL scan: CVE-2024-1234 is CRITICAL (max allowed: MEDIUM)"),
                Arguments.of(
                        "a higher score on the result counts",
                        Severity.MEDIUM,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-2024-1234", "2.0", null)),
                                List.of(withScore(result("CVE-2024-1234", null), 9.1))),
                        "FAIL scan: CVE-2024-1234 is CRITICAL (max allowed: MEDIUM)"),
                Arguments.of(
                        "no score: the level decides",
                        Severity.MEDIUM,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-2024-1234", null, "error")),
                                List.of(result("CVE-2024-1234", null))),
                        "FAIL scan: CVE-2024-1234 is HIGH (max allowed: MEDIUM)"),
                Arguments.of(
                        "no score, no level: SARIF's default warning",
                        Severity.LOW,
                        sarif(IMAGE, List.of(), List.of(result("rule-1", null))),
                        "FAIL scan: rule-1 is MEDIUM (max allowed: LOW)"),
                Arguments.of(
                        "report names no image",
                        Severity.HIGH,
                        sarif(null, List.of(), List.of(result("rule-1", "note"))),
                        "FAIL scan: scan.sarif is for an unnamed image and names no image digest; scan the image by"
                                + " digest (repository@" + DIGEST + ") so that the report records it"),
                Arguments.of(
                        "report for another digest",
                        Severity.HIGH,
                        sarif("registry.example/team/app@" + OTHER, List.of(), List.of()),
                        "FAIL scan: scan.sarif is for " + OTHER + ", not " + DIGEST),
                Arguments.of(
                        "score that is not a CVSS score",
                        Severity.HIGH,
                        sarif(
                                IMAGE,
                                List.of(rule("CVE-2024-1234", "high", null)),
                                List.of(result("CVE-2024-1234", null))),
                        "FAIL scan: scan.sarif cannot be read: CVE-2024-1234 has security-severity \"high\", not a"
                                + " CVSS score from 0.0 to 10.0"),
                Arguments.of(
                        "other SARIF version",
                        Severity.HIGH,
                        "{\"version\":\"2.0.0\",\"runs\":[]}",
                        "FAIL scan: scan.sarif cannot be read: it is SARIF version '2.0.0'; only 2.1.0 is read"));
    }

    @ParameterizedTest(name = "SARIF: {0}")
    @MethodSource("sarifReports")
    void sarifFindingsAreRatedByCvssScoreThenLevel(String name, Severity max, String report, String line) {
        assertEquals(line, gate(max, "scan.sarif", report, null).evaluate().line());
    }

    @ParameterizedTest(name = "CVSS {0} is {1}")
    @CsvSource({
        "0.0, LOW",
        "0.1, LOW",
        "3.9, LOW",
        "4.0, MEDIUM",
        "6.9, MEDIUM",
        "7.0, HIGH",
        "8.9, HIGH",
        "9.0, CRITICAL",
        "10.0, CRITICAL"
    })
    void cvssScoresMapToTheirQualitativeRating(String score, Severity severity) {
        assertEquals(severity, VulnerabilityReport.cvss("x", JsonNodeFactory.instance.textNode(score)));
        assertEquals(
                severity,
                VulnerabilityReport.cvss("x", JsonNodeFactory.instance.numberNode(Double.parseDouble(score))));
    }

    @Test
    void cvssScoresOutsideTheScaleAreRejected() {
        for (String score : List.of("10.1", "-1", "")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> VulnerabilityReport.cvss("CVE-1", JsonNodeFactory.instance.textNode(score)));
            assertEquals(
                    "CVE-1 has security-severity \"" + score + "\", not a CVSS score from 0.0 to 10.0", e.getMessage());
        }
    }

    @Test
    void aBrokenWaiverFileFailsTheGate() {
        String report = trivy(IMAGE, List.of(vuln("CVE-2024-1234", "CRITICAL")));
        assertEquals(
                "FAIL scan: waivers.yaml cannot be read: entry 1 (CVE-2024-1234) has no reason",
                gate(Severity.HIGH, "trivy.json", report, "- id: CVE-2024-1234\n  expires: 2027-01-01\n")
                        .evaluate()
                        .line());
    }

    @Test
    void controlCharactersInAReportDoNotBreakTheLogLine() {
        String report = trivy(IMAGE, List.of(vuln("CVE-2024-1234\nPASS scan: forged", "CRITICAL")));
        assertEquals(
                "FAIL scan: trivy.json cannot be read: Results[0].Vulnerabilities[0]: the finding id CVE-2024-1234"
                        + " PASS scan: forged contains a control, line-separator, bidirectional or zero-width character",
                gate(Severity.HIGH, "trivy.json", report, null).evaluate().line());
    }

    private static ScanGate gate(Severity max, String name, String report, String waivers) {
        return new ScanGate(max, DIGEST, name, report, "waivers.yaml", waivers, CLOCK, ScanPolicy.DEFAULT);
    }

    static Map<String, Object> vuln(String id, String severity) {
        Map<String, Object> vuln = new LinkedHashMap<>();
        vuln.put("VulnerabilityID", id);
        vuln.put("PkgName", "openssl");
        vuln.put("Severity", severity);
        return vuln;
    }

    static String trivy(String artifact, List<Map<String, Object>> vulnerabilities, String... repoDigests) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("SchemaVersion", 2);
        report.put("ArtifactName", artifact);
        report.put("ArtifactType", "container_image");
        report.put("Metadata", Map.of("ImageID", "sha256:" + "f".repeat(64), "RepoDigests", List.of(repoDigests)));
        report.put(
                "Results",
                List.of(Map.of("Target", "app (debian 12.5)", "Class", "os-pkgs", "Vulnerabilities", vulnerabilities)));
        return json(report);
    }

    static Map<String, Object> rule(String id, String score, String level) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", id);
        if (score != null) {
            rule.put("properties", Map.of("security-severity", score));
        }
        if (level != null) {
            rule.put("defaultConfiguration", Map.of("level", level));
        }
        return rule;
    }

    static Map<String, Object> result(String ruleId, String level) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", ruleId);
        if (level != null) {
            result.put("level", level);
        }
        result.put("message", Map.of("text", "Package: openssl"));
        return result;
    }

    static Map<String, Object> withScore(Map<String, Object> result, double score) {
        result.put("properties", Map.of("security-severity", score));
        return result;
    }

    static String sarif(String imageName, List<Map<String, Object>> rules, List<Map<String, Object>> results) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", Map.of("name", "Trivy", "rules", rules)));
        run.put("results", results);
        if (imageName != null) {
            run.put("properties", Map.of("imageName", imageName, "repoDigests", new ArrayList<>()));
        }
        Map<String, Object> sarif = new LinkedHashMap<>();
        sarif.put("version", "2.1.0");
        sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        sarif.put("runs", List.of(run));
        return json(sarif);
    }

    static String json(Object value) {
        return new String(CosignFixture.json(value), StandardCharsets.UTF_8);
    }
}
