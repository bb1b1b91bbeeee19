package io.jenkins.plugins.environments.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.environments.approval.Approval;
import io.jenkins.plugins.environments.approval.ApprovalOutcome;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.approval.ApprovalState;
import io.jenkins.plugins.environments.approval.Decision;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.Reviewer;
import io.jenkins.plugins.environments.model.Durations;
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
        if (entry.isStopped()) {
            return HttpResponses.errorWithoutStack(409, Messages.ApprovalsAction_Stopped());
        }
        ApprovalOutcome outcome;
        try {
            outcome = decide(entry.id, approve, ApprovalPermission.reviewer(), decision(req), Services.jenkins());
        } catch (IllegalStateException stoppedMeanwhile) {
            return HttpResponses.errorWithoutStack(409, Messages.ApprovalsAction_Stopped());
        }
        return respond(req, outcome);
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

    /** Adds a request; @return its id, the position among the run's requests counted from 1 */
    synchronized String open(ApprovalRequest request, String message) throws IOException {
        Entry entry = new Entry(Integer.toString(entries.size() + 1), request, message);
        entries.add(entry);
        run.save();
        return entry.id;
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
     * Takes one reviewer's decision on a request: the request decides, a change is saved with the run, every
     * outcome, refusals included, goes to the ledger with the run's URL, and an ending outcome is passed to the
     * waiting step. A decision after the deadline is refused and expires the request.
     */
    ApprovalOutcome decide(String id, boolean approve, Reviewer reviewer, Decision decision, Services services)
            throws IOException {
        ApprovalOutcome outcome;
        ApprovalOutcome expiry = null;
        synchronized (this) {
            Entry entry = entry(id).orElseThrow(() -> new IllegalArgumentException("no approval request " + id));
            if (entry.stopped) {
                throw new IllegalStateException(Messages.ApprovalsAction_Stopped());
            }
            RealmRules rules = services.rules().get();
            Instant now = services.clock().instant();
            outcome = approve
                    ? entry.request.approve(reviewer, decision, rules, now)
                    : entry.request.reject(reviewer, decision, rules, now);
            if (!outcome.isRefused()) {
                entry.request = outcome.request();
                run.save();
            } else if (entry.request.isOverdue(now)) {
                expiry = entry.request.expire(now);
                entry.request = expiry.request();
                run.save();
            }
        }
        record(outcome, services.ledger());
        if (expiry != null) {
            record(expiry, services.ledger());
            notifyWaiting(id, expiry);
        } else if (outcome.endsRequest()) {
            notifyWaiting(id, outcome);
        }
        return outcome;
    }

    /**
     * Expires a pending request whose deadline has come.
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
            expiry = entry.request.expire(now);
            entry.request = expiry.request();
            run.save();
        }
        record(expiry, services.ledger());
        notifyWaiting(id, expiry);
        return Optional.of(expiry);
    }

    /** Marks a pending request as no longer awaited: its build was stopped. Later decisions are answered 409. */
    synchronized void stop(String id) throws IOException {
        Optional<Entry> entry = entry(id);
        if (entry.isPresent() && entry.get().isPending()) {
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

    private void record(ApprovalOutcome outcome, Services.LedgerSource ledger) {
        try {
            ledger.get().append(outcome.toLedgerEvent().build(run.getUrl()));
        } catch (IOException | RuntimeException e) {
            // The decision stands (it is saved with the run); the log says what the ledger misses.
            LOGGER.log(Level.WARNING, "Could not append " + outcome + " of " + run.getUrl() + " to the ledger", e);
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
