package io.jenkins.plugins.environments.promotion;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdicts of every gate of one promotion, in the order they were evaluated. The promotion may go on only when
 * every gate {@linkplain #passed() passed}; a report without any result (no gate configured) passes.
 *
 * @param results the verdicts, in order
 */
public record GateReport(List<GateResult> results) {

    /** No gate evaluated yet. */
    public static final GateReport EMPTY = new GateReport(List.of());

    public GateReport {
        results = List.copyOf(results);
    }

    /**
     * Evaluates every gate, in order, even after one failed, so that the log shows everything that is missing at
     * once. A gate that throws despite its contract fails with the exception's message.
     */
    public static GateReport evaluate(List<? extends Gate> gates) {
        List<GateResult> results = new ArrayList<>();
        for (Gate gate : gates) {
            GateResult result;
            try {
                result = gate.evaluate();
            } catch (RuntimeException e) {
                result = GateResult.fail(gate.name(), "could not be evaluated: " + e.getMessage());
            }
            results.add(result);
        }
        return new GateReport(results);
    }

    /** @return this report with one more result at the end, such as one from the approvals gate */
    public GateReport plus(GateResult result) {
        List<GateResult> more = new ArrayList<>(results);
        more.add(result);
        return new GateReport(more);
    }

    /** @return this report followed by the results of another one */
    public GateReport plus(GateReport other) {
        List<GateResult> more = new ArrayList<>(results);
        more.addAll(other.results);
        return new GateReport(more);
    }

    /** @return whether every gate passed */
    public boolean passed() {
        return results.stream().allMatch(GateResult::passed);
    }

    /** @return the results that failed, in order */
    public List<GateResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** @return one log line per result, such as {@code FAIL scan: CVE-2024-1234 is CRITICAL (max allowed: HIGH)} */
    public List<String> lines() {
        return results.stream().map(GateResult::line).toList();
    }
}
