package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GateReportTest {

    /** A gate of another package, such as approvals, that only computes its result. */
    record FixedGate(String name, Supplier<GateResult> evaluation) implements Gate {
        @Override
        public GateResult evaluate() {
            return evaluation.get();
        }
    }

    @Test
    void everyGateIsEvaluatedEvenAfterOneFailed_andThePromotionPassesOnlyIfAllPassed() {
        List<String> evaluated = new ArrayList<>();
        Gate failing = new FixedGate("scan", () -> {
            evaluated.add("scan");
            return GateResult.fail("scan", "CVE-2024-1234 is CRITICAL (max allowed: HIGH)");
        });
        Gate passing = new FixedGate("signature", () -> {
            evaluated.add("signature");
            return GateResult.pass("signature", "verified with key 'prod-signing' (ECDSA P-256)");
        });
        GateReport report = GateReport.evaluate(List.of(failing, passing));
        assertEquals(List.of("scan", "signature"), evaluated);
        assertFalse(report.passed());
        assertEquals(
                List.of(
                        "FAIL scan: CVE-2024-1234 is CRITICAL (max allowed: HIGH)",
                        "PASS signature: verified with key 'prod-signing' (ECDSA P-256)"),
                report.lines());
        assertEquals(List.of(report.results().get(0)), report.failures());
    }

    @Test
    void resultsOfOtherGatesJoinTheReport() {
        GateReport report = GateReport.evaluate(List.of(
                        new FixedGate("allowed-jobs", () -> GateResult.pass("allowed-jobs", "job 'a' may promote"))))
                .plus(GateResult.pass("approvals", "2 of 2 approvals"))
                .plus(new GateReport(List.of(GateResult.pass("live-in-source", "running in staging"))));
        assertTrue(report.passed());
        assertEquals(
                List.of(
                        "PASS allowed-jobs: job 'a' may promote",
                        "PASS approvals: 2 of 2 approvals",
                        "PASS live-in-source: running in staging"),
                report.lines());
        assertTrue(GateReport.EMPTY.passed(), "no gate configured: nothing blocks the promotion");
    }

    @Test
    void aGateThatThrowsFailsWithTheMessage() {
        Gate broken = new FixedGate("approvals", () -> {
            throw new IllegalStateException("approval store unreadable");
        });
        assertEquals(
                List.of("FAIL approvals: could not be evaluated: approval store unreadable"),
                GateReport.evaluate(List.of(broken)).lines());
    }

    @Test
    void aReasonIsAlwaysOneLine() {
        assertEquals(
                "FAIL scan: line one  line two",
                GateResult.fail("scan", "line one\r\nline two\n").line());
    }
}
