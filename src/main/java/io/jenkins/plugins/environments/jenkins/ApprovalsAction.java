package io.jenkins.plugins.environments.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.environments.approval.Approval;
import io.jenkins.plugins.environments.approval.ApprovalBriefing;
import io.jenkins.plugins.environments.approval.ApprovalEvents;
import io.jenkins.plugins.environments.approval.ApprovalOutcome;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.approval.ApprovalState;
import io.jenkins.plugins.environments.approval.Decision;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.Refusal;
import io.jenkins.plugins.environments.approval.RefusalReason;
import io.jenkins.plugins.environments.approval.Reviewer;
import io.jenkins.plugins.environments.approval.Vetoes;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.ledger.LedgerQueries;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.OneLine;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The approval requests of one run, at {@code <run>/approvals/}: its page lists them with Approve and Reject forms,
 * and {@code approve} and {@code reject} take decisions from the page or by REST. Saved with the run (XStream, in
 * {@code build.xml}), so a pending request and the approvals it has survive a restart; the step execution only keeps
 * the request's id.
 *
 * <p>Every decision goes through this object: it asks the request (the rules live in {@code approval/}), keeps the
 * request as it is afterwards, saves the run, appends the outcome to the ledger and, when the request has ended, tells
 * the waiting step. Calls are serialised on this object.
 */
