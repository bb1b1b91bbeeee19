package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.model.Gates;
import java.util.ArrayList;
import java.util.List;

/**
 * The approvals gate: when the target's gates require approvals, one {@code awaitApproval} of this build for exactly
 * this environment and digest must satisfy them (distinct approvers from the list, no self-approval …, as
 * {@link ApprovalResult#shortfalls} judges).
 */
final class ApprovalsGate implements Gate {

    static final String GATE = "approvals";

    private final String environment;
    private final String digest;
    private final Gates gates;
    private final List<ApprovalResult> approvals;
    private final RealmRules rules;

    ApprovalsGate(String environment, String digest, Gates gates, List<ApprovalResult> approvals, RealmRules rules) {
        this.environment = environment;
        this.digest = digest;
        this.gates = gates;
        this.approvals = List.copyOf(approvals);
        this.rules = rules;
    }

    @Override
    public String name() {
        return GATE;
    }

    @Override
    public GateResult evaluate() {
        if (gates.requiredApprovals() == 0) {
            return GateResult.pass(GATE, environment + " requires no approval");
        }
        List<String> shortfalls = new ArrayList<>();
        for (ApprovalResult approval : approvals) {
            List<String> problems = approval.shortfalls(environment, digest, gates, rules);
            if (problems.isEmpty()) {
                return GateResult.pass(
                        GATE, "approved by " + String.join(", ", approval.approvers()) + " at " + approval.decidedAt());
            }
            shortfalls.addAll(problems);
        }
        if (approvals.isEmpty()) {
            return GateResult.fail(
                    GATE,
                    environment + " requires " + gates.requiredApprovals() + " approval(s): call awaitApproval for "
                            + digest + " in this build first");
        }
        return GateResult.fail(GATE, String.join("; ", shortfalls));
    }
}
