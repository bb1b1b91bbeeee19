package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.Names;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An approved request, as promoteDigest reads it: which digest of which app was approved for which
 * environment, by whom (in the order they approved), under which policy, with which change ticket, and when.
 * The glue keeps it on the run (XStream) and returns it from the step, so a plain serializable class.
 */
public final class ApprovalResult implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String app;
    private final String digest;
    private final ApprovalPolicy policy;
    private final ArrayList<Approval> approvals;
    private final long decidedAtMillis;

    ApprovalResult(String app, String digest, ApprovalPolicy policy, List<Approval> approvals, Instant decidedAt) {
        this(app, digest, policy, approvals, decidedAt.toEpochMilli());
    }

    private ApprovalResult(
            String app, String digest, ApprovalPolicy policy, List<Approval> approvals, long decidedAtMillis) {
        this.app = Names.requireLabel("app", "App name", app);
        this.digest = ApprovalRequest.checkDigest(digest);
        this.policy = Objects.requireNonNull(policy, "policy");
        if (approvals == null || approvals.isEmpty()) {
            throw new IllegalArgumentException("An approval result needs at least one approval");
        }
        this.approvals = new ArrayList<>(approvals);
        this.decidedAtMillis = decidedAtMillis;
    }

    public String app() {
        return app;
    }

    public String environment() {
        return policy.environment();
    }

    public String digest() {
        return digest;
    }

    /** @return the policy the approvals were given under */
    public ApprovalPolicy policy() {
        return policy;
    }

    /** @return every approval, in the order they were given */
    public List<Approval> approvals() {
        return Collections.unmodifiableList(approvals);
    }

    /** @return the approvers' user ids, in the order they approved */
    public List<String> approvers() {
        List<String> ids = new ArrayList<>();
        for (Approval approval : approvals) {
            ids.add(approval.userId());
        }
        return Collections.unmodifiableList(ids);
    }

    /**
     * @return the change ticket of the approval: the first ticket an approver gave, in the order they approved
     *     (every approver's own ticket stays in {@link #approvals()}); empty when nobody gave one
     */
    public Optional<String> changeTicket() {
        for (Approval approval : approvals) {
            if (approval.changeTicket() != null) {
                return Optional.of(approval.changeTicket());
            }
        }
        return Optional.empty();
    }

    /** @return when the last needed approval came */
    public Instant decidedAt() {
        return Instant.ofEpochMilli(decidedAtMillis);
    }

    /**
     * Whether this approval is good enough for a gate, for promoting the digest into the environment: it is for
     * that environment and digest, has enough distinct approvers, was given under a policy at least as strict
     * as the gate (approvers, self-approval, administrators), and carries a ticket matching the gate's pattern.
     *
     * @param rules the realm's current id rules: approvers are counted and compared under them
     * @return what falls short, one sentence each; empty when the approval satisfies the gate
     */
    public List<String> shortfalls(String environment, String digest, Gates gates, RealmRules rules) {
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(rules, "rules");
        List<String> problems = new ArrayList<>();
        if (!environment().equals(environment)) {
            problems.add("The approval is for environment " + Names.quote(environment()) + ", not "
                    + quoteOrNothing(environment));
        }
        if (!this.digest.equals(digest)) {
            problems.add("The approval is for digest " + Names.quote(this.digest) + ", not " + quoteOrNothing(digest));
        }
        int distinct = ApprovalRequest.distinctApprovers(approvals, rules);
        if (distinct < gates.requiredApprovals()) {
            problems.add("The approval has " + distinct + (distinct == 1 ? " approver" : " distinct approvers")
                    + ", but the gate requires " + gates.requiredApprovals());
        }
        for (String looser : policy.looserThan(gates, rules)) {
            problems.add("The approval " + looser);
        }
        String pattern = gates.changeTicketPattern();
        if (pattern != null && gates.changeTicketRegex().isPresent() && !hasTicketMatching(gates)) {
            problems.add(
                    "The approval has no change ticket matching " + Names.quote(pattern) + ", which the gate requires");
        }
        return problems;
    }

    /** @return whether {@link #shortfalls} finds nothing */
    public boolean satisfies(String environment, String digest, Gates gates, RealmRules rules) {
        return shortfalls(environment, digest, gates, rules).isEmpty();
    }

    private boolean hasTicketMatching(Gates gates) {
        for (Approval approval : approvals) {
            String ticket = approval.changeTicket();
            if (ticket != null
                    && gates.changeTicketRegex().orElseThrow().matcher(ticket).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String quoteOrNothing(String value) {
        return value == null ? "nothing" : Names.quote(value);
    }

    @Serial
    private Object readResolve() {
        return new ApprovalResult(app, digest, policy, approvals, decidedAtMillis);
    }

    @Override
    public String toString() {
        return "ApprovalResult[" + app + " " + digest + " for " + environment() + " by " + approvers() + "]";
    }
}
