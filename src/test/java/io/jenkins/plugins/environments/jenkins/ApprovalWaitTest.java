package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import hudson.AbortException;
import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.jenkins.plugins.environments.approval.ApprovalOutcome;
import io.jenkins.plugins.environments.approval.ApprovalSettings;
import io.jenkins.plugins.environments.approval.ApprovalState;
import io.jenkins.plugins.environments.approval.Decision;
import io.jenkins.plugins.environments.approval.Maker;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.RefusalReason;
import io.jenkins.plugins.environments.approval.Reviewer;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.Tier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jenkins.model.CauseOfInterruption;
import jenkins.scm.RunWithSCM;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedConstruction;

/**
 * The step's work with a mocked {@link StepContext} and run: it pauses, completes on the Nth approval, fails on a
 * rejection and on the deadline, survives a restart (the action serialised and read back into new objects), and a
 * refused attempt changes nothing. Decisions go through {@link ApprovalsAction}, as the web methods send them after
 * their permission check; the clock is fake and the timer runs its task when the test says.
 */
class ApprovalWaitTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);
    private static final Instant OPENED = Instant.parse("2026-11-28T10:00:00Z");
    private static final String RUN_URL = "job/shop/7/";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(OPENED);
    private final List<Scheduled> timer = new ArrayList<>();
    private Gates gates =
            new Gates(2, List.of("alice", "bob", "carol", "release-managers"), true, false, null, null, null, false);
    private Ledger ledger;
    private Services services;

    /** One task given to the fake timer. */
    private record Scheduled(Runnable task, Duration delay, CompletableFuture<Void> future) {}

    /** A clock the test moves. */
    private static final class FakeClock extends Clock {
        private Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** The run's mocks: the run holds whatever action is added to it, as Jenkins' run does. */
    private final class FakeRun {
        final Run<?, ?> run;
        final StepContext context = mock(StepContext.class);
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final List<Action> actions = new ArrayList<>();

        FakeRun(Run<?, ?> run) throws Exception {
            this.run = run;
            TaskListener listener = mock(TaskListener.class);
            when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
            when(context.get(Run.class)).thenAnswer(i -> run);
            when(context.get(TaskListener.class)).thenReturn(listener);
            when(run.getUrl()).thenReturn(RUN_URL);
            doAnswer(i -> {
                        Action action = i.getArgument(0);
                        actions.add(action);
                        if (action instanceof ApprovalsAction approvals) {
                            approvals.onAttached(run);
                        }
                        return null;
                    })
                    .when(run)
                    .addAction(any());
            when(run.getAction(ApprovalsAction.class))
                    .thenAnswer(i -> actions.stream()
                            .filter(ApprovalsAction.class::isInstance)
                            .findFirst()
                            .orElse(null));
        }

        ApprovalsAction action() {
            return run.getAction(ApprovalsAction.class);
        }

        String log() {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void services() throws Exception {
        ledger = Ledger.open(dir.resolve("ledger.jsonl"), clock);
        services = new Services(
                clock,
                () -> ledger,
                () -> RealmRules.JENKINS_DEFAULT,
                () -> new EnvironmentsConfiguration(List.of(), List.of(), List.of(prod()), null),
                (task, delay) -> {
                    Scheduled scheduled = new Scheduled(task, delay, new CompletableFuture<>());
                    timer.add(scheduled);
                    return scheduled.future();
                },
                (url, text) -> text + " </" + url + ">");
    }

    private Environment prod() {
        return new Environment(
                "prod", Tier.PROD, "prod-eu", null, null, null, null, null, null, gates, List.of(), null);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private FakeRun runStartedBy(String userId) throws Exception {
        Run run = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getName()).thenReturn("shop");
        when(run.getParent()).thenReturn(job);
        Cause.UserIdCause cause = mock(Cause.UserIdCause.class);
        when(cause.getUserId()).thenReturn(userId);
        when(run.getCauses()).thenReturn(List.of(cause));
        return new FakeRun(run);
    }

    private static ApprovalWait.Ask ask(ApprovalSettings settings) {
        return new ApprovalWait.Ask(null, "prod", DIGEST, "Ship 1.4 to production?", settings);
    }

    private static ApprovalSettings timeout24h() {
        return new ApprovalSettings(null, null, null, null, null, null, "24h");
    }

    private ApprovalOutcome approve(ApprovalsAction action, String userId, String ticket) throws Exception {
        return action.decide(
                "1", true, Reviewer.user(userId), new Decision("prod", DIGEST, "looks good", ticket), services);
    }

    private List<LedgerEvent> ledgerEvents() throws Exception {
        return ledger.events();
    }

    @Test
    void startOpensTheRequestOnTheRunAndPausesWithoutCompleting() throws Exception {
        FakeRun fake = runStartedBy("dave");
        ApprovalWait wait = new ApprovalWait(fake.context, services);

        String id = wait.start(ask(timeout24h()));

        assertEquals("1", id);
        ApprovalsAction.Entry entry = fake.action().entry("1").orElseThrow();
        assertEquals("shop", entry.getApp(), "the app defaults to the job's name");
        assertEquals(ApprovalState.PENDING, entry.getRequest().state());
        assertEquals(
                RunOrigin.startedByPerson("dave", List.of()).toString(),
                entry.getRequest().origin().toString());
        verify(fake.context, never()).onSuccess(any());
        verify(fake.context, never()).onFailure(any());
        assertEquals(1, timer.size());
        assertEquals(Duration.ofHours(24), timer.get(0).delay(), "the expiry is set for the deadline");
        assertEquals(
                "Ship 1.4 to production?\n"
                        + "Waiting for approval of app 'shop' digest " + DIGEST + " for environment 'prod': 2 distinct"
                        + " approval(s) from alice, bob, carol, release-managers; not by anyone who made this digest"
                        + " (who started this run or a run upstream of it, or wrote or committed its changes)."
                        + " Deadline 2026-11-29T10:00:00Z.\n"
                        + "Approve or reject </job/shop/7/approvals/>\n",
                fake.log());
        verify(fake.run, times(1)).save();
    }

    @Test
    void completesOnTheSecondApprovalWithApproversTicketAndTime() throws Exception {
        FakeRun fake = runStartedBy("dave");
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));
        ApprovalsAction action = fake.action();

        clock.advance(Duration.ofMinutes(5));
        assertEquals(
                ApprovalOutcome.Kind.ACCEPTED, approve(action, "alice", null).kind());
        verify(fake.context, never()).onSuccess(any());

        clock.advance(Duration.ofMinutes(5));
        assertEquals(
                ApprovalOutcome.Kind.APPROVED, approve(action, "bob", "CHG-7").kind());

        verify(fake.context)
                .onSuccess(Map.of(
                        "approvers", List.of("alice", "bob"),
                        "changeTicket", "CHG-7",
                        "decidedAt", "2026-11-28T10:10:00Z"));
        verify(fake.context, never()).onFailure(any());
        assertTrue(timer.get(0).future().isCancelled(), "the expiry timer is cancelled");
        List<LedgerEvent> events = ledgerEvents();
        assertEquals(
                List.of(LedgerEventType.APPROVAL_REQUESTED, LedgerEventType.APPROVED, LedgerEventType.APPROVED),
                types(events));
        assertEquals(RUN_URL, events.get(2).build());
        assertEquals("bob", events.get(2).actor());
        assertEquals("2/2", events.get(2).details().get("approvals"));
        assertEquals(1, ApprovalsAction.results(fake.run).size());
        assertTrue(
                ApprovalsAction.results(fake.run).get(0).satisfies("prod", DIGEST, gates, RealmRules.JENKINS_DEFAULT),
                "the record promoteDigest reads satisfies the environment's gate");
    }

    @Test
    void aRejectionAbortsTheBuildWithACauseNamingWhoRejected() throws Exception {
        FakeRun fake = runStartedBy("dave");
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));
        approve(fake.action(), "alice", null);

        List<List<?>> constructed = new ArrayList<>();
        try (MockedConstruction<FlowInterruptedException> failures = mockConstruction(
                FlowInterruptedException.class, (mock, context) -> constructed.add(context.arguments()))) {
            ApprovalOutcome outcome = fake.action()
                    .decide(
                            "1",
                            false,
                            Reviewer.user("carol"),
                            new Decision("prod", DIGEST, "not before the freeze ends", null),
                            services);
            assertEquals(ApprovalOutcome.Kind.REJECTED, outcome.kind());
            verify(fake.context).onFailure(failures.constructed().get(0));
        }
        verify(fake.context, never()).onSuccess(any());
        List<?> arguments = constructed.get(0);
        assertSame(hudson.model.Result.ABORTED, arguments.get(0), "the build is aborted");
        assertEquals(true, arguments.get(1), "as an actual interruption");
        CauseOfInterruption[] causes = (CauseOfInterruption[]) arguments.get(2);
        assertEquals(
                "Rejected by 'carol' for environment 'prod': not before the freeze ends",
                causes[0].getShortDescription());
        assertEquals(
                List.of(LedgerEventType.APPROVAL_REQUESTED, LedgerEventType.APPROVED, LedgerEventType.REJECTED),
                types(ledgerEvents()));
        assertTrue(ApprovalsAction.results(fake.run).isEmpty(), "a rejected request leaves no approval record");
    }

    @Test
    void theDeadlineAbortsTheBuildAsExpired() throws Exception {
        FakeRun fake = runStartedBy("dave");
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));
        approve(fake.action(), "alice", null);

        clock.advance(Duration.ofHours(24));
        List<List<?>> constructed = new ArrayList<>();
        try (MockedConstruction<FlowInterruptedException> failures = mockConstruction(
                FlowInterruptedException.class, (mock, context) -> constructed.add(context.arguments()))) {
            timer.get(0).task().run();
            verify(fake.context).onFailure(failures.constructed().get(0));
        }
        CauseOfInterruption[] causes =
                (CauseOfInterruption[]) constructed.get(0).get(2);
        assertEquals(
                "Approval for environment 'prod' expired at 2026-11-29T10:00:00Z", causes[0].getShortDescription());
        assertEquals(
                ApprovalState.EXPIRED,
                fake.action().entry("1").orElseThrow().getRequest().state());
        LedgerEvent expiry = ledgerEvents().get(2);
        assertEquals(LedgerEventType.APPROVAL_EXPIRED, expiry.type());
        assertEquals("timeout", expiry.reason());
        assertEquals(RUN_URL, expiry.build());
    }

    @Test
    void aTimerThatFiresEarlyIsSetAgainForTheRest() throws Exception {
        FakeRun fake = runStartedBy("dave");
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));

        clock.advance(Duration.ofHours(23));
        timer.get(0).task().run();

        assertEquals(2, timer.size());
        assertEquals(Duration.ofHours(1), timer.get(1).delay());
        assertEquals(
                ApprovalState.PENDING,
                fake.action().entry("1").orElseThrow().getRequest().state());
        verify(fake.context, never()).onFailure(any());
    }

    @Test
    void aRefusedSelfApprovalChangesNothingAndIsRecorded() throws Exception {
        FakeRun fake = runStartedBy("dave");
        gates = new Gates(2, List.of("alice", "bob", "dave"), true, false, null, null, null, false);
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));
        ApprovalsAction action = fake.action();
        var before = action.entry("1").orElseThrow().getRequest();

        ApprovalOutcome outcome = approve(action, "Dave", null);

        assertTrue(outcome.isRefused());
        assertEquals(
                RefusalReason.SELF_APPROVAL, outcome.refusal().orElseThrow().reason());
        assertEquals(
                "'Dave' started this run, and environment 'prod' forbids self-approval: someone else must approve",
                outcome.refusal().orElseThrow().message());
        assertSame(before, action.entry("1").orElseThrow().getRequest(), "the request is unchanged");
        verify(fake.run, times(1)).save();
        verify(fake.context, never()).onSuccess(any());
        verify(fake.context, never()).onFailure(any());
        LedgerEvent refusal = ledgerEvents().get(1);
        assertEquals(LedgerEventType.APPROVAL_REFUSED, refusal.type());
        assertEquals("self-approval", refusal.reason());
        assertEquals("Dave", refusal.actor());
        assertEquals(RUN_URL, refusal.build());
        assertEquals(403, ApprovalPermission.status(RefusalReason.SELF_APPROVAL));
    }

    @Test
    void anApprovalForAnotherDigestDoesNotCount() throws Exception {
        FakeRun fake = runStartedBy("dave");
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));

        ApprovalOutcome outcome =
                fake.action().decide("1", true, Reviewer.user("alice"), Decision.of("prod", OTHER_DIGEST), services);

        assertEquals(RefusalReason.WRONG_DIGEST, outcome.refusal().orElseThrow().reason());
        assertEquals(0, fake.action().entry("1").orElseThrow().getApprovals().size());
        assertEquals(409, ApprovalPermission.status(RefusalReason.WRONG_DIGEST));
    }

    @Test
    void aChangeAuthorOfATimerStartedRunCannotApprove() throws Exception {
        Run<?, ?> run = mock(Run.class, withSettings().extraInterfaces(RunWithSCM.class));
        Job<?, ?> job = mock(Job.class);
        when(job.getName()).thenReturn("shop");
        doAnswer(i -> job).when(run).getParent();
        when(run.getCauses()).thenReturn(List.of(mock(Cause.class)));
        ChangeLogSet.Entry change = mock(ChangeLogSet.Entry.class);
        User erin = mock(User.class);
        when(erin.getId()).thenReturn("erin");
        when(change.getAuthor()).thenReturn(erin);
        @SuppressWarnings("unchecked")
        ChangeLogSet<ChangeLogSet.Entry> changes = mock(ChangeLogSet.class);
        when(changes.iterator()).thenAnswer(i -> List.of(change).iterator());
        doAnswer(i -> List.of(changes)).when((RunWithSCM<?, ?>) run).getChangeSets();

        when(change.getCommitId()).thenReturn("1a2b3c4d5e6f7a8b");
        when(run.getUrl()).thenReturn(RUN_URL);

        RunOrigin origin = ApprovalWait.origin(run, null);

        assertEquals(RunOrigin.Starter.AUTOMATIC, origin.starter());
        assertEquals(List.of("erin"), origin.changeAuthors());
        gates = new Gates(1, List.of("erin", "alice"), true, false, null, null, null, false);
        FakeRun fake = new FakeRun(run);
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));
        ApprovalOutcome outcome = approve(fake.action(), "erin", null);
        assertEquals(
                "'erin' authored a change (commit 1a2b3c4d5e6f in job/shop/7/), and environment 'prod' forbids"
                        + " self-approval: someone else must approve",
                outcome.refusal().orElseThrow().message());
    }

    @Test
    void furtherUsersWhoStartedTheRunCountAsSelfToo() {
        @SuppressWarnings("rawtypes")
        Run run = mock(Run.class);
        Cause.UserIdCause dave = mock(Cause.UserIdCause.class);
        when(dave.getUserId()).thenReturn("dave");
        Cause.UserIdCause frank = mock(Cause.UserIdCause.class);
        when(frank.getUserId()).thenReturn("frank");
        when(run.getCauses()).thenReturn(List.of(dave, frank));

        RunOrigin origin = ApprovalWait.origin(run, null);

        assertEquals("dave", origin.startedBy());
        assertEquals(
                List.of(Maker.user(Maker.Role.STARTED_RUN, "dave"), Maker.user(Maker.Role.STARTED_RUN, "frank")),
                origin.makers());
    }

    @Test
    void resumesAfterARestartWithTheApprovalsGivenBefore() throws Exception {
        FakeRun before = runStartedBy("dave");
        String id = new ApprovalWait(before.context, services).start(ask(timeout24h()));
        approve(before.action(), "alice", "CHG-1");
        byte[] saved = serialize(before.action());

        FakeRun after = runStartedBy("dave");
        ApprovalsAction loaded = deserialize(saved);
        after.actions.add(loaded);
        loaded.onLoad(after.run);
        clock.advance(Duration.ofHours(2));
        new ApprovalWait(after.context, services).resume(id);

        assertEquals(2, timer.size());
        assertEquals(Duration.ofHours(22), timer.get(1).delay(), "the expiry is set again for the time left");
        verify(after.context, never()).onSuccess(any());
        ApprovalOutcome again = approve(loaded, "alice", null);
        assertEquals(
                RefusalReason.ALREADY_APPROVED, again.refusal().orElseThrow().reason());

        approve(loaded, "bob", null);

        ArgumentCaptor<Object> result = ArgumentCaptor.forClass(Object.class);
        verify(after.context).onSuccess(result.capture());
        assertEquals(List.of("alice", "bob"), ((Map<?, ?>) result.getValue()).get("approvers"));
        assertEquals("CHG-1", ((Map<?, ?>) result.getValue()).get("changeTicket"));
        verify(before.context, never()).onSuccess(any());
    }

    @Test
    void resumingAfterTheDeadlineExpiresTheRequest() throws Exception {
        FakeRun before = runStartedBy("dave");
        String id = new ApprovalWait(before.context, services).start(ask(timeout24h()));
        byte[] saved = serialize(before.action());

        FakeRun after = runStartedBy("dave");
        ApprovalsAction loaded = deserialize(saved);
        after.actions.add(loaded);
        loaded.onLoad(after.run);
        clock.advance(Duration.ofDays(2));
        try (MockedConstruction<FlowInterruptedException> failures = mockConstruction(FlowInterruptedException.class)) {
            new ApprovalWait(after.context, services).resume(id);
            verify(after.context).onFailure(failures.constructed().get(0));
        }
        assertEquals(
                ApprovalState.EXPIRED,
                loaded.entry(id).orElseThrow().getRequest().state());
        assertEquals(1, timer.size(), "no timer is set for an expired request");
    }

    @Test
    void resumingARequestApprovedWhileWaitingCompletesTheStep() throws Exception {
        FakeRun before = runStartedBy("dave");
        String id = new ApprovalWait(before.context, services).start(ask(timeout24h()));
        approve(before.action(), "alice", null);
        approve(before.action(), "bob", null);
        byte[] saved = serialize(before.action());

        FakeRun after = runStartedBy("dave");
        ApprovalsAction loaded = deserialize(saved);
        after.actions.add(loaded);
        loaded.onLoad(after.run);
        new ApprovalWait(after.context, services).resume(id);

        verify(after.context).onSuccess(any(Map.class));
    }

    @Test
    void aStoppedBuildEndsTheStepWithItsCauseAndTakesNoMoreDecisions() throws Exception {
        FakeRun fake = runStartedBy("dave");
        ApprovalWait wait = new ApprovalWait(fake.context, services);
        String id = wait.start(ask(timeout24h()));
        InterruptedException cause = new InterruptedException("aborted by the user");

        wait.stop(id, cause);

        verify(fake.context).onFailure(cause);
        assertTrue(timer.get(0).future().isCancelled());
        ApprovalsAction.Entry entry = fake.action().entry(id).orElseThrow();
        assertTrue(entry.isStopped());
        assertFalse(entry.isPending());
        ApprovalOutcome refused = approve(fake.action(), "alice", null);
        assertEquals(RefusalReason.STOPPED, refused.refusal().orElseThrow().reason());
        assertEquals(
                "The build stopped waiting for this approval: no decision is taken.",
                refused.refusal().orElseThrow().message());
        assertEquals(0, fake.action().entry(id).orElseThrow().getApprovals().size());
        assertEquals(
                List.of(
                        LedgerEventType.APPROVAL_REQUESTED,
                        LedgerEventType.APPROVAL_CANCELLED,
                        LedgerEventType.APPROVAL_REFUSED),
                types(ledgerEvents()));
        LedgerEvent recorded = ledgerEvents().get(2);
        assertEquals(LedgerEventType.APPROVAL_REFUSED, recorded.type(), "the attempt on a stopped request is recorded");
        assertEquals("stopped", recorded.reason());
        assertEquals("alice", recorded.actor());
    }

    @Test
    void aStepSettingThatLoosensTheGateStopsTheStepBeforeAnythingOpens() throws Exception {
        FakeRun fake = runStartedBy("dave");
        List<String> messages = new ArrayList<>();
        try (MockedConstruction<AbortException> aborts = mockConstruction(
                AbortException.class,
                (mock, context) -> messages.add((String) context.arguments().get(0)))) {
            ApprovalWait wait = new ApprovalWait(fake.context, services);
            Exception thrown = assertThrows(
                    Exception.class,
                    () -> wait.start(ask(new ApprovalSettings(1, null, null, null, null, null, null))));
            assertSame(aborts.constructed().get(0), thrown);
        }
        assertEquals(
                List.of("minApprovals is 1 but environment 'prod' requires 2 approvals: ask for 2 or more, or leave"
                        + " minApprovals out"),
                messages);
        assertTrue(fake.actions.isEmpty(), "no request was opened");
        assertTrue(timer.isEmpty());
    }

    @Test
    void anUnknownEnvironmentStopsTheStep() throws Exception {
        FakeRun fake = runStartedBy("dave");
        List<String> messages = new ArrayList<>();
        try (MockedConstruction<AbortException> aborts = mockConstruction(
                AbortException.class,
                (mock, context) -> messages.add((String) context.arguments().get(0)))) {
            assertThrows(
                    Exception.class,
                    () -> new ApprovalWait(fake.context, services)
                            .start(new ApprovalWait.Ask(null, "qa", DIGEST, null, null)));
        }
        assertEquals(
                List.of("Environment 'qa' is not configured: an administrator adds it under Manage Jenkins »"
                        + " Environment Management."),
                messages);
    }

    @Test
    void aJobNameThatIsNoLabelNeedsAnApp() throws Exception {
        FakeRun fake = runStartedBy("dave");
        when(fake.run.getParent().getName()).thenReturn("Shop Frontend");
        List<String> messages = new ArrayList<>();
        try (MockedConstruction<AbortException> aborts = mockConstruction(
                AbortException.class,
                (mock, context) -> messages.add((String) context.arguments().get(0)))) {
            assertThrows(Exception.class, () -> new ApprovalWait(fake.context, services).start(ask(null)));
        }
        assertEquals(
                List.of("The job's name 'Shop Frontend' is not an RFC 1123 label, so it cannot be the app: give"
                        + " awaitApproval an app."),
                messages);
        assertEquals("shop-frontend", ApprovalWait.app("shop-frontend", fake.run));
    }

    @Test
    void aRestCallerReadsWhatItsDecisionDid() throws Exception {
        FakeRun fake = runStartedBy("dave");
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));

        assertEquals(
                "Approval by 'alice' counted: 1 of 2.",
                ApprovalsAction.describe(approve(fake.action(), "alice", null)));
        assertEquals(
                "Approved by 'bob': the digest is approved for environment 'prod'.",
                ApprovalsAction.describe(approve(fake.action(), "bob", null)));
        assertEquals("approved", fake.action().entry("1").orElseThrow().getStatus());
    }

    @Test
    void theRejectionIsDescribedToARestCallerAndOnThePage() throws Exception {
        FakeRun fake = runStartedBy("dave");
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));
        assertEquals(
                "waiting for 2 more approval(s)",
                fake.action().entry("1").orElseThrow().getStatus());

        try (MockedConstruction<FlowInterruptedException> failures = mockConstruction(FlowInterruptedException.class)) {
            ApprovalOutcome rejected =
                    fake.action().decide("1", false, Reviewer.user("carol"), Decision.of("prod", DIGEST), services);
            assertEquals("Rejected by 'carol': the build is aborted.", ApprovalsAction.describe(rejected));
        }
        assertEquals(
                "rejected by 'carol'", fake.action().entry("1").orElseThrow().getStatus());
    }

    /** Who may not decide is told 403; a bad ticket or comment 400; a request not in a state to take it 409. */
    @Test
    void everyRefusalHasItsHttpStatus() {
        Map<RefusalReason, Integer> expected = new java.util.EnumMap<>(RefusalReason.class);
        expected.put(RefusalReason.NOT_ALLOWED, 403);
        expected.put(RefusalReason.SELF_APPROVAL, 403);
        expected.put(RefusalReason.ALREADY_APPROVED, 409);
        expected.put(RefusalReason.WRONG_ENVIRONMENT, 409);
        expected.put(RefusalReason.WRONG_DIGEST, 409);
        expected.put(RefusalReason.ALREADY_DECIDED, 409);
        expected.put(RefusalReason.EXPIRED, 409);
        expected.put(RefusalReason.MISSING_TICKET, 400);
        expected.put(RefusalReason.INVALID_TICKET, 400);
        expected.put(RefusalReason.INVALID_COMMENT, 400);
        expected.put(RefusalReason.STOPPED, 409);
        expected.put(RefusalReason.VETOED, 409);
        expected.put(RefusalReason.NOT_SAVED, 503);
        for (RefusalReason reason : RefusalReason.values()) {
            assertEquals(expected.get(reason), ApprovalPermission.status(reason), reason.id());
        }
    }

    @Test
    void theStepPassesItsSettingsToTheRules() {
        AwaitApprovalStep step = new AwaitApprovalStep("prod", DIGEST);
        step.setApprovers(List.of("alice"));
        step.setMinApprovals(3);
        step.setChangeTicketPattern(" ");
        step.setTimeout("2h");
        step.setMessage("Ship?");

        ApprovalWait.Ask ask = step.ask();

        assertEquals(
                new ApprovalWait.Ask(
                        null,
                        "prod",
                        DIGEST,
                        "Ship?",
                        new ApprovalSettings(3, List.of("alice"), null, null, null, null, "2h")),
                ask);
    }

    @Test
    void whoMayApproveSaysTheWholePolicy() {
        gates = new Gates(0, List.of(), false, true, null, null, "CHG-[0-9]+", false);
        var policy = io.jenkins.plugins.environments.approval.ApprovalPolicy.resolve(
                "prod", gates, null, RealmRules.JENKINS_DEFAULT);

        assertEquals(
                "1 distinct approval(s) from anyone who may build this job; administrators too; a change ticket"
                        + " matching 'CHG-[0-9]+'",
                ApprovalWait.whoMayApprove(policy));
    }

    @Test
    void startRecordsTheRequestWithItsKeyWhoMayApproveAndItsPage() throws Exception {
        FakeRun fake = runStartedBy("dave");

        new ApprovalWait(fake.context, services).start(ask(timeout24h()));

        List<LedgerEvent> events = ledgerEvents();
        assertEquals(List.of(LedgerEventType.APPROVAL_REQUESTED), types(events));
        LedgerEvent requested = events.get(0);
        assertEquals(OPENED, requested.time());
        assertEquals("shop", requested.app());
        assertEquals("prod", requested.environment());
        assertEquals(DIGEST, requested.digest());
        assertEquals("dave", requested.actor(), "the requester is who started the build");
        assertEquals(RUN_URL, requested.build());
        assertEquals(
                Map.of(
                        "actorKind", "user",
                        "request", "job/shop/7/#1",
                        "required", "2",
                        "eligible", "alice,bob,carol,release-managers",
                        "page", "job/shop/7/approvals/",
                        "deadline", "2026-11-29T10:00:00Z"),
                requested.details(),
                "nothing runs in prod yet, so nothing is replaced");
    }

    @Test
    void theRequestNamesTheDigestItReplaces() throws Exception {
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", "prod")
                .time(OPENED.minusSeconds(60))
                .digest(OTHER_DIGEST)
                .build("job/shop/6/"));
        FakeRun fake = runStartedBy("dave");

        new ApprovalWait(fake.context, services).start(ask(timeout24h()));

        LedgerEvent requested = ledgerEvents().get(1);
        assertEquals(LedgerEventType.APPROVAL_REQUESTED, requested.type());
        assertEquals(OTHER_DIGEST, requested.details().get("replaces"));
    }

    @Test
    void everyEventOfTheRequestCarriesTheSameKey() throws Exception {
        FakeRun fake = runStartedBy("dave");
        new ApprovalWait(fake.context, services).start(ask(timeout24h()));
        approve(fake.action(), "dave", null);
        approve(fake.action(), "alice", null);
        approve(fake.action(), "bob", null);

        List<LedgerEvent> events = ledgerEvents();
        assertEquals(
                List.of(
                        LedgerEventType.APPROVAL_REQUESTED,
                        LedgerEventType.APPROVAL_REFUSED,
                        LedgerEventType.APPROVED,
                        LedgerEventType.APPROVED),
                types(events));
        assertEquals(
                List.of("job/shop/7/#1", "job/shop/7/#1", "job/shop/7/#1", "job/shop/7/#1"),
                events.stream().map(e -> e.details().get("request")).toList());
        assertEquals("approved", events.get(3).details().get("state"));
    }

    @Test
    void aStoppedRequestIsCancelledOnce() throws Exception {
        FakeRun fake = runStartedBy("dave");
        ApprovalWait wait = new ApprovalWait(fake.context, services);
        String id = wait.start(ask(timeout24h()));
        approve(fake.action(), "alice", null);
        clock.advance(Duration.ofMinutes(10));

        wait.stop(id, new InterruptedException("aborted by the user"));
        wait.stop(id, new InterruptedException("aborted again"));

        List<LedgerEvent> events = ledgerEvents();
        assertEquals(
                List.of(
                        LedgerEventType.APPROVAL_REQUESTED,
                        LedgerEventType.APPROVED,
                        LedgerEventType.APPROVAL_CANCELLED),
                types(events));
        LedgerEvent cancelled = events.get(2);
        assertEquals(OPENED.plus(Duration.ofMinutes(10)), cancelled.time());
        assertEquals("system", cancelled.actor());
        assertEquals("stopped", cancelled.reason());
        assertEquals(RUN_URL, cancelled.build());
        assertEquals(DIGEST, cancelled.digest());
        assertEquals("job/shop/7/#1", cancelled.details().get("request"));
        assertEquals("1/2", cancelled.details().get("approvals"));
    }

    @Test
    void anEndedRequestIsNotCancelledWhenTheBuildStopsLater() throws Exception {
        FakeRun fake = runStartedBy("dave");
        ApprovalWait wait = new ApprovalWait(fake.context, services);
        String id = wait.start(ask(timeout24h()));
        fake.action().decide("1", false, Reviewer.user("carol"), new Decision("prod", DIGEST, "no", null), services);

        wait.stop(id, new InterruptedException("aborted"));

        assertEquals(List.of(LedgerEventType.APPROVAL_REQUESTED, LedgerEventType.REJECTED), types(ledgerEvents()));
    }

    @Test
    void resumingAfterARestartDoesNotRecordTheRequestAgain() throws Exception {
        FakeRun before = runStartedBy("dave");
        String id = new ApprovalWait(before.context, services).start(ask(timeout24h()));
        byte[] saved = serialize(before.action());

        FakeRun after = runStartedBy("dave");
        ApprovalsAction loaded = deserialize(saved);
        after.actions.add(loaded);
        loaded.onLoad(after.run);
        new ApprovalWait(after.context, services).resume(id);
        new ApprovalWait(after.context, services).resume(id);

        assertEquals(List.of(LedgerEventType.APPROVAL_REQUESTED), types(ledgerEvents()));
        verify(after.run, never()).save();
    }

    @Test
    void aPendingRequestOfAnEarlierVersionIsRecordedOnceWhenResumed() throws Exception {
        FakeRun before = runStartedBy("dave");
        String id = new ApprovalWait(before.context, services).start(ask(timeout24h()));
        java.lang.reflect.Field announced = ApprovalsAction.Entry.class.getDeclaredField("announced");
        announced.setAccessible(true);
        announced.setBoolean(before.action().entry(id).orElseThrow(), false);
        byte[] saved = serialize(before.action());
        ledger = Ledger.open(dir.resolve("upgraded.jsonl"), clock); // the earlier version wrote no request
        clock.advance(Duration.ofHours(1));

        FakeRun after = runStartedBy("dave");
        ApprovalsAction loaded = deserialize(saved);
        after.actions.add(loaded);
        loaded.onLoad(after.run);
        new ApprovalWait(after.context, services).resume(id);
        new ApprovalWait(after.context, services).resume(id);

        List<LedgerEvent> events = ledgerEvents();
        assertEquals(List.of(LedgerEventType.APPROVAL_REQUESTED), types(events));
        assertEquals(OPENED, events.get(0).time(), "the time the request opened");
        assertEquals("job/shop/7/#1", events.get(0).details().get("request"));
        verify(after.run, times(1)).save();
    }

    @Test
    void aRequestTheLedgerHasAlreadyIsNotRecordedAgainOnResume() throws Exception {
        FakeRun before = runStartedBy("dave");
        String id = new ApprovalWait(before.context, services).start(ask(timeout24h()));
        java.lang.reflect.Field announced = ApprovalsAction.Entry.class.getDeclaredField("announced");
        announced.setAccessible(true);
        announced.setBoolean(before.action().entry(id).orElseThrow(), false);
        byte[] saved = serialize(before.action());

        FakeRun after = runStartedBy("dave");
        ApprovalsAction loaded = deserialize(saved);
        after.actions.add(loaded);
        loaded.onLoad(after.run);
        new ApprovalWait(after.context, services).resume(id);

        assertEquals(List.of(LedgerEventType.APPROVAL_REQUESTED), types(ledgerEvents()));
    }

    private static List<LedgerEventType> types(List<LedgerEvent> events) {
        return events.stream().map(LedgerEvent::type).toList();
    }

    private static byte[] serialize(Object object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static ApprovalsAction deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            ApprovalsAction action = (ApprovalsAction) in.readObject();
            assertNotNull(action);
            return action;
        }
    }
}
