package io.jenkins.plugins.environments.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.environments.approval.ApprovalBriefing;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.OneLine;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.promotion.ApprovalBriefer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prepares the reviewer's briefing of a request ({@link ApprovalBriefer}) once it is open, on a thread of its own (never
 * the Pipeline's CPS thread), within a deadline, and keeps it with the request on the run, so that the approval page
 * only shows what was read. A briefing that fails or takes too long is kept as one that says so; the request and the
 * step are not affected either way.
 */
final class ApprovalBriefings {

    private static final Logger LOGGER = Logger.getLogger(ApprovalBriefings.class.getName());

    /** Reads one briefing; may block up to its deadline. */
    @FunctionalInterface
    interface Reader {
        ApprovalBriefing read(Run<?, ?> run, ApprovalRequest request, Duration timeout) throws Exception;
    }

    /** Prepares nothing: for tests of the wait that are not about the briefing. */
    static final ApprovalBriefings NONE = new ApprovalBriefings(null, Runnable::run, Duration.ZERO, Clock.systemUTC());

    /** At most two briefings are read at once; more wait in line. */
    private static final Executor POOL = pool();

    private final Reader reader;
    private final Executor executor;
    private final Duration timeout;
    private final Clock clock;
    private final Duration grace;

    ApprovalBriefings(Reader reader, Executor executor, Duration timeout, Clock clock) {
        this(reader, executor, timeout, clock, Duration.ofSeconds(10));
    }

    /** @param grace how long after {@code timeout} a reading is given up (the reader's own deadlines come first) */
    ApprovalBriefings(Reader reader, Executor executor, Duration timeout, Clock clock, Duration grace) {
        this.reader = reader;
        this.executor = executor;
        this.timeout = timeout;
        this.clock = clock;
        this.grace = grace;
    }

    /** @return the briefings of the running Jenkins, read within {@link ApprovalBriefer#DEFAULT_TIMEOUT} */
    static ApprovalBriefings jenkins() {
        return new ApprovalBriefings(
                ApprovalBriefings::readInJenkins, POOL, ApprovalBriefer.DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    private static Executor pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "Environment Management approval briefing");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Starts reading the briefing of request {@code id} and keeps it on the action when done. Returns at once. A
     * reading still running after the deadline (plus a little for the reader's own clean-up) is given up: the
     * briefing then says that it took too long.
     */
    void prepare(ApprovalsAction action, String id, ApprovalRequest request) {
        if (reader == null) {
            return;
        }
        Run<?, ?> run = action.run();
        Duration limit = timeout.plus(grace);
        CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return reader.read(run, request, timeout);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        executor)
                .orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS)
                .handle((briefing, failure) -> {
                    ApprovalBriefing kept = briefing != null ? briefing : failed(request, failure, limit);
                    try {
                        action.brief(id, kept);
                    } catch (IOException | RuntimeException e) {
                        LOGGER.log(Level.WARNING, "Could not keep the approval briefing of " + id + " of " + run, e);
                    }
                    return null;
                });
    }

    /** @return a briefing whose every part says why it could not be read */
    ApprovalBriefing failed(ApprovalRequest request, Throwable failure, Duration limit) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof IllegalStateException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause instanceof TimeoutException
                ? "took longer than " + Durations.format(limit)
                : OneLine.of(
                        Redaction.redactLine(
                                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
                        400);
        String problem = ApprovalBriefer.COULD_NOT_READ + reason;
        return ApprovalBriefing.builder(request.digest(), clock.instant())
                .replacesProblem(problem)
                .gatesProblem(problem)
                .changesProblem(problem)
                .build();
    }

    private static ApprovalBriefing readInJenkins(Run<?, ?> run, ApprovalRequest request, Duration timeout)
            throws IOException {
        Clock clock = Clock.systemUTC();
        ApprovalBriefer briefer = new ApprovalBriefer(
                EnvironmentManagementConfiguration.get().toModel(),
                new JenkinsPromotionPorts(run, ApprovalPermission.rules()),
                EnvironmentLedger.get(),
                clock,
                new GitOpsPromotion(clock, null));
        return briefer.brief(
                new ApprovalBriefer.Ask(
                        request.app(),
                        request.environment(),
                        request.digest(),
                        run.getParent().getFullName(),
                        null,
                        PromotionAction.scanFor(run, request.digest())),
                new JenkinsRunView(run),
                timeout);
    }
}
