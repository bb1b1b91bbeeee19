package io.jenkins.plugins.environments.jenkins;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.approval.ApprovalBriefing;
import io.jenkins.plugins.environments.approval.ApprovalSettings;
import io.jenkins.plugins.environments.approval.BriefedCommit;
import io.jenkins.plugins.environments.approval.BriefedGate;
import io.jenkins.plugins.environments.approval.Decision;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.Reviewer;
import io.jenkins.plugins.environments.approval.ScanCounts;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.Tier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import org.objenesis.ObjenesisStd;

/**
 * The plugin's program state as a build holds it when Jenkins stops, built with the plugin's real code for the
 * program-state checks in {@code fidelity/}: the executions the steps' {@code start} returns, the actions on the run,
 * and a pending {@code awaitApproval} that is resumed from what was read back.
 *
 * <p>The stand-ins of {@link StepExecution} and {@link StepExecutions} only throw, so an execution is made here without
 * running a constructor (as a deserialiser makes one) and its fields are set as the real constructor and {@code start}
 * set them. What {@code StepExecutions.synchronousNonBlocking} makes is reproduced by {@link NonBlocking}, in the shape
 * of workflow-step-api's {@code SynchronousNonBlockingImpl}: the body the step hands over is kept in a transient field.
 * The real {@code StepExecution} also keeps the step's context (a {@code CpsStepContext}, written by workflow-cps, not by
 * this plugin); the stand-in has no such field, so it is not written here.
 */
public final class ProgramStateSamples {

    public static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final Instant OPENED = Instant.parse("2026-11-28T10:00:00Z");

    private ProgramStateSamples() {}

    /**
     * What {@code StepExecutions.synchronousNonBlocking} returns, field for field as workflow-step-api 724.v538c2362b_dfb_
     * declares them: the body and everything about the thread that runs it are transient, so nothing of the step is
     * written, and after a restart the real class fails the step ({@code onResume}) rather than run the body again.
     */
    public static final class NonBlocking extends StepExecution {

        private static final long serialVersionUID = 1L;

        // SynchronousNonBlockingImpl
        private transient StepExecutions.SynchronousBody body;
        // SynchronousNonBlockingStepExecution
        private transient volatile Future<?> task;
        private transient String threadName;
        private transient volatile Throwable stopCause;

        private NonBlocking(StepContext context) {
            super(context);
        }

        static NonBlocking of(StepExecutions.SynchronousBody body) {
            NonBlocking execution = new ObjenesisStd().newInstance(NonBlocking.class);
            execution.body = body;
            execution.threadName = "running in a test";
            execution.task = new CompletableFuture<>();
            return execution;
        }

        /** @return what the step handed over to run off the pipeline's thread */
        public StepExecutions.SynchronousBody body() {
            return body;
        }

        @Override
        public boolean start() {
            throw new UnsupportedOperationException("only the shape is reproduced");
        }
    }

    /**
     * @return the execution each step's {@code start} returns, by function name, from steps with every map-like and
     *     list argument given (the steps' parameter types as they are)
     */
    public static Map<String, StepExecution> nonBlockingExecutions() throws Exception {
        StepContext context = mock(StepContext.class);
        DeployPreviewStep deploy = new DeployPreviewStep("shop");
        deploy.setImage("registry.example.com/team/shop@" + DIGEST);
        deploy.setChart("chart");
        deploy.setValues(List.of("values-preview.yaml"));
        deploy.setSet(List.of("replicaCount=2", "image.pullPolicy=Always"));
        deploy.setSetString(List.of("build=7"));
        PreviewQuota quota = new PreviewQuota();
        quota.setCpu("2");
        quota.setMemory("4Gi");
        deploy.setQuota(quota);
        TeardownPreviewStep teardown = new TeardownPreviewStep("shop");
        teardown.setTimeout("10m");
        PromoteDigestStep promote = new PromoteDigestStep("staging");
        promote.setApp("shop");
        promote.setDigest(DIGEST);
        promote.setSet(List.of("replicaCount=3"));
        Map<String, StepExecution> executions = new LinkedHashMap<>();
        try (MockedStatic<StepExecutions> factory = mockStatic(StepExecutions.class)) {
            factory.when(() -> StepExecutions.synchronousNonBlocking(any(), any()))
                    .thenAnswer(call -> NonBlocking.of(call.getArgument(1)));
            for (Step step : List.<Step>of(deploy, teardown, promote)) {
                executions.put(functionName(step), step.start(context));
            }
        }
        return executions;
    }

    private static String functionName(Step step) {
        return switch (step) {
            case DeployPreviewStep d -> "deployPreview";
            case TeardownPreviewStep t -> "teardownPreview";
            case PromoteDigestStep p -> "promoteDigest";
            default -> throw new IllegalArgumentException(step.getClass().getName());
        };
    }

    /** @return the class of {@code awaitApproval}'s execution, which is not public */
    public static Class<? extends StepExecution> awaitApprovalExecution() {
        return AwaitApprovalStep.Execution.class;
    }

    /**
     * @return the causes {@code awaitApproval} ends a build with, a rejection and an expiry: the step's failure holds
     *     them, and program state holds the failure until the script takes it
     */
    public static List<CauseOfInterruption> interruptions() {
        return List.of(
                new ApprovalInterruption.Rejected("carol", "prod", "not before the freeze ends"),
                new ApprovalInterruption.Expired("prod", OPENED.plusSeconds(86_400)));
    }

    /** @return a link as {@code deployPreview} leaves it on the build */
    public static PreviewAction previewAction() {
        return new PreviewAction("shop", "1842", "https://pr-1842.preview.example.com");
    }

