package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Names;
import java.time.Instant;
import java.util.Objects;

/**
 * The ledger events of a request's life besides its decisions ({@link ApprovalOutcome#toLedgerEvent(String)}): when a
 * build starts waiting ({@code approval-requested}) and when it stops waiting without a decision ({@code
 * approval-cancelled}). Every event of one request carries the same {@value #REQUEST} detail, so a reader pairs the
 * request with its outcome: a request is pending while no {@code approved} with state {@code approved}, no {@code
 * rejected}, {@code approval-expired} or {@code approval-cancelled} with its key follows.
 */
public final class ApprovalEvents {

    /** Detail key: the request's key, {@link #requestKey}. */
    public static final String REQUEST = "request";

    /** Detail key of {@code approval-requested}: how many distinct approvals the request needs. */
    public static final String REQUIRED = "required";

    /** Detail key of {@code approval-requested}: the approvers the policy lists, comma-separated, as configured. */
    public static final String ELIGIBLE = "eligible";

    /** Detail key of {@code approval-requested}: the request's page, relative to Jenkins' root. */
    public static final String PAGE = "page";

    /** Detail key of {@code approval-requested}: the digest the environment runs now, as the ledger says. */
    public static final String REPLACES = "replaces";

    /** Detail key of {@code approval-requested}: when the request expires, ISO-8601. */
    public static final String DEADLINE = "deadline";

    /** The reason of {@code approval-cancelled}: the build stopped waiting. */
    public static final String STOPPED = "stopped";

    private ApprovalEvents() {}

    /**
     * @param build the URL of the build that waits, relative to Jenkins' root, such as {@code job/shop/7/}
     * @param id the request's id among the build's requests, such as {@code 1}
     * @return a key for the request that no other request of this Jenkins has: the build's URL, {@code #}, the id
     */
    public static String requestKey(String build, String id) {
        if (Names.isBlank(build) || Names.isBlank(id)) {
            throw new IllegalArgumentException("A request's key needs its build's URL and its id");
        }
        return build + "#" + id;
    }

    /**
     * The {@code approval-requested} event: at the request's creation time, by whoever started the build ({@code
     * system} when nobody did), with the key, the required approvals, the listed approvers (none listed: anyone who
     * may build the job, and the detail is left out), the page, the deadline and the digest it replaces.
     *
     * @param key the request's key, {@link #requestKey}
     * @param build the URL of the build that waits
     * @param page the request's page, relative to Jenkins' root
     * @param replaces the digest the environment runs now as the ledger says, or {@code null}
     */
    public static LedgerEvent.Builder requested(
            ApprovalRequest request, String key, String build, String page, String replaces) {
        Objects.requireNonNull(request, "request");
        ApprovalPolicy policy = request.policy();
        String requester = request.origin().startedBy();
        LedgerEvent.Builder event = LedgerEvent.builder(
                        LedgerEventType.APPROVAL_REQUESTED, request.app(), request.environment())
                .time(request.createdAt())
                .digest(request.digest())
                .actor(requester == null ? LedgerEvent.SYSTEM : Names.truncate(requester, ApprovalOutcome.MAX_ACTOR))
                .build(build)
                .detail(ApprovalOutcome.ACTOR_KIND, requester == null ? "plugin" : "user")
                .detail(REQUEST, Objects.requireNonNull(key, "key"))
                .detail(REQUIRED, Integer.toString(policy.requiredApprovals()))
                .detail(DEADLINE, request.deadline().toString());
        if (!policy.approvers().isEmpty()) {
            event.detail(ELIGIBLE, String.join(",", policy.approvers()));
        }
        if (!Names.isBlank(page)) {
            event.detail(PAGE, page);
        }
        if (replaces != null && Digests.isDigest(replaces)) {
            event.detail(REPLACES, replaces);
        }
        return event;
    }

    /**
     * The {@code approval-cancelled} event of a request that ended without a decision because its build stopped
     * waiting: by {@code system}, reason {@value #STOPPED}, with the key and the approvals it had.
     *
     * @param key the request's key, {@link #requestKey}
     * @param build the URL of the build that waited
     * @param now when the build stopped waiting
     */
    public static LedgerEvent.Builder cancelled(ApprovalRequest request, String key, String build, Instant now) {
        Objects.requireNonNull(request, "request");
        return LedgerEvent.builder(LedgerEventType.APPROVAL_CANCELLED, request.app(), request.environment())
                .time(Objects.requireNonNull(now, "now"))
                .digest(request.digest())
                .actor(LedgerEvent.SYSTEM)
                .reason(STOPPED)
                .build(build)
                .detail(ApprovalOutcome.ACTOR_KIND, "plugin")
                .detail(REQUEST, Objects.requireNonNull(key, "key"))
                .detail(
                        "approvals",
                        request.approvals().size() + "/" + request.policy().requiredApprovals());
    }

    /** @return whether the events hold the {@code approval-requested} event of the request with this key */
    public static boolean isRequested(Iterable<LedgerEvent> events, String key) {
        for (LedgerEvent event : events) {
            if (event.type() == LedgerEventType.APPROVAL_REQUESTED
                    && key.equals(event.details().get(REQUEST))) {
                return true;
            }
        }
        return false;
    }
}
