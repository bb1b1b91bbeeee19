package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.approval.Approval;
import io.jenkins.plugins.environments.approval.ApprovalPolicy;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.approval.ApprovalSettings;
import io.jenkins.plugins.environments.approval.ApprovalState;
import io.jenkins.plugins.environments.approval.Authorship;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.approval.Vetoes;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerQueries;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Names;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The work of one {@code awaitApproval} call, kept out of the step execution so that it can be tested with a mocked
 * {@link StepContext}: opens the request on the run, waits for it to end (a decision through {@link ApprovalsAction},
 * or the deadline on the timer), and completes the step once. After a restart, {@link #resume} picks the request up
 * again from the run.
 */
final class ApprovalWait {

    private static final Logger LOGGER = Logger.getLogger(ApprovalWait.class.getName());

    /** How long the timer waits before it tries again to expire a request whose expiry could not be recorded. */
    static final Duration EXPIRY_RETRY = Duration.ofMinutes(1);

    /** The step's arguments. {@code app} may be {@code null}: the job's name. */
    record Ask(String app, String environment, String digest, String message, ApprovalSettings settings) {}

    private final StepContext context;
    private final Services services;
    private final AtomicBoolean completed = new AtomicBoolean();
    private Future<?> expiry;

    ApprovalWait(StepContext context, Services services) {
        this.context = context;
        this.services = services;
    }

    /**
     * Opens the request and starts waiting. Completes nothing: the step goes on when the request ends.
     *
     * @return the request's id on the run, to keep for {@link #resume} and {@link #stop}
     * @throws AbortException with the model's message when an argument or the configuration is wrong; nothing is
     *     opened then
     */
    String start(Ask ask) throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        Opened opened;
        try {
            opened = open(ask, run);
        } catch (IllegalArgumentException e) {
            throw Redacted.abort(e);
        }
        ApprovalRequest request = opened.request();
        ApprovalsAction action = ApprovalsAction.of(run);
        String id = action.open(request, ask.message(), opened.replaces(), services);
        PrintStream log = listener.getLogger();
        if (ask.message() != null && !ask.message().isBlank()) {
            log.println(ask.message());
        }
        log.println(Messages.ApprovalWait_Waiting(
                request.app(),
                request.digest(),
                request.environment(),
                whoMayApprove(request.policy()),
                request.deadline()));
        for (String note : request.origin().notes()) {
            log.println(note);
        }
        log.println(services.hyperlink()
                .apply(run.getUrl() + ApprovalsAction.URL_NAME + "/", Messages.ApprovalWait_Link()));
        follow(action, id, request);
        return id;
    }

    /** A request just opened, and the digest the environment runs as the ledger says ({@code null}: none). */
    private record Opened(ApprovalRequest request, String replaces) {}

    private Opened open(Ask ask, Run<?, ?> run) throws IOException {
        Names.requireLabel("environment", "Environment", ask.environment());
        EnvironmentsConfiguration configuration = services.configuration().get();
        Environment environment = configuration
                .environment(ask.environment())
                .orElseThrow(() -> new InvalidConfigurationException(
                        "environment", Messages.ApprovalWait_UnknownEnvironment(ask.environment())));
        ApprovalPolicy policy = ApprovalPolicy.resolve(
                environment.name(),
                environment.gates(),
                ask.settings(),
                services.rules().get());
        String app = app(ask.app(), run);
        String digest = Digests.checkDigest(ask.digest());
        List<LedgerEvent> history = services.ledger().get().events();
        Optional<Vetoes.Veto> veto = Vetoes.standing(history, app, digest, environment.name());
        if (veto.isPresent()) {
            throw new IllegalArgumentException(veto.get().describe(app, digest, environment.name()));
        }
        Optional<LedgerQueries.EnvironmentState> current = current(history, app, environment.name());
        ApprovalRequest request = ApprovalRequest.open(
                app,
                digest,
                policy,
                origin(run, current.map(LedgerQueries.EnvironmentState::build).orElse(null)),
                services.clock().instant());
        return new Opened(
                request, current.map(LedgerQueries.EnvironmentState::digest).orElse(null));
    }

    /** @return the build that put what runs in the environment there, as the ledger says, or {@code null} */
    static String targetBuild(List<LedgerEvent> history, String app, String environment) {
        return current(history, app, environment)
                .map(LedgerQueries.EnvironmentState::build)
                .orElse(null);
    }

    /** @return what runs in the environment, as the ledger says */
    static Optional<LedgerQueries.EnvironmentState> current(List<LedgerEvent> history, String app, String environment) {
        for (LedgerQueries.EnvironmentState state : LedgerQueries.latestStates(history)) {
            if (state.app().equals(app) && state.environment().equals(environment)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** @return the app named by the step, or else the job's name, which must then be an RFC 1123 label */
    static String app(String app, Run<?, ?> run) {
        if (app != null && !app.isBlank()) {
            return app.trim();
        }
        String job = run.getParent().getName();
        if (!Names.isLabel(job)) {
            throw new InvalidConfigurationException("app", Messages.ApprovalWait_NoApp(job));
        }
        return job;
    }

    /**
     * Everyone who made the digest, as {@link Authorship} collects them from the run: the users who started it and
     * every run upstream of it, and the authors of the commits in its change log and in those of its earlier builds
     * back to {@code targetBuild}.
     *
     * @param targetBuild the build that put what runs in the environment there, or {@code null}
     * @throws InvalidConfigurationException when who made the digest cannot be told
     */
    static RunOrigin origin(Run<?, ?> run, String targetBuild) {
        try {
            return Authorship.collect(new JenkinsRunView(run), targetBuild);
        } catch (Authorship.UnknownMakersException e) {
            throw new InvalidConfigurationException("digest", Messages.ApprovalWait_UnknownMakers(e.getMessage()));
        }
    }

    /** @return who may approve, for the build log and the page */
    static String whoMayApprove(ApprovalPolicy policy) {
        String who = policy.approvers().isEmpty()
                ? Messages.ApprovalWait_AnyoneWhoMayBuild()
                : String.join(", ", policy.approvers());
        StringBuilder text = new StringBuilder(Messages.ApprovalWait_WhoMayApprove(policy.requiredApprovals(), who));
        if (policy.allowAdministrators()) {
            text.append("; ").append(Messages.ApprovalWait_AdministratorsToo());
        }
        if (policy.forbidSelfApproval()) {
            text.append("; ").append(Messages.ApprovalWait_NotSelf());
        }
        if (policy.changeTicketPattern() != null) {
            text.append("; ").append(Messages.ApprovalWait_TicketRequired(policy.changeTicketPattern()));
        }
        return text.toString();
    }

    /**
     * Picks the request up again after a restart: completes the step when the request ended while Jenkins was down
     * (or expires it when its deadline has passed), else waits for it again.
     */
    void resume(String id) {
        try {
            Run<?, ?> run = context.get(Run.class);
            ApprovalsAction action = run.getAction(ApprovalsAction.class);
            ApprovalsAction.Entry entry =
                    action == null ? null : action.entry(id).orElse(null);
            if (entry == null) {
                context.onFailure(new AbortException(Messages.ApprovalWait_Lost(id)));
                return;
            }
            action.announce(id, services);
            follow(action, id, entry.getRequest());
        } catch (IOException | InterruptedException | RuntimeException e) {
            context.onFailure(e);
        }
    }

    /** Waits for the request to end: registers with the action and sets the timer for the deadline. */
    private void follow(ApprovalsAction action, String id, ApprovalRequest request) throws IOException {
        if (request.state() != ApprovalState.PENDING) {
            finish(request);
            return;
        }
        action.await(id, outcome -> finish(outcome.request()));
        // A decision may have come between opening (or loading) and listening: it was not passed on.
        ApprovalRequest now = action.entry(id).orElseThrow().getRequest();
        if (now.state() != ApprovalState.PENDING) {
            finish(now);
        } else if (action.expireIfDue(id, services).isEmpty()) {
            schedule(action, id, now);
        }
    }

    private void schedule(ApprovalsAction action, String id, ApprovalRequest request) {
        Duration left = Duration.between(services.clock().instant(), request.deadline());
        expiry = services.timer().schedule(() -> onDeadline(action, id), left.isNegative() ? Duration.ZERO : left);
    }

    /** The timer's task: expires the request, or, when the clock is not there yet, sets the timer again. */
    private void onDeadline(ApprovalsAction action, String id) {
        try {
            if (action.expireIfDue(id, services).isEmpty()) {
                action.entry(id)
                        .filter(ApprovalsAction.Entry::isPending)
                        .ifPresent(entry -> schedule(action, id, entry.getRequest()));
            }
        } catch (IOException | RuntimeException e) {
            // Nothing changed (record first, then act): try again in a minute rather than wait forever.
            LOGGER.log(Level.WARNING, "Could not expire approval request " + id + " of " + action.run(), e);
            expiry = services.timer().schedule(() -> onDeadline(action, id), EXPIRY_RETRY);
        }
    }

    /** The build was stopped: the request takes no more decisions, and the step ends with the cause. */
    void stop(String id, Throwable cause) {
        cancelTimer();
        try {
            Run<?, ?> run = context.get(Run.class);
            ApprovalsAction action = run.getAction(ApprovalsAction.class);
            if (action != null && id != null) {
                action.stop(id, services);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not mark approval request " + id + " as stopped", e);
        }
        if (completed.compareAndSet(false, true)) {
            context.onFailure(cause);
        }
    }

    /** Completes the step, once, from an ended request. */
    void finish(ApprovalRequest request) {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        cancelTimer();
        try {
            PrintStream log = context.get(TaskListener.class).getLogger();
            switch (request.state()) {
                case APPROVED -> {
                    log.println(Messages.ApprovalWait_Approved(
                            request.environment(),
                            String.join(", ", request.result().orElseThrow().approvers())));
                    context.onSuccess(resultMap(request));
                }
                case REJECTED -> {
                    Approval rejection = request.rejection().orElseThrow();
                    ApprovalInterruption.Rejected cause = new ApprovalInterruption.Rejected(
                            rejection.userId(), request.environment(), rejection.comment());
                    log.println(ApprovalInterruption.Rejected.describe(
                            rejection.userId(), request.environment(), rejection.comment()));
                    context.onFailure(cause.toFailure());
                }
                case EXPIRED -> {
                    log.println(ApprovalInterruption.Expired.describe(request.environment(), request.deadline()));
                    context.onFailure(
                            new ApprovalInterruption.Expired(request.environment(), request.deadline()).toFailure());
                }
                case PENDING -> throw new IllegalStateException("the request is still pending");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            context.onFailure(e);
        }
    }

    /** @return what the step returns: {@code approvers}, {@code changeTicket} (or null) and {@code decidedAt} */
    static Map<String, Object> resultMap(ApprovalRequest request) {
        var result = request.result().orElseThrow();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("approvers", new ArrayList<>(result.approvers()));
        map.put("changeTicket", result.changeTicket().orElse(null));
        map.put("decidedAt", result.decidedAt().toString());
        return map;
    }

    private void cancelTimer() {
        Future<?> timer = expiry;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