    /** @return the promotions of a build: two entries, one a rollback, and the scan report kept for the digest */
    public static PromotionAction promotionAction() {
        PromotionAction action = new PromotionAction();
        action.add(new PromotionAction.Entry(
                "shop", DIGEST, "dev", "staging", "registry", "registry.example.com/team/shop:staging", false));
        action.add(new PromotionAction.Entry(
                "shop", DIGEST, "staging", "prod", "gitops", "https://git.example.com/ops/commit/42", true));
        action.keepScan(DIGEST, "trivy.json", "{\"Results\":[]}", "waivers.yaml", "waivers: []");
        return action;
    }

    /** An {@code awaitApproval} that waits: its request is open on a run and has one of the two approvals it needs. */
    public static final class PendingApproval {

        private final Services services;
        private final FakeRun before;
        private final StepExecution execution;

        private PendingApproval(Path dir) throws Exception {
            Clock clock = Clock.fixed(OPENED, ZoneOffset.UTC);
            Ledger ledger = Ledger.open(dir.resolve("ledger.jsonl"), clock);
            Gates gates = new Gates(2, List.of("alice", "bob"), true, false, null, null, null, false);
            Environment prod = new Environment(
                    "prod", Tier.PROD, "prod-eu", null, null, null, null, null, null, gates, List.of(), null);
            services = new Services(
                    clock,
                    () -> ledger,
                    () -> RealmRules.JENKINS_DEFAULT,
                    () -> new EnvironmentsConfiguration(List.of(), List.of(), List.of(prod), null),
                    (task, delay) -> new CompletableFuture<Void>(),
                    (url, text) -> text);
            before = new FakeRun();
            ApprovalWait.Ask ask = new ApprovalWait.Ask(
                    null,
                    "prod",
                    DIGEST,
                    "Ship 1.4 to production?",
                    new ApprovalSettings(null, null, null, null, null, null, "24h"));
            ApprovalWait wait = new ApprovalWait(before.context, services);
            String id = wait.start(ask);
            ApprovalsAction action = before.approvals();
            action.brief(
                    id,
                    ApprovalBriefing.builder(DIGEST, OPENED)
                            .replaces("sha256:" + "cd".repeat(32))
                            .gate(new BriefedGate("scan", BriefedGate.Verdict.PASS, "no critical finding"))
                            .scan(new ScanCounts("trivy.json", 0, 1, 2, 3, 0, 0))
                            .change(new BriefedCommit("0123456789abcdef", "dave", "Raise the pool size", "7"))
                            .build());
            action.decide(id, true, Reviewer.user("alice"), new Decision("prod", DIGEST, "fine", "CHG-1"), services);
            // As AwaitApprovalStep.Execution stands after start(): the id kept, the arguments and the work transient.
            execution = new ObjenesisStd().newInstance(AwaitApprovalStep.Execution.class);
            set(execution, "ask", ask);
            set(execution, "requestId", id);
            set(execution, "wait", wait);
        }

        /** @return the step's execution, its transient fields filled as while the build waits */
        public StepExecution execution() {
            return execution;
        }

        /** @return the run's approvals action, one request pending with one approval and its briefing */
        public ApprovalsAction action() {
            return before.approvals();
        }

        /**
         * Resumes the step from what was read back, as {@code onResume} does with Jenkins' services (a new run, the
         * action read back attached to it, a new wait on the id the execution kept), and gives the second approval.
         *
         * @return what the step handed back to the script
         */
        public Object resumeAndApprove(StepExecution execution, ApprovalsAction action) throws Exception {
            FakeRun after = new FakeRun();
            after.actions.add(action);
            action.onLoad(after.run);
            String id = (String) get(execution, "requestId");
            new ApprovalWait(after.context, services).resume(id);
            action.decide(id, true, Reviewer.user("bob"), new Decision("prod", DIGEST, "fine", null), services);
            ArgumentCaptor<Object> result = ArgumentCaptor.forClass(Object.class);
            Mockito.verify(after.context).onSuccess(result.capture());
            return result.getValue();
        }

        /** @return the value of a field of an execution, for a test to see what was kept */
        public static Object field(StepExecution execution, String name) throws Exception {
            return get(execution, name);
        }
    }

    /** @return a pending {@code awaitApproval}, its ledger in {@code dir} */
    public static PendingApproval pendingApproval(Path dir) throws Exception {
        return new PendingApproval(dir);
    }

    /** The run's mocks: it holds the actions added to it, as Jenkins' run does. */
    private static final class FakeRun {
        final Run<?, ?> run = mock(Run.class);
        final StepContext context = mock(StepContext.class);
        final List<Action> actions = new ArrayList<>();

        @SuppressWarnings({"rawtypes", "unchecked"})
        FakeRun() throws Exception {
            Job job = mock(Job.class);
            when(job.getName()).thenReturn("shop");
            when(((Run) run).getParent()).thenReturn(job);
            Cause.UserIdCause cause = mock(Cause.UserIdCause.class);
            when(cause.getUserId()).thenReturn("dave");
            when(run.getCauses()).thenReturn(List.of(cause));
            when(run.getUrl()).thenReturn("job/shop/7/");
            TaskListener listener = mock(TaskListener.class);
            when(listener.getLogger())
                    .thenReturn(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            when(context.get(Run.class)).thenAnswer(i -> run);
            when(context.get(TaskListener.class)).thenReturn(listener);
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
            when(run.getAction(ApprovalsAction.class)).thenAnswer(i -> approvals());
        }

        ApprovalsAction approvals() {
            return actions.stream()
                    .filter(ApprovalsAction.class::isInstance)
                    .map(ApprovalsAction.class::cast)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static void set(Object target, String name, Object value) throws Exception {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static Object get(Object target, String name) throws Exception {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