public class ApprovalsAction implements RunAction2, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Logger LOGGER = Logger.getLogger(ApprovalsAction.class.getName());

    /** The action's URL under the run. */
    public static final String URL_NAME = "approvals";

    private final ArrayList<Entry> entries = new ArrayList<>();

    private transient Run<?, ?> run;
    private transient Map<String, Consumer<ApprovalOutcome>> waiting;

    /** @return the run's action, attached to the run when it has none yet */
    static ApprovalsAction of(Run<?, ?> run) {
        synchronized (run) {
            ApprovalsAction action = run.getAction(ApprovalsAction.class);
            if (action == null) {
                action = new ApprovalsAction();
                run.addAction(action);
                action.run = run;
            }
            return action;
        }
    }

    /**
     * The approvals a run holds, for {@code promoteDigest}: one record per approved request, oldest first.
     *
     * @return an empty list when the run asked for none or none was approved
     */
    public static List<ApprovalResult> results(Run<?, ?> run) {
        ApprovalsAction action = run.getAction(ApprovalsAction.class);
        return action == null ? List.of() : action.results();
    }

    /** @return the records of this run's approved requests, oldest first */
    public synchronized List<ApprovalResult> results() {
        List<ApprovalResult> results = new ArrayList<>();
        for (Entry entry : entries) {
            entry.request.result().ifPresent(results::add);
        }
        return results;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    Run<?, ?> run() {
        return run;
    }

    /** @return the run, for the page */
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-people";
    }

    @Override
    public String getDisplayName() {
        return Messages.ApprovalsAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** @return every request of the run, oldest first, for the page */
    public synchronized List<Entry> getEntries() {
        return List.copyOf(entries);
    }

    /** @return whether a request still waits for decisions */
    public synchronized boolean isPending() {
        return entries.stream().anyMatch(Entry::isPending);
    }

    /**
     * Approves the request named by the form field or query parameter {@code id} (optional when the run has one
     * pending request), for the {@code environment} and {@code digest} the reviewer names, with an optional {@code
     * comment} and {@code changeTicket}. Answers 200 with a line of text, or, from the page ({@code from=page}), a
     * redirect back to it; a refused attempt answers 403 (not allowed, self-approval), 409 (already approved, decided,
     * expired, another environment or digest) or 400 (ticket or comment) with the refusal's message.
     */
    @POST
    public HttpResponse doApprove(StaplerRequest2 req) throws IOException {
        Entry entry = ApprovalPermission.check(this, req.getParameter("id"));
        return decideFromWeb(req, entry, true);
    }

    /** Rejects the request, which aborts the build; the parameters and answers are those of {@link #doApprove}. */
    @POST
    public HttpResponse doReject(StaplerRequest2 req) throws IOException {
        Entry entry = ApprovalPermission.check(this, req.getParameter("id"));
        return decideFromWeb(req, entry, false);
    }

    private HttpResponse decideFromWeb(StaplerRequest2 req, Entry entry, boolean approve) throws IOException {
        ApprovalOutcome outcome;
        try {
            outcome = decide(entry.id, approve, ApprovalPermission.reviewer(), decision(req), Services.jenkins());
        } catch (IOException notRecorded) {
            return HttpResponses.errorWithoutStack(503, notRecorded.getMessage());
        }
        return respond(req, outcome);
    }

    /**
     * Clears the veto a rejection put on the digest of request {@code id} for its environment. Administrators only
     * (checked first); {@code reason} is required. Answers 200 with a line of text, or a redirect back to the page
     * ({@code from=page}); 404 when there is no such request, 409 when no veto stands, 400 for a missing or bad
     * reason, 503 when the ledger cannot be written.
     */
    @POST
    public HttpResponse doClearVeto(StaplerRequest2 req) throws IOException {
        ConfigurationPermission.check();
        String id = req.getParameter("id");
        if (id == null || entry(id.trim()).isEmpty()) {
            return HttpResponses.errorWithoutStack(
                    404, Messages.ApprovalPermission_NoSuchRequest(Names.truncate(String.valueOf(id), 100)));
        }
        String reason = req.getParameter("reason");
        String badReason = reasonProblem(reason);
        if (badReason != null) {
            return HttpResponses.errorWithoutStack(400, badReason);
        }
        Vetoes.Veto cleared;
        try {
            cleared = clearVeto(id.trim(), Jenkins.getAuthentication2().getName(), reason, Services.jenkins());
        } catch (IllegalArgumentException noVeto) {
            return HttpResponses.errorWithoutStack(409, noVeto.getMessage());
        } catch (IOException notRecorded) {
            return HttpResponses.errorWithoutStack(503, notRecorded.getMessage());
        }
        if ("page".equals(req.getParameter("from"))) {
            return HttpResponses.redirectToDot();
        }
        return HttpResponses.text(Messages.ApprovalsAction_VetoCleared(cleared.actor()) + "\n");
    }

    /** @return whether the current user may clear vetoes, for the page */
    public boolean isAdministrator() {
        return ConfigurationPermission.granted();
    }

    private static Decision decision(StaplerRequest2 req) {
        return new Decision(
                req.getParameter("environment"),
                req.getParameter("digest"),
                req.getParameter("comment"),
                req.getParameter("changeTicket"));
    }

    private static HttpResponse respond(StaplerRequest2 req, ApprovalOutcome outcome) {
        if (outcome.isRefused()) {
            return HttpResponses.errorWithoutStack(
                    ApprovalPermission.status(outcome.refusal().orElseThrow().reason()),
                    outcome.refusal().orElseThrow().message());
        }
        if ("page".equals(req.getParameter("from"))) {
            return HttpResponses.redirectToDot();
        }
        return HttpResponses.text(describe(outcome) + "\n");
    }

    /** @return one line on what a taken decision did, for a REST caller */
    static String describe(ApprovalOutcome outcome) {
        ApprovalRequest request = outcome.request();
        return switch (outcome.kind()) {
            case ACCEPTED ->
                Messages.ApprovalsAction_Accepted(
                        outcome.actor(),
                        request.approvals().size(),
                        request.policy().requiredApprovals());
            case APPROVED -> Messages.ApprovalsAction_Approved(outcome.actor(), request.environment());
            case REJECTED -> Messages.ApprovalsAction_Rejected(outcome.actor());
            case EXPIRED -> Messages.ApprovalsAction_Expired(request.deadline());
            case REFUSED -> outcome.refusal().orElseThrow().message();
        };
    }

    /**
     * Adds a request. Record first, then act: its {@code approval-requested} event is appended to the ledger before
     * the request is kept and the run saved; when the run cannot be saved, an {@code approval-cancelled} event ends
     * the recorded request again.
     *
     * @param replaces the digest the environment runs now as the ledger says, or {@code null}
     * @return its id, the position among the run's requests counted from 1
     * @throws IOException when the request could not be recorded or saved; nothing was opened then
     */
    synchronized String open(ApprovalRequest request, String message, String replaces, Services services)
            throws IOException {
        Entry entry = new Entry(nextId(), request, message);
        String key = requestKey(entry.id);
        Ledger ledger;
        try {
            ledger = services.ledger().get();
            ledger.append(ApprovalEvents.requested(request, key, run.getUrl(), page(), replaces));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not append approval request " + key + " to the ledger", e);
            throw new IOException(Messages.ApprovalsAction_RequestNotRecorded(), e);
        }
        entry.announced = true;
        entries.add(entry);
        try {
            run.save();
        } catch (IOException | RuntimeException e) {
            entries.remove(entry);
            try {
                ledger.append(ApprovalEvents.cancelled(
                        request, key, run.getUrl(), services.clock().instant()));
            } catch (IOException | RuntimeException cancelling) {
                e.addSuppressed(cancelling);
            }
            throw e;
        }
        return entry.id;
    }

    /** @return the id after the highest one given, so that none is given twice even when a request was left out */
    private String nextId() {
        int highest = 0;
        for (Entry entry : entries) {
            try {
                highest = Math.max(highest, Integer.parseInt(entry.id));
            } catch (NumberFormatException notOurs) {
                // only ids this class gave count
            }
        }
        return Integer.toString(highest + 1);
    }

    /**
     * After loading from {@code build.xml}: leaves out a request that could not be read back (its values no longer
     * validate; Jenkins lists why under Manage Old Data), so that the page, the REST answers and {@code promoteDigest}
     * still work with the run's other requests.
     */
    @Serial
    private Object readResolve() {
        if (entries.removeIf(entry -> entry == null || entry.request == null)) {
            LOGGER.warning("Left out approval requests of a build that could not be read back");
        }
        return this;
    }

    /**
     * After a restart: records the {@code approval-requested} event of a pending request opened by a version that did
     * not record it, unless the ledger has it already. Once per request: the entry remembers it. A ledger that cannot
     * be read or written is logged, and the request goes on waiting.
     */
    synchronized void announce(String id, Services services) {
        Entry entry = entry(id).orElse(null);
        if (entry == null || entry.announced || !entry.isPending()) {
            return;
        }
        try {
            Ledger ledger = services.ledger().get();
            List<LedgerEvent> events = ledger.events();
            String key = requestKey(id);
            if (!ApprovalEvents.isRequested(events, key)) {
                String replaces = ApprovalWait.current(events, entry.getApp(), entry.getEnvironment())
                        .map(LedgerQueries.EnvironmentState::digest)
                        .orElse(null);
                ledger.append(ApprovalEvents.requested(entry.request, key, run.getUrl(), page(), replaces));
            }
            entry.announced = true;
            run.save();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not record approval request " + id + " of " + run, e);
        }
    }

    /** @return the key of the run's request with this id in the ledger, {@link ApprovalEvents#requestKey} */
    String requestKey(String id) {
        return ApprovalEvents.requestKey(run.getUrl(), id);
    }

    /** @return this page's URL relative to Jenkins' root, such as {@code job/shop/7/approvals/} */
    String page() {
        return run.getUrl() + URL_NAME + "/";
    }

    /**
     * Keeps the reviewer's briefing of a request, read after it opened ({@link ApprovalBriefings}), and saves the
     * run. Nothing else of the request changes.
     */
    synchronized void brief(String id, ApprovalBriefing briefing) throws IOException {
        Optional<Entry> entry = entry(id);
        if (entry.isEmpty()) {
            return;
        }
        entry.get().briefing = briefing;
        run.save();
    }

    synchronized Optional<Entry> entry(String id) {
        return entries.stream().filter(e -> e.id.equals(id)).findFirst();
    }

    /** @return the only pending request, when there is exactly one */
    synchronized Optional<Entry> onlyPending() {
        List<Entry> pending = entries.stream().filter(Entry::isPending).toList();
        return pending.size() == 1 ? Optional.of(pending.get(0)) : Optional.empty();
    }

    /** Tells {@code listener} when the request ends; replaces an earlier listener of the same request. */
    synchronized void await(String id, Consumer<ApprovalOutcome> listener) {
        if (waiting == null) {
            waiting = new HashMap<>();
        }
        waiting.put(id, listener);
    }

    /**
     * Takes one reviewer's decision on a request. Record first, then act: the outcome is appended to the ledger
     * (durably) before anything changes; then the request is changed and the run saved; only then does the decision
     * count and the waiting step hear of it. When the ledger cannot be written nothing changes; when the run cannot
     * be saved the change is undone in memory, a {@code not-saved} line voids the one before it, and the reviewer
     * gets the error: a retry is a new attempt. Every attempt is recorded, refusals included, also on a request
     * whose build stopped waiting and for a digest under a veto. A decision after the deadline is refused and expires
     * the request.
     *
     * @throws IOException when the decision could not be recorded or saved; nothing counts then
     */
    ApprovalOutcome decide(String id, boolean approve, Reviewer reviewer, Decision decision, Services services)
            throws IOException {
        ApprovalOutcome outcome;
        ApprovalOutcome expiry = null;
        synchronized (this) {
            Entry entry = entry(id).orElseThrow(() -> new IllegalArgumentException("no approval request " + id));
            RealmRules rules = services.rules().get();
            Instant now = services.clock().instant();
            Ledger ledger = ledger(services);
            if (entry.stopped) {
                outcome = entry.request.refuse(
                        reviewer.userId(),
                        new Refusal(RefusalReason.STOPPED, Messages.ApprovalsAction_Stopped()),
                        decision,
                        now);
            } else {
                outcome = approve
                        ? entry.request.approve(reviewer, decision, rules, now)
                        : entry.request.reject(reviewer, decision, rules, now);
                if (approve && !outcome.isRefused()) {
                    Optional<Vetoes.Veto> veto = veto(ledger, entry.request);
                    if (veto.isPresent()) {
                        outcome = entry.request.refuse(
                                reviewer.userId(),
                                new Refusal(
                                        RefusalReason.VETOED,
                                        veto.get()
                                                .describe(
                                                        entry.request.app(),
                                                        entry.request.digest(),
                                                        entry.request.environment())),
                                decision,
                                now);
                    }
                }
            }
            record(id, outcome, ledger);
            if (!outcome.isRefused()) {
                commit(id, entry, outcome, ledger);
            } else if (!entry.stopped && entry.request.isOverdue(now)) {
                expiry = entry.request.expire(now);
                record(id, expiry, ledger);
                commit(id, entry, expiry, ledger);
            }
        }
        if (expiry != null) {
            notifyWaiting(id, expiry);
        } else if (outcome.endsRequest()) {
            notifyWaiting(id, outcome);
        }
        return outcome;
    }

    /** @return the veto that stands for the request's app, digest and environment, read from the ledger */
    static Optional<Vetoes.Veto> veto(Ledger ledger, ApprovalRequest request) throws IOException {
        try {
            return Vetoes.standing(ledger.events(), request.app(), request.digest(), request.environment());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not read the ledger " + ledger.file(), e);
            throw new IOException(Messages.ApprovalsAction_NotRecorded(), e);
        }
    }

    /** @return the ledger; when it cannot be opened, the reviewer's error says that nothing counted */
    private static Ledger ledger(Services services) throws IOException {
        try {
            return services.ledger().get();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not open the ledger", e);
            throw new IOException(Messages.ApprovalsAction_NotRecorded(), e);
        }
    }

    /**
     * Expires a pending request whose deadline has come: recorded first, then saved, as {@link #decide}.
     *
     * @return the expiry, or empty when the request is no longer pending or not yet due
     */
    Optional<ApprovalOutcome> expireIfDue(String id, Services services) throws IOException {
        ApprovalOutcome expiry;
        synchronized (this) {
            Entry entry = entry(id).orElse(null);
            Instant now = services.clock().instant();
            if (entry == null || entry.stopped || !entry.request.isOverdue(now)) {
                return Optional.empty();
            }
            Ledger ledger = ledger(services);
            expiry = entry.request.expire(now);
            record(id, expiry, ledger);
            commit(id, entry, expiry, ledger);
        }
        notifyWaiting(id, expiry);
        return Optional.of(expiry);
    }

    /**
     * Clears the veto on the request's app, digest and environment: a {@code veto-cleared} line in the ledger, by
     * the administrator, with their reason. The caller has checked Overall/Administer.
     *
     * @return the veto that was cleared
     * @throws IllegalArgumentException with the message for the administrator when there is no such request, no veto
     *     stands, or the reason is missing, too long or has control characters
     */
    Vetoes.Veto clearVeto(String id, String administrator, String reason, Services services) throws IOException {
        synchronized (this) {
            Entry entry = entry(id)
                    .orElseThrow(() -> new IllegalArgumentException(
                            Messages.ApprovalPermission_NoSuchRequest(Names.truncate(String.valueOf(id), 100))));
            String badReason = reasonProblem(reason);
            if (badReason != null) {
                throw new IllegalArgumentException(badReason);
            }
            ApprovalRequest request = entry.request;
            Ledger ledger = ledger(services);
            Vetoes.Veto veto = veto(ledger, request)
                    .orElseThrow(() -> new IllegalArgumentException(
                            Messages.ApprovalsAction_NoVeto(request.digest(), request.app(), request.environment())));
            ledger.append(LedgerEvent.builder(LedgerEventType.VETO_CLEARED, request.app(), request.environment())
                    .time(services.clock().instant())
                    .digest(request.digest())
                    .actor(administrator)
                    .reason("administrator")
                    .build(run.getUrl())
                    .detail(ApprovalOutcome.ACTOR_KIND, "user")
                    .detail("comment", reason)
                    .detail("vetoBy", veto.actor() == null ? "" : veto.actor())
                    .detail("vetoAt", veto.time().toString())
                    .build());
            return veto;
        }
    }

    /** @return why an administrator's reason for clearing a veto is refused, or {@code null} when it is fine */
    static String reasonProblem(String reason) {
        if (Names.isBlank(reason)) {
            return Messages.ApprovalsAction_ClearVetoNeedsReason();
        }
        if (reason.length() > ApprovalRequest.MAX_COMMENT_LENGTH || OneLine.hasUnsafe(reason)) {
            return Messages.ApprovalsAction_ClearVetoBadReason(String.valueOf(ApprovalRequest.MAX_COMMENT_LENGTH));
        }
        return null;
    }

    /**
     * Marks a pending request as no longer awaited: its build was stopped. Later decisions are refused. The ledger
     * gets an {@code approval-cancelled} event first; when it cannot be written, that is logged and the request is
     * stopped all the same.
     */
    synchronized void stop(String id, Services services) throws IOException {
        Optional<Entry> entry = entry(id);
        if (entry.isPresent() && entry.get().isPending()) {
            try {
                services.ledger()
                        .get()
                        .append(ApprovalEvents.cancelled(
                                entry.get().request,
                                requestKey(id),
                                run.getUrl(),
                                services.clock().instant()));
            } catch (IOException | RuntimeException e) {
                LOGGER.log(
                        Level.WARNING, "Could not record that approval request " + id + " of " + run + " stopped", e);
            }
            // Stays stopped in memory even when the save fails: a stopped request takes no decision either way.
            entry.get().stopped = true;
            run.save();
        }
        if (waiting != null) {
            waiting.remove(id);
        }
    }

    private void notifyWaiting(String id, ApprovalOutcome outcome) {
        Consumer<ApprovalOutcome> listener;
        synchronized (this) {
            listener = waiting == null ? null : waiting.remove(id);
        }
        if (listener != null) {
            listener.accept(outcome);
        }
    }

    /** Appends the outcome; a failure is the reviewer's error, and nothing has changed yet. */
    private void record(String id, ApprovalOutcome outcome, Ledger ledger) throws IOException {
        try {
            ledger.append(outcome.toLedgerEvent(requestKey(id)).build(run.getUrl()));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not append " + outcome + " of " + run.getUrl() + " to the ledger", e);
            throw new IOException(Messages.ApprovalsAction_NotRecorded(), e);
        }
    }

    /** Makes a recorded outcome count: the request changes and the run is saved, or neither. */
    private void commit(String id, Entry entry, ApprovalOutcome outcome, Ledger ledger) throws IOException {
        ApprovalRequest before = entry.request;
        entry.request = outcome.request();
        try {
            run.save();
        } catch (IOException | RuntimeException e) {
            entry.request = before;
            LOGGER.log(Level.WARNING, "Could not save " + run.getUrl() + " after " + outcome, e);
            IOException failure = new IOException(Messages.ApprovalsAction_NotSaved(), e);
            try {
                ledger.append(before.refuse(
                                outcome.actor() == null ? LedgerEvent.SYSTEM : outcome.actor(),
                                new Refusal(RefusalReason.NOT_SAVED, Messages.ApprovalsAction_NotSaved()),
                                null,
                                outcome.time())
                        .toLedgerEvent(requestKey(id))
                        .detail(Vetoes.VOIDS, outcome.time().toString())
                        .detail(
                                "voidsType",
                                outcome.toLedgerEvent().build().type().id())
                        .build(run.getUrl())
                        .build());
            } catch (IOException | RuntimeException voiding) {
                failure.addSuppressed(voiding);
            }
            throw failure;
        }
    }

    /** One request of the run, as the page shows it. Saved with the run. */
    public static final class Entry implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String id;
        private final String message;
        // Written under the action's lock, read by the page without it.
        private volatile ApprovalRequest request;
        private volatile boolean stopped;
        // Whether its approval-requested event is in the ledger; false for requests of earlier versions until resumed.
        private volatile boolean announced;
        // What the reviewer is shown of the request; null until read (and in builds from before it existed).
        private volatile ApprovalBriefing briefing;

        Entry(String id, ApprovalRequest request, String message) {
            this.id = id;
            this.request = request;
            this.message = message == null || message.isBlank() ? null : message;
        }

        public String getId() {
            return id;
        }

        public ApprovalRequest getRequest() {
            return request;
        }

        public String getEnvironment() {
            return request.environment();
        }

        public String getDigest() {
            return request.digest();
        }

        public String getApp() {
            return request.app();
        }

        /** @return what the reviewer is shown of the request, or {@code null} while it is being read */
        public ApprovalBriefing getBriefing() {
            return briefing;
        }

        /** @return the step's message, or {@code null} */
        public String getMessage() {
            return message;
        }

        /** @return who may approve, as the page and the build log say it */
        public String getWhoMayApprove() {
            return ApprovalWait.whoMayApprove(request.policy());
        }

        public List<Approval> getApprovals() {
            return request.approvals();
        }

        public int getRequiredApprovals() {
            return request.policy().requiredApprovals();
        }

        public boolean isChangeTicketRequired() {
            return request.policy().changeTicketPattern() != null;
        }

        public String getChangeTicketPattern() {
            return request.policy().changeTicketPattern();
        }

        public boolean isPending() {
            return request.state() == ApprovalState.PENDING && !stopped;
        }

        public boolean isStopped() {
            return stopped;
        }

        /** @return whether a reviewer rejected the request: its digest stays vetoed until an administrator clears it */
        public boolean isRejected() {
            return request.state() == ApprovalState.REJECTED;
        }

        /** @return the state as the page says it: pending, approved, rejected by someone, expired or stopped */
        public String getStatus() {
            if (stopped && request.state() == ApprovalState.PENDING) {
                return Messages.ApprovalsAction_StatusStopped();
            }
            return switch (request.state()) {
                case PENDING -> Messages.ApprovalsAction_StatusPending(request.remainingApprovals());
                case APPROVED -> Messages.ApprovalsAction_StatusApproved();
                case REJECTED ->
                    Messages.ApprovalsAction_StatusRejected(
                            request.rejection().orElseThrow().userId());
                case EXPIRED -> Messages.ApprovalsAction_StatusExpired();
            };
        }

        /** @return the time left before the deadline, such as {@code 71h59m}, or {@code 0s} once it has passed */
        public String getTimeLeft() {
            Duration left = Duration.between(Instant.now(), request.deadline());
            return Durations.format(left.isNegative() ? Duration.ZERO : left.withNanos(0));
        }

        /** @return the deadline, ISO-8601 */
        public String getDeadline() {
            return request.deadline().toString();
        }
    }
}
