package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
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
import hudson.security.ACL;
import io.jenkins.plugins.environments.approval.ApprovalOutcome;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.approval.ApprovalSettings;
import io.jenkins.plugins.environments.approval.ApprovalState;
import io.jenkins.plugins.environments.approval.Decision;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.RefusalReason;
import io.jenkins.plugins.environments.approval.Reviewer;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.approval.Vetoes;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.Tier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jenkins.model.Jenkins;
import jenkins.scm.RunWithSCM;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;
import org.springframework.security.core.Authentication;

/**
 * The approval glue under attack and failure (issue 11, classes 10, 12, 14, 15): a rejection vetoes the digest in
 * every later and concurrent request until an administrator clears it; a decision counts only once the ledger line is
 * written and the run saved, and either failing leaves nothing counted and a retry possible; attempts on stopped
 * requests are recorded; Replay, timer and upstream runs of the same revision still know who made the digest.
 */
class ApprovalIntegrityWaitTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);
    private static final Instant OPENED = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;

    private Instant now = OPENED;
    private final List<Scheduled> timer = new ArrayList<>();

    /** One task given to the fake timer. */
    private record Scheduled(Runnable task, Duration delay) {}

    private Ledger ledger;
    private boolean ledgerBroken;
    private Services services;
    private Gates gates = new Gates(2, List.of("alice", "bob", "carol", "erin"), true, false, null, null, null, false);

    /** The run's mocks: it holds the actions added to it, as Jenkins' run does. */
    private final class FakeRun {
        final Run<?, ?> run;
        final StepContext context = mock(StepContext.class);
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final List<Action> actions = new ArrayList<>();

        FakeRun(Run<?, ?> run, String url) throws Exception {
            this.run = run;
            TaskListener listener = mock(TaskListener.class);
            when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
            when(context.get(Run.class)).thenAnswer(i -> run);
            when(context.get(TaskListener.class)).thenReturn(listener);
            when(run.getUrl()).thenReturn(url);
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

        ApprovalRequest request() {
            return action().entry("1").orElseThrow().getRequest();
        }
    }

    @BeforeEach
    void services() throws Exception {
        Clock clock = new Clock() {
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
        };
        ledger = Ledger.open(dir.resolve("ledger.jsonl"), clock);
        services = new Services(
                clock,
                () -> {
                    if (ledgerBroken) {
                        throw new IOException("the disk is full");
                    }
                    return ledger;
                },
                () -> RealmRules.JENKINS_DEFAULT,
                () -> new EnvironmentsConfiguration(
                        List.of(),
                        List.of(),
                        List.of(new Environment(
                                "prod", Tier.PROD, "prod-eu", null, null, null, null, null, null, gates, List.of(),
                                null)),
                        null),
                (task, delay) -> {
                    timer.add(new Scheduled(task, delay));
                    return new CompletableFuture<Void>();
                },
                (url, text) -> text);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private FakeRun run(String url, List<Cause> causes) throws Exception {
        Run run = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getName()).thenReturn("shop");
        when(run.getParent()).thenReturn(job);
        when(run.getCauses()).thenReturn(causes);
        return new FakeRun(run, url);
    }

    private FakeRun startedBy(String url, String userId) throws Exception {
        Cause.UserIdCause cause = mock(Cause.UserIdCause.class);
        when(cause.getUserId()).thenReturn(userId);
        return run(url, List.of(cause));
    }

    private static ApprovalWait.Ask ask(String digest) {
        return new ApprovalWait.Ask(
                null, "prod", digest, null, new ApprovalSettings(null, null, null, null, null, null, "24h"));
    }

    private ApprovalOutcome decide(FakeRun fake, boolean approve, String userId, String digest) throws Exception {
        return fake.action()
                .decide("1", approve, Reviewer.user(userId), new Decision("prod", digest, "c", null), services);
    }

    private ApprovalOutcome reject(FakeRun fake, String userId) throws Exception {
        try (MockedConstruction<FlowInterruptedException> failures = mockConstruction(FlowInterruptedException.class)) {
            return decide(fake, false, userId, DIGEST);
        }
    }

    private List<String> abortMessages(ThrowingStart start) throws Exception {
        List<String> messages = new ArrayList<>();
        try (MockedConstruction<AbortException> aborts = mockConstruction(
                AbortException.class,
                (mock, context) -> messages.add((String) context.arguments().get(0)))) {
            assertThrows(Exception.class, start::run);
        }
        return messages;
    }

    private interface ThrowingStart {
        void run() throws Exception;
    }

    private List<LedgerEventType> types() throws IOException {
        return ledger.events().stream().map(LedgerEvent::type).toList();
    }

    /** Class 12: the pipeline catches the abort and asks again for the same digest: that fails at once. */
    @Test
    void askingAgainForARejectedDigestFailsAtOnceNamingWhoRejectedAndWhen() throws Exception {
        FakeRun first = startedBy("job/shop/7/", "dave");
        new ApprovalWait(first.context, services).start(ask(DIGEST));
        now = OPENED.plusSeconds(600);
        reject(first, "carol");

        FakeRun again = startedBy("job/shop/8/", "dave");
        List<String> messages = abortMessages(() -> new ApprovalWait(again.context, services).start(ask(DIGEST)));

        assertEquals(
                List.of("Digest " + DIGEST + " of app 'shop' was rejected for environment 'prod' by 'carol' at"
                        + " 2026-11-28T10:10:00Z (build job/shop/7/): 'c'. A rejection stands until an administrator"
                        + " clears it on that build's Approvals page; a new digest can be approved"),
                messages);
        assertTrue(again.actions.isEmpty(), "no request was opened");
        assertEquals(
                List.of(LedgerEventType.APPROVAL_REQUESTED, LedgerEventType.REJECTED),
                types(),
                "the refused request is not recorded");
    }

    @Test
    void aNewDigestIsNotVetoed() throws Exception {
        FakeRun first = startedBy("job/shop/7/", "dave");
        new ApprovalWait(first.context, services).start(ask(DIGEST));
        reject(first, "carol");

        FakeRun next = startedBy("job/shop/8/", "dave");
        new ApprovalWait(next.context, services).start(ask(OTHER_DIGEST));

        assertEquals(ApprovalState.PENDING, next.request().state());
    }

    /** Class 12: a request for the same digest that was already waiting in another build cannot be approved either. */
    @Test
    void aConcurrentRequestForTheVetoedDigestCannotBeApproved() throws Exception {
        FakeRun first = startedBy("job/shop/7/", "dave");
        FakeRun second = startedBy("job/shop/8/", "dave");
        new ApprovalWait(first.context, services).start(ask(DIGEST));
        new ApprovalWait(second.context, services).start(ask(DIGEST));
        reject(first, "carol");

        ApprovalOutcome outcome = decide(second, true, "alice", DIGEST);

        assertEquals(RefusalReason.VETOED, outcome.refusal().orElseThrow().reason());
        assertTrue(outcome.refusal().orElseThrow().message().contains("by 'carol' at"));
        assertEquals(0, second.request().approvals().size());
        assertEquals(409, ApprovalPermission.status(RefusalReason.VETOED));
        LedgerEvent last = ledger.events().get(ledger.events().size() - 1);
        assertEquals(LedgerEventType.APPROVAL_REFUSED, last.type());
        assertEquals("vetoed", last.reason());
    }

    @Test
    void anAdministratorClearsTheVetoAndTheDigestCanBeAskedForAgain() throws Exception {
        FakeRun first = startedBy("job/shop/7/", "dave");
        new ApprovalWait(first.context, services).start(ask(DIGEST));
        reject(first, "carol");

        Vetoes.Veto cleared = first.action().clearVeto("1", "root", "the flaky test was fixed", services);

        assertEquals("carol", cleared.actor());
        LedgerEvent line = ledger.events().get(2);
        assertEquals(LedgerEventType.VETO_CLEARED, line.type());
        assertEquals("root", line.actor());
        assertEquals("the flaky test was fixed", line.details().get("comment"));
        assertEquals("job/shop/7/", line.build());
        FakeRun again = startedBy("job/shop/8/", "dave");
        new ApprovalWait(again.context, services).start(ask(DIGEST));
        assertEquals(ApprovalState.PENDING, again.request().state());
    }

    @Test
    void clearingNeedsAVetoAndAReason() throws Exception {
        FakeRun first = startedBy("job/shop/7/", "dave");
        new ApprovalWait(first.context, services).start(ask(DIGEST));

        IllegalArgumentException noVeto = assertThrows(
                IllegalArgumentException.class, () -> first.action().clearVeto("1", "root", "why not", services));
        IllegalArgumentException noReason = assertThrows(
                IllegalArgumentException.class, () -> first.action().clearVeto("1", "root", " ", services));
        IllegalArgumentException badReason = assertThrows(
                IllegalArgumentException.class,
                () -> first.action().clearVeto("1", "root", "fine\u2028really", services));

        assertEquals(
                "No rejection stands for digest " + DIGEST + " of app 'shop' in environment 'prod'.",
                noVeto.getMessage());
        assertEquals("The reason is required: say why the rejection no longer stands.", noReason.getMessage());
        assertEquals("The reason must be at most 2000 characters, without control characters.", badReason.getMessage());
        assertEquals(List.of(LedgerEventType.APPROVAL_REQUESTED), types(), "nothing was written after the request");
    }

    /** Class 14: the ledger cannot be written: the approval does not count, nothing changes, a retry works. */
    @Test
    void anApprovalWhoseLedgerLineCannotBeWrittenDoesNotCount() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        new ApprovalWait(fake.context, services).start(ask(DIGEST));
        ApprovalRequest before = fake.request();
        Files.delete(ledger.lockFile());
        Files.createDirectory(ledger.lockFile());

        IOException e = assertThrows(IOException.class, () -> decide(fake, true, "alice", DIGEST));

        assertEquals(
                "The decision could not be written to the ledger, so it does not count and nothing changed. Try"
                        + " again; tell an administrator if it keeps failing.",
                e.getMessage());
        assertSame(before, fake.request(), "nothing changed in memory");
        verify(fake.run, org.mockito.Mockito.times(1)).save();
        Files.delete(ledger.lockFile());
        assertEquals(
                ApprovalOutcome.Kind.ACCEPTED,
                decide(fake, true, "alice", DIGEST).kind(),
                "a retry counts");
        assertEquals(List.of(LedgerEventType.APPROVAL_REQUESTED, LedgerEventType.APPROVED), types());
    }

    @Test
    void aLedgerThatCannotBeOpenedLeavesTheRequestAsItWas() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        new ApprovalWait(fake.context, services).start(ask(DIGEST));
        decide(fake, true, "alice", DIGEST);
        ledgerBroken = true;

        IOException e = assertThrows(IOException.class, () -> decide(fake, true, "bob", DIGEST));

        assertTrue(e.getMessage().startsWith("The decision could not be written to the ledger"), e.getMessage());
        assertEquals(1, fake.request().approvals().size());
        assertEquals(ApprovalState.PENDING, fake.request().state());
        verify(fake.context, never()).onSuccess(any());
    }

    /** Class 14: the run cannot be saved: the approval is undone in memory, its line voided, a retry counts. */
    @Test
    void anApprovalWhoseRunCannotBeSavedDoesNotCountAndCanBeRetried() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        new ApprovalWait(fake.context, services).start(ask(DIGEST));
        decide(fake, true, "alice", DIGEST);
        doThrow(new IOException("disk full")).when(fake.run).save();

        IOException e = assertThrows(IOException.class, () -> decide(fake, true, "bob", DIGEST));

        assertEquals(
                "The build could not be saved after the decision, so it does not count and nothing changed. Try"
                        + " again; tell an administrator if it keeps failing.",
                e.getMessage());
        assertEquals(1, fake.request().approvals().size(), "bob's approval is not counted");
        assertEquals(ApprovalState.PENDING, fake.request().state());
        verify(fake.context, never()).onSuccess(any());
        List<LedgerEvent> events = ledger.events();
        assertEquals(
                List.of(
                        LedgerEventType.APPROVAL_REQUESTED,
                        LedgerEventType.APPROVED,
                        LedgerEventType.APPROVED,
                        LedgerEventType.APPROVAL_REFUSED),
                types());
        assertEquals("not-saved", events.get(3).reason());
        assertEquals("bob", events.get(3).actor());
        assertEquals(events.get(2).time().toString(), events.get(3).details().get("voids"));
        assertEquals("job/shop/7/#1", events.get(3).details().get("request"), "the voiding line names the request");

        doNothing().when(fake.run).save();
        assertEquals(
                ApprovalOutcome.Kind.APPROVED, decide(fake, true, "bob", DIGEST).kind());
        verify(fake.context).onSuccess(any());
    }

    @Test
    void aRejectionWhoseRunCannotBeSavedIsNoVeto() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        new ApprovalWait(fake.context, services).start(ask(DIGEST));
        doThrow(new IOException("disk full")).when(fake.run).save();

        assertThrows(IOException.class, () -> reject(fake, "carol"));

        assertEquals(ApprovalState.PENDING, fake.request().state());
        verify(fake.context, never()).onFailure(any());
        assertTrue(Vetoes.standing(ledger.events(), "shop", DIGEST, "prod").isEmpty());
    }

    @Test
    void aRequestWhoseRunCannotBeSavedIsNotOpened() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        doThrow(new IOException("disk full")).when(fake.run).save();

        assertThrows(IOException.class, () -> new ApprovalWait(fake.context, services).start(ask(DIGEST)));

        assertTrue(fake.action().getEntries().isEmpty());
        assertEquals(
                List.of(LedgerEventType.APPROVAL_REQUESTED, LedgerEventType.APPROVAL_CANCELLED),
                types(),
                "the recorded request is ended again");
        assertEquals(
                ledger.events().get(0).details().get("request"),
                ledger.events().get(1).details().get("request"));
    }

    @Test
    void aRequestThatCannotBeRecordedIsNotOpened() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        Files.createDirectory(ledger.lockFile()); // the ledger reads, but takes no line

        IOException e =
                assertThrows(IOException.class, () -> new ApprovalWait(fake.context, services).start(ask(DIGEST)));

        assertEquals(
                "The approval request could not be written to the ledger, so it was not opened and the build does not"
                        + " wait for it. Tell an administrator if it keeps failing.",
                e.getMessage());
        assertTrue(fake.action().getEntries().isEmpty(), "no request was opened");
        verify(fake.run, never()).save();
        assertTrue(timer.isEmpty(), "nothing waits");
        assertTrue(ledger.events().isEmpty());
    }

    /** Class 15: attempts on a stopped request are recorded, however often they come. */
    @Test
    void everyAttemptOnAStoppedRequestIsRecorded() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        ApprovalWait wait = new ApprovalWait(fake.context, services);
        String id = wait.start(ask(DIGEST));
        wait.stop(id, new InterruptedException("aborted"));

        decide(fake, true, "alice", DIGEST);
        reject(fake, "bob");

        assertEquals(
                List.of(
                        LedgerEventType.APPROVAL_REQUESTED,
                        LedgerEventType.APPROVAL_CANCELLED,
                        LedgerEventType.APPROVAL_REFUSED,
                        LedgerEventType.APPROVAL_REFUSED),
                types());
        assertEquals(
                java.util.Arrays.asList(null, "stopped", "stopped", "stopped"),
                ledger.events().stream().map(LedgerEvent::reason).toList());
        assertEquals(ApprovalState.PENDING, fake.request().state());
    }

    @Test
    void aMillionCharacterCommentIsRefusedAndRecordedBounded() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        new ApprovalWait(fake.context, services).start(ask(DIGEST));

        ApprovalOutcome outcome = fake.action()
                .decide(
                        "1",
                        true,
                        Reviewer.user("alice"),
                        new Decision("prod", DIGEST, "y".repeat(1_000_000), null),
                        services);

        assertEquals(
                RefusalReason.INVALID_COMMENT, outcome.refusal().orElseThrow().reason());
        long bytes = Files.size(ledger.file());
        assertTrue(bytes < 2_000, () -> "the ledger holds " + bytes + " bytes");
    }

    /** Class 10: a Replay by a colleague of the same revision: the author of build 5's commit is still self. */
    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aReplayOfTheSameRevisionStillKnowsTheCommitAuthor() throws Exception {
        Run five = mock(Run.class, withSettings().extraInterfaces(RunWithSCM.class));
        when(five.getUrl()).thenReturn("job/shop/5/");
        when(five.getCauses()).thenReturn(List.of());
        ChangeLogSet.Entry change = mock(ChangeLogSet.Entry.class);
        User erin = mock(User.class);
        when(erin.getId()).thenReturn("erin");
        when(erin.getFullName()).thenReturn("Erin Example");
        when(change.getAuthor()).thenReturn(erin);
        when(change.getCommitId()).thenReturn("e1e1e1e1e1e1e1e1");
        ChangeLogSet<ChangeLogSet.Entry> changes = mock(ChangeLogSet.class);
        when(changes.iterator()).thenAnswer(i -> List.of(change).iterator());
        doAnswer(i -> List.of(changes)).when((RunWithSCM) five).getChangeSets();

        gates = new Gates(2, List.of("alice", "erin", "user:erin2"), true, false, null, null, null, false);
        FakeRun replay = startedBy("job/shop/6/", "carol");
        when(replay.run.getPreviousBuild()).thenReturn(five);
        new ApprovalWait(replay.context, services).start(ask(DIGEST));

        ApprovalOutcome byErin = decide(replay, true, "erin", DIGEST);
        ApprovalOutcome byAlias = replay.action()
                .decide(
                        "1",
                        true,
                        new Reviewer("erin2", List.of(), false, List.of("erin example")),
                        Decision.of("prod", DIGEST),
                        services);

        assertEquals(
                "'erin' authored a change (commit e1e1e1e1e1e1 in job/shop/5/), and environment 'prod' forbids"
                        + " self-approval: someone else must approve",
                byErin.refusal().orElseThrow().message());
        assertEquals(
                RefusalReason.SELF_APPROVAL, byAlias.refusal().orElseThrow().reason());
    }

    /** Class 10: a run triggered upstream: whoever started the upstream run is self. */
    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void whoStartedTheUpstreamRunCannotApprove() throws Exception {
        Run lib = mock(Run.class);
        when(lib.getUrl()).thenReturn("job/lib/12/");
        Cause.UserIdCause heidi = mock(Cause.UserIdCause.class);
        when(heidi.getUserId()).thenReturn("heidi");
        when(lib.getCauses()).thenReturn(List.of(heidi));
        Cause.UpstreamCause upstream = mock(Cause.UpstreamCause.class);
        when(upstream.getUpstreamRun()).thenReturn(lib);
        gates = new Gates(1, List.of("heidi", "alice"), true, false, null, null, null, false);

        FakeRun fake = run("job/shop/7/", List.of(upstream));
        new ApprovalWait(fake.context, services).start(ask(DIGEST));
        ApprovalOutcome outcome = decide(fake, true, "heidi", DIGEST);

        assertEquals(RunOrigin.Starter.AUTOMATIC, fake.request().origin().starter());
        assertEquals(
                "'heidi' started upstream run job/lib/12/, and environment 'prod' forbids self-approval: someone"
                        + " else must approve",
                outcome.refusal().orElseThrow().message());
    }

    @Test
    void aChainOfUpstreamCausesCutOffByJenkinsStopsTheStep() throws Exception {
        Cause.UpstreamCause.DeeplyNestedUpstreamCause cut = mock(Cause.UpstreamCause.DeeplyNestedUpstreamCause.class);
        when(cut.getShortDescription()).thenReturn("(deeply nested causes)");
        FakeRun fake = run("job/shop/7/", List.of(cut));

        List<String> messages = abortMessages(() -> new ApprovalWait(fake.context, services).start(ask(DIGEST)));

        assertEquals(1, messages.size());
        assertTrue(
                messages.get(0)
                        .startsWith("awaitApproval cannot tell who made this digest: Who started the upstream"
                                + " runs of (deeply nested causes) cannot be told"),
                messages.get(0));
        assertFalse(fake.actions.stream().anyMatch(ApprovalsAction.class::isInstance));
    }

    /** Class 14: the expiry cannot be recorded: the request stays pending and the timer tries again in a minute. */
    @Test
    void anExpiryThatCannotBeRecordedIsTriedAgain() throws Exception {
        FakeRun fake = startedBy("job/shop/7/", "dave");
        new ApprovalWait(fake.context, services).start(ask(DIGEST));
        now = OPENED.plus(Duration.ofHours(24));
        ledgerBroken = true;

        timer.get(0).task().run();

        assertEquals(ApprovalState.PENDING, fake.request().state());
        assertEquals(Duration.ofMinutes(1), timer.get(1).delay());
        verify(fake.context, never()).onFailure(any());
        ledgerBroken = false;
        try (MockedConstruction<FlowInterruptedException> failures = mockConstruction(FlowInterruptedException.class)) {
            timer.get(1).task().run();
            verify(fake.context).onFailure(failures.constructed().get(0));
        }
        assertEquals(ApprovalState.EXPIRED, fake.request().state());
        assertEquals(List.of(LedgerEventType.APPROVAL_REQUESTED, LedgerEventType.APPROVAL_EXPIRED), types());
    }

    /**
     * Class 11: where the environment lists nobody, Job/Build stays required even when the Jenkinsfile lists
     * approvers; where it lists approvers, Job/Read is the door. (The stand-in permissions are all {@code null}, so
     * the checks are counted: Job/Read, then Job/Build.)
     */
    @Test
    @SuppressWarnings("rawtypes")
    void jobBuildStaysRequiredWhereTheEnvironmentListsNobody() throws Exception {
        Job job = mock(Job.class);
        when(job.getName()).thenReturn("shop");
        gates = new Gates(1, List.of(), true, false, null, null, null, false);
        FakeRun open = startedBy("job/shop/7/", "dave");
        when(open.run.getParent()).thenReturn(job);
        new ApprovalWait(open.context, services)
                .start(new ApprovalWait.Ask(
                        "shop",
                        "prod",
                        DIGEST,
                        null,
                        new ApprovalSettings(null, List.of("user:alice"), null, null, null, null, "24h")));
        gates = new Gates(1, List.of("alice"), true, false, null, null, null, false);
        Job listedJob = mock(Job.class);
        when(listedJob.getName()).thenReturn("shop");
        FakeRun listed = startedBy("job/shop/8/", "dave");
        when(listed.run.getParent()).thenReturn(listedJob);
        new ApprovalWait(listed.context, services).start(ask(DIGEST));

        try (MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class);
                MockedStatic<ACL> acl = mockStatic(ACL.class)) {
            jenkins.when(Jenkins::getAuthentication2).thenReturn(mock(Authentication.class));
            acl.when(() -> ACL.isAnonymous2(any())).thenReturn(false);
            ApprovalPermission.check(open.action(), "1");
            ApprovalPermission.check(listed.action(), "1");
        }

        verify(job, org.mockito.Mockito.times(2)).checkPermission(any());
        verify(listedJob, org.mockito.Mockito.times(1)).checkPermission(any());
        assertTrue(open.request().policy().requiresBuildPermission());
    }

    /** The build that deployed what runs in the target is found in the ledger, and the history stops there. */
    @Test
    void theTargetBuildComesFromTheLedger() throws Exception {
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", "prod")
                .digest(OTHER_DIGEST)
                .build("job/shop/4/")
                .time(OPENED.minusSeconds(3600))
                .build());
        assertEquals("job/shop/4/", ApprovalWait.targetBuild(ledger.events(), "shop", "prod"));
        assertEquals(null, ApprovalWait.targetBuild(ledger.events(), "shop", "staging"));
    }
}
