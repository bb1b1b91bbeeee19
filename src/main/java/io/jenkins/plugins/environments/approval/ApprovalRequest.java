package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.ApproverEntry;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.OneLine;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request for approval of one digest in one environment, and the decisions taken on it so far: the state
 * machine behind {@code awaitApproval}.
 *
 * <p>A request is immutable. Each call ({@link #approve}, {@link #reject}, {@link #expire}) returns an
 * {@link ApprovalOutcome} that holds the request as it is afterwards; a refused attempt returns this same
 * request unchanged. The glue keeps the newest request (in the step execution and an action on the run) and
 * serialises calls for one request.
 *
 * <p>It is stored by Java serialisation (the step execution) and by XStream (the action on the run), so its
 * fields are plain: strings, epoch milliseconds, enums, {@link ArrayList}s and the plain classes of this package.
 * Times are kept to the millisecond.
 */
public final class ApprovalRequest implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The longest comment a reviewer may write. */
    public static final int MAX_COMMENT_LENGTH = 2000;

    /** The longest change ticket a reviewer may give. */
    public static final int MAX_TICKET_LENGTH = 200;

    /** The longest part of a value a message quotes; the rest is left out with a marker. */
    static final int MAX_SHOWN = 100;

    /** How the digest rule is explained in messages. */
    private final String app;

    private final String digest;
    private final ApprovalPolicy policy;
    private final RunOrigin origin;
    private final long createdAtMillis;
    private final ArrayList<Approval> approvals;
    private final ApprovalState state;
    private final Approval rejection;
    private final long decidedAtMillis;

    private ApprovalRequest(
            String app,
            String digest,
            ApprovalPolicy policy,
            RunOrigin origin,
            long createdAtMillis,
            List<Approval> approvals,
            ApprovalState state,
            Approval rejection,
            long decidedAtMillis) {
        this.app = Names.requireLabel("app", "App name", app);
        this.digest = Digests.checkDigest(digest);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.createdAtMillis = createdAtMillis;
        this.approvals = approvals == null ? new ArrayList<>() : new ArrayList<>(approvals);
        this.state = state == null ? ApprovalState.PENDING : state;
        if ((this.state == ApprovalState.REJECTED) != (rejection != null)) {
            throw new IllegalArgumentException("a rejected request, and only that, names who rejected it");
        }
        this.rejection = rejection;
        this.decidedAtMillis = decidedAtMillis;
    }

    /**
     * Opens a request.
     *
     * @param app the app whose digest is to be approved, an RFC 1123 label
     * @param digest the digest, {@code sha256:} and 64 lower-case hex digits
     * @param policy the rules, from {@link ApprovalPolicy#resolve}
     * @param origin everyone who made the digest, from {@link Authorship}
     * @param now when the request opens; its deadline is this plus the policy's timeout
     * @throws InvalidConfigurationException for field {@code app} or {@code digest} when one is invalid
     */
    public static ApprovalRequest open(
            String app, String digest, ApprovalPolicy policy, RunOrigin origin, Instant now) {
        return new ApprovalRequest(
                app, digest, policy, origin, now.toEpochMilli(), List.of(), ApprovalState.PENDING, null, 0);
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

    public ApprovalPolicy policy() {
        return policy;
    }

    public RunOrigin origin() {
        return origin;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAtMillis);
    }

    /** @return when the request expires: its creation plus the policy's timeout */
    public Instant deadline() {
        return createdAt().plus(policy.timeout());
    }

    /** @return the approvals accepted so far, oldest first */
    public List<Approval> approvals() {
        return Collections.unmodifiableList(approvals);
    }

    public ApprovalState state() {
        return state;
    }

    /** @return who rejected the request, when and why; empty unless it is rejected */
    public Optional<Approval> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** @return when the request was approved, rejected or expired; empty while pending */
    public Optional<Instant> decidedAt() {
        return state == ApprovalState.PENDING ? Optional.empty() : Optional.of(Instant.ofEpochMilli(decidedAtMillis));
    }

    /** @return how many more approvals are needed; 0 once approved */
    public int remainingApprovals() {
        return Math.max(0, policy.requiredApprovals() - approvals.size());
    }

    /** @return whether the request is still pending although its deadline has come: {@link #expire} it */
    public boolean isOverdue(Instant now) {
        return state == ApprovalState.PENDING && !now.isBefore(deadline());
    }

    /** @return what promoteDigest reads, once the request is approved; empty before and after any other end */
    public Optional<ApprovalResult> result() {
        return state == ApprovalState.APPROVED
                ? Optional.of(new ApprovalResult(app, digest, policy, approvals, Instant.ofEpochMilli(decidedAtMillis)))
                : Optional.empty();
    }

    /**
     * A reviewer approves. The approval is counted when the reviewer may approve (an approver, or an
     * administrator where the policy lets them stand in), is not self (when self-approval is forbidden), has not
     * approved already, names this request's environment and digest, and gives a ticket when one is required.
     * With enough approvals the request is approved.
     *
     * @param now when the reviewer decides; at or after the deadline the attempt is refused
     * @return {@link ApprovalOutcome.Kind#ACCEPTED}, {@link ApprovalOutcome.Kind#APPROVED} or a refusal
     */
    public ApprovalOutcome approve(Reviewer reviewer, Decision decision, RealmRules rules, Instant now) {
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rules, "rules");
        Instant at = millis(now);
        String entry = policy.matchingEntry(reviewer, rules);
        Refusal refusal = firstRefusal(reviewer, entry, decision, at, "approve");
        if (refusal == null) {
            refusal = selfOrRepeat(reviewer, rules);
        }
        if (refusal == null) {
            refusal = ticketProblem(decision.changeTicket());
        }
        if (refusal != null) {
            return ApprovalOutcome.refused(this, reviewer.userId(), at, refusal, decision);
        }
        Approval approval = new Approval(
                reviewer.userId(), at, decision.comment(), decision.changeTicket(), entry, asAdministrator(entry));
        List<Approval> counted = new ArrayList<>(approvals);
        counted.add(approval);
        boolean enough = distinctApprovers(counted, rules) >= policy.requiredApprovals();
        ApprovalRequest next = next(
                counted, enough ? ApprovalState.APPROVED : ApprovalState.PENDING, null, enough ? at.toEpochMilli() : 0);
        return ApprovalOutcome.decided(
                enough ? ApprovalOutcome.Kind.APPROVED : ApprovalOutcome.Kind.ACCEPTED,
                next,
                reviewer.userId(),
                at,
                approval);
    }

    /**
     * A reviewer rejects, which ends the request. Anyone who may approve may reject, including the people who
     * started or changed the run (rejecting only stops it) and reviewers who approved before.
     *
     * @return {@link ApprovalOutcome.Kind#REJECTED} or a refusal
     */
    public ApprovalOutcome reject(Reviewer reviewer, Decision decision, RealmRules rules, Instant now) {
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rules, "rules");
        Instant at = millis(now);
        String entry = policy.matchingEntry(reviewer, rules);
        Refusal refusal = firstRefusal(reviewer, entry, decision, at, "reject");
        if (refusal != null) {
            return ApprovalOutcome.refused(this, reviewer.userId(), at, refusal, decision);
        }
        Approval rejected =
                new Approval(reviewer.userId(), at, decision.comment(), null, entry, asAdministrator(entry));
        ApprovalRequest next = next(approvals, ApprovalState.REJECTED, rejected, at.toEpochMilli());
        return ApprovalOutcome.decided(ApprovalOutcome.Kind.REJECTED, next, reviewer.userId(), at, rejected);
    }

    /**
     * An attempt the glue refuses before the rules are asked, such as one on a request whose build stopped waiting
     * or for a digest under a veto: nothing changes, and the outcome can be written to the ledger like any refusal.
     *
     * @param actor the reviewer's user id
     */
    public ApprovalOutcome refuse(String actor, Refusal refusal, Decision attempt, Instant now) {
        return ApprovalOutcome.refused(this, actor, millis(now), Objects.requireNonNull(refusal, "refusal"), attempt);
    }

    /**
     * Ends a pending request whose deadline has come. The glue calls it from its timer, and when it finds the
     * request {@link #isOverdue overdue} after a restart or a refused attempt.
     *
     * @return {@link ApprovalOutcome.Kind#EXPIRED}
     * @throws IllegalStateException when the request is not pending or its deadline has not come
     */
    public ApprovalOutcome expire(Instant now) {
        Instant at = millis(now);
        if (!isOverdue(at)) {
            throw new IllegalStateException(
                    state == ApprovalState.PENDING
                            ? "The request is due at " + deadline() + ", not before"
                            : "The request is already " + state.name().toLowerCase(Locale.ROOT));
        }
        ApprovalRequest next = next(approvals, ApprovalState.EXPIRED, null, at.toEpochMilli());
        return ApprovalOutcome.decided(ApprovalOutcome.Kind.EXPIRED, next, null, at, null);
    }

    /** @return this request after a decision: the same app, digest, policy, origin and creation time */
    private ApprovalRequest next(
            List<Approval> approvals, ApprovalState state, Approval rejection, long decidedAtMillis) {
        return new ApprovalRequest(
                app, digest, policy, origin, createdAtMillis, approvals, state, rejection, decidedAtMillis);
    }

    /** The checks approving and rejecting share, in the order a reviewer should hear about them. */
    private Refusal firstRefusal(Reviewer reviewer, String entry, Decision decision, Instant now, String verb) {
        if (state != ApprovalState.PENDING) {
            return new Refusal(
                    RefusalReason.ALREADY_DECIDED,
                    "This request was already " + describeEnd() + ": no further decision is taken");
        }
        if (isOverdue(now)) {
            return new Refusal(
                    RefusalReason.EXPIRED,
                    "This request expired at " + deadline() + ": no decision can be taken after its deadline");
        }
        if (!environment().equals(decision.environment())) {
            return new Refusal(
                    RefusalReason.WRONG_ENVIRONMENT,
                    "The decision names " + named("environment", decision.environment()) + ", but this request is for "
                            + Names.quote(environment()));
        }
        if (!digest.equals(decision.digest())) {
            return new Refusal(
                    RefusalReason.WRONG_DIGEST,
                    "The decision names " + named("digest", decision.digest()) + ", but this request is for "
                            + Names.quote(digest));
        }
        Refusal badComment =
                freeTextProblem(RefusalReason.INVALID_COMMENT, "comment", decision.comment(), MAX_COMMENT_LENGTH);
        if (badComment != null) {
            return badComment;
        }
        if (ApproverEntry.isReserved(reviewer.userId())) {
            return new Refusal(
                    RefusalReason.NOT_ALLOWED,
                    shown(reviewer.userId()) + " is a reserved id (" + String.join(", ", ApproverEntry.RESERVED)
                            + ") and never decides on an approval");
        }
        boolean admitted = entry != null
                || policy.approvers().isEmpty()
                || (policy.allowAdministrators() && reviewer.administrator());
        if (!admitted) {
            String message = shown(reviewer.userId()) + " may not " + verb + " for environment "
                    + Names.quote(environment()) + ": the approvers are " + String.join(", ", policy.approvers());
            if (reviewer.administrator()) {
                message += "; environment " + Names.quote(environment())
                        + " does not let administrators approve without being listed";
            }
            return new Refusal(RefusalReason.NOT_ALLOWED, message);
        }
        return null;
    }

    /**
     * @param entry the approver entry that admitted an admitted reviewer
     * @return whether the admitted reviewer got in as an administrator: no entry names them, yet some are listed
     */
    private boolean asAdministrator(String entry) {
        return entry == null && !policy.approvers().isEmpty();
    }

    private Refusal selfOrRepeat(Reviewer reviewer, RealmRules rules) {
        String self = policy.forbidSelfApproval() ? origin.selfReason(reviewer, rules.users()) : null;
        if (self != null) {
            return new Refusal(
                    RefusalReason.SELF_APPROVAL,
                    shown(reviewer.userId()) + " " + self
                            + ", and environment " + Names.quote(environment())
                            + " forbids self-approval: someone else must approve");
        }
        for (Approval earlier : approvals) {
            if (rules.users().same(earlier.userId(), reviewer.userId())) {
                String as = earlier.userId().equals(reviewer.userId()) ? "" : " as " + shown(earlier.userId());
                return new Refusal(
                        RefusalReason.ALREADY_APPROVED,
                        shown(reviewer.userId())
                                + " has already approved this request" + as
                                + ": each approval must come from a different person");
            }
        }
        return null;
    }

    private Refusal ticketProblem(String ticket) {
        String pattern = policy.changeTicketPattern();
        if (ticket == null || ticket.isBlank()) {
            return pattern == null
                    ? null
                    : new Refusal(
                            RefusalReason.MISSING_TICKET,
                            "A change ticket matching " + Names.quote(pattern) + " is required to approve");
        }
        Refusal badTicket = freeTextProblem(RefusalReason.INVALID_TICKET, "change ticket", ticket, MAX_TICKET_LENGTH);
        if (badTicket != null) {
            return badTicket;
        }
        if (!policy.ticketMatches(ticket)) {
            return new Refusal(
                    RefusalReason.INVALID_TICKET,
                    "Change ticket " + Names.quote(ticket)
                            + " does not match " + Names.quote(pattern) + ", the pattern environment "
                            + Names.quote(environment()) + " requires");
        }
        return null;
    }

    private String describeEnd() {
        return switch (state) {
            case REJECTED -> "rejected by " + shown(rejection.userId());
            case APPROVED -> "approved";
            default -> "expired";
        };
    }

    private static String named(String what, String value) {
        return value == null || value.isBlank() ? "no " + what : what + " " + shown(value);
    }

    /** @return the value quoted for a message, cut after {@link #MAX_SHOWN} characters with a marker */
    static String shown(String value) {
        return Names.quote(Names.truncate(value, MAX_SHOWN));
    }

    static int distinctApprovers(List<Approval> approvals, RealmRules rules) {
        Set<String> keys = new HashSet<>();
        for (Approval approval : approvals) {
            keys.add(rules.users().keyFor(approval.userId()));
        }
        return keys.size();
    }

    /** @return why a reviewer's free text is refused: too long, or with control characters; {@code null} if fine */
    private static Refusal freeTextProblem(RefusalReason reason, String what, String text, int maxLength) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            return new Refusal(
                    reason, "The " + what + " is " + text.length() + " characters long: use at most " + maxLength);
        }
        if (OneLine.hasUnsafe(text)) {
            return new Refusal(reason, "The " + what + " must not contain control characters such as line breaks");
        }
        return null;
    }

    private static Instant millis(Instant now) {
        return Instant.ofEpochMilli(Objects.requireNonNull(now, "now").toEpochMilli());
    }

    @Serial
    private Object readResolve() {
        return next(approvals, state, rejection, decidedAtMillis);
    }

    @Override
    public String toString() {
        return "ApprovalRequest[" + app + " " + digest + " for " + environment() + ", " + state + ", "
                + approvals.size() + " of " + policy.requiredApprovals() + " approvals]";
    }
}
