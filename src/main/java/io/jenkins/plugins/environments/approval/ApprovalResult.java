package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.Digests;
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
        this.digest = Digests.checkDigest(digest);
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
     * that environment and digest; enough distinct approvers count for the gate (each was admitted through an
     * entry the gate lists too, or as an administrator where the gate allows that, or the gate lists nobody);
     * it was given with self-approval forbidden if the gate forbids it; and it carries a ticket matching the
     * gate's pattern.
     *
     * @param rules the realm's current id rules: approvers are counted and entries compared under them
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
        List<Approval> counting = new ArrayList<>();
        List<String> notCounting = new ArrayList<>();
        for (Approval approval : approvals) {
            String why = whyNotCounting(approval, gates, rules);
            if (why == null) {
                counting.add(approval);
            } else {
                notCounting.add("The approval by " + Names.quote(approval.userId()) + " does not count: " + why);
            }
        }
        int distinct = ApprovalRequest.distinctApprovers(counting, rules);
        if (distinct < gates.requiredApprovals()) {
            problems.add("The approval has " + distinct + " of the " + gates.requiredApprovals()
                    + " approvals the gate requires");
            problems.addAll(notCounting);
        }
        if (gates.forbidSelfApproval() && !policy.forbidSelfApproval()) {
            problems.add("The approval allowed self-approval, which the gate forbids");
        }
        String pattern = gates.changeTicketPattern();
        if (pattern != null && !hasTicketMatching(gates)) {
            problems.add(
                    "The approval has no change ticket matching " + Names.quote(pattern) + ", which the gate requires");
        }
        return problems;
    }

    private static String whyNotCounting(Approval approval, Gates gates, RealmRules rules) {
        if (gates.approvers().isEmpty()) {
            return null;
        }
        if (approval.asAdministrator()) {
            return gates.allowAdministrators() ? null : "it was given by an administrator the gate does not list";
        }
        if (approval.admittedAs() == null) {
            return "anyone could approve, but the gate lists " + String.join(", ", gates.approvers());
        }
        return ApprovalPolicy.covered(approval.admittedAs(), gates.approvers(), rules)
                ? null
                : "it was given as " + Names.quote(approval.admittedAs()) + ", whom the gate does not list";
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
