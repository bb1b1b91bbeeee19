package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Names;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one call on an {@link ApprovalRequest} did: the request as it is afterwards, who acted, when, and for
 * a refusal why. Every outcome can be written to the ledger ({@link #toLedgerEvent()}).
 */
public final class ApprovalOutcome {

    /** What happened. */
    public enum Kind {
        /** The approval was counted; more are needed. */
        ACCEPTED,
        /** The approval was counted and was the last one needed: the request is approved. */
        APPROVED,
        /** The request was rejected. */
        REJECTED,
        /** The request's deadline passed. */
        EXPIRED,
        /** The attempt was refused and nothing changed. */
        REFUSED
    }

    /** The detail that tells the plugin's own entries ({@code plugin}) from a reviewer's ({@code user}). */
    public static final String ACTOR_KIND = "actorKind";

    /** The longest user id written to the ledger; a longer one is cut with a marker. */
    public static final int MAX_ACTOR = 256;

    private final Kind kind;
    private final ApprovalRequest request;
    private final String actor;
    private final Instant time;
    private final Refusal refusal;
    private final Approval approval;
    private final Decision attempt;

    private ApprovalOutcome(
            Kind kind,
            ApprovalRequest request,
            String actor,
            Instant time,
            Refusal refusal,
            Approval approval,
            Decision attempt) {
        this.kind = kind;
        this.request = request;
        this.actor = actor;
        this.time = time;
        this.refusal = refusal;
        this.approval = approval;
        this.attempt = attempt;
    }

    static ApprovalOutcome decided(Kind kind, ApprovalRequest request, String actor, Instant time, Approval approval) {
        return new ApprovalOutcome(kind, request, actor, time, null, approval, null);
    }

    static ApprovalOutcome refused(
            ApprovalRequest request, String actor, Instant time, Refusal refusal, Decision attempt) {
        return new ApprovalOutcome(Kind.REFUSED, request, actor, time, Objects.requireNonNull(refusal), null, attempt);
    }

    public Kind kind() {
        return kind;
    }

    /** @return the request after the call; the same request when the attempt was refused */
    public ApprovalRequest request() {
        return request;
    }

    /** @return the user who acted, or {@code null} when the request expired */
    public String actor() {
        return actor;
    }

    /** @return when it happened, to the millisecond */
    public Instant time() {
        return time;
    }

    /** @return why the attempt was refused; empty unless {@link Kind#REFUSED} */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** @return the approval or rejection taken; empty for a refusal or an expiry */
    public Optional<Approval> approval() {
        return Optional.ofNullable(approval);
    }

    public boolean isRefused() {
        return kind == Kind.REFUSED;
    }

    /** @return whether the request has ended with this call: approved, rejected or expired */
    public boolean endsRequest() {
        return kind == Kind.APPROVED || kind == Kind.REJECTED || kind == Kind.EXPIRED;
    }

    /** @return the approval's record for promoteDigest, when this call approved the request */
    public Optional<ApprovalResult> result() {
        return kind == Kind.APPROVED ? request.result() : Optional.empty();
    }

    /**
     * The ledger entry for this outcome, for the glue to complete (for example with {@code build(url)}) and
     * append. Counted approvals are {@code approved}, rejections {@code rejected}, refusals {@code
     * approval-refused} with the refusal's id as reason, expiries {@code approval-expired} by {@code system}
     * with reason {@code timeout}. Details: {@code approvals} ("1/2"), {@code state}, and where present {@code
     * comment}, {@code changeTicket}, {@code message}, and for a decision that named another digest or
     * environment, that digest or environment (when it is well-formed).
     */
    public LedgerEvent.Builder toLedgerEvent() {
        LedgerEventType type =
                switch (kind) {
                    case ACCEPTED, APPROVED -> LedgerEventType.APPROVED;
                    case REJECTED -> LedgerEventType.REJECTED;
                    case EXPIRED -> LedgerEventType.APPROVAL_EXPIRED;
                    case REFUSED -> LedgerEventType.APPROVAL_REFUSED;
                };
        LedgerEvent.Builder event = LedgerEvent.builder(type, request.app(), request.environment())
                .time(time)
                .digest(request.digest())
                .actor(actor == null ? LedgerEvent.SYSTEM : Names.truncate(actor, MAX_ACTOR))
                .detail(ACTOR_KIND, actor == null ? "plugin" : "user")
                .detail(
                        "approvals",
                        request.approvals().size() + "/" + request.policy().requiredApprovals())
                .detail("state", request.state().name().toLowerCase(Locale.ROOT));
        if (approval != null) {
            detailIfPresent(event, "comment", approval.comment());
            detailIfPresent(event, "changeTicket", approval.changeTicket());
        }
        if (kind == Kind.EXPIRED) {
            event.reason("timeout");
        }
        if (refusal != null) {
            event.reason(refusal.reason().id()).detail("message", refusal.message());
            if (attempt != null
                    && refusal.reason() == RefusalReason.WRONG_DIGEST
                    && Digests.isDigest(attempt.digest())) {
                event.detail("decisionDigest", attempt.digest());
            }
            if (attempt != null
                    && refusal.reason() == RefusalReason.WRONG_ENVIRONMENT
                    && Names.isLabel(attempt.environment())) {
                event.detail("decisionEnvironment", attempt.environment());
            }
        }
        return event;
    }

    /**
     * {@link #toLedgerEvent()} for the request with this key: the event also carries detail {@value
     * ApprovalEvents#REQUEST}, as the request's {@code approval-requested} event does.
     *
     * @param key the request's key, {@link ApprovalEvents#requestKey}
     */
    public LedgerEvent.Builder toLedgerEvent(String key) {
        return toLedgerEvent().detail(ApprovalEvents.REQUEST, Objects.requireNonNull(key, "key"));
    }

    private static void detailIfPresent(LedgerEvent.Builder event, String key, String value) {
        if (value != null) {
            event.detail(key, value);
        }
    }

    @Override
    public String toString() {
        return "ApprovalOutcome[" + kind + " by " + actor + " at " + time
                + (refusal == null ? "" : ": " + refusal.message()) + "]";
    }
}
