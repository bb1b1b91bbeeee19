package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promoteDigest} with a mocked {@link StepContext}: what the step takes from the build, what it logs, returns
 * and leaves on the build page, and that a refusal ends it with the message only. The registry is a real
 * docker-registry; the promotion is a retag within it.
 */
class PromotionStepsTest {

    private static DockerRegistry registry;
    private static String digest;

    @TempDir
    Path dir;

    private Ledger ledger;
    private RegistryOnlyPromotionBackend backend;
    private StepContext context;
    private Run<?, ?> run;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<Object> actions = new ArrayList<>();

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = DockerRegistry.start();
        digest = RegistryImages.push(registry, "team/shop", "build-7", "seven");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        ledger = Ledger.open(dir.resolve("ledger.jsonl"), Clock.systemUTC());
        EnvironmentsConfiguration configuration =
                RegistryOnlyPromotionBackend.staging(registry.host(), "shop", "billing");

        backend = new RegistryOnlyPromotionBackend(
                configuration,
                ledger,
                dir,
                r -> new RegistrySession(
                        new RegistryAccess(r.id(), r.host(), true, new RegistryCredential.Anonymous(), null)));

        context = mock(StepContext.class);
        run = mock(Run.class);
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn("shop/main");
        doReturn(job).when(run).getParent();
        Cause.UserIdCause started = mock(Cause.UserIdCause.class);
        when(started.getUserId()).thenReturn("carol");
        when(run.getCause(Cause.UserIdCause.class)).thenReturn(started);
        when(run.getAction(PromotionAction.class))
                .thenAnswer(i -> actions.stream()
                        .filter(PromotionAction.class::isInstance)
                        .findFirst()
                        .orElse(null));
        doAnswer(i -> actions.add(i.getArgument(0))).when(run).addAction(any());
        doAnswer(i -> null).when(run).save();
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
        EnvVars environment = mock(EnvVars.class);
        // A pipeline can set BUILD_URL with withEnv; the steps record the run's own URL.
        when(environment.get("BUILD_URL")).thenReturn("https://elsewhere.example.com/job/payroll/1/");
        when(run.getUrl()).thenReturn("job/shop/job/main/12/");
        when(context.get(Run.class)).thenReturn((Run) run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.get(EnvVars.class)).thenReturn(environment);
    }

    private PromoteDigestStep step() {
        PromoteDigestStep step = new PromoteDigestStep("staging");
        step.setApp("shop");
        step.setDigest(digest);
        return step;
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void promotesTheDigestLogsEveryGateAndNotesItOnTheBuild() throws Exception {
        Map<String, Object> result = PromotionSteps.promote(step(), context, backend);

        assertEquals("shop", result.get("app"), "the declared app");
        assertEquals("staging", result.get("to"));
        assertEquals(digest, result.get("digest"));
        assertEquals("registry", result.get("strategy"));
        assertEquals(registry.host() + "/team/shop:staging", result.get("target"));
        assertEquals(true, result.get("changed"));
        assertTrue(log().contains("[promoteDigest] PASS allowed-jobs: "), log());
        assertTrue(log().contains("[promoteDigest] PASS digest-exists: "), log());
        PromotionAction action = assertInstanceOf(PromotionAction.class, actions.get(0));
        assertEquals("staging", action.getEntries().get(0).getTo());
        LedgerEvent started = ledger.events().get(0);
        assertEquals("promotion-started", started.type().id());
        assertEquals("carol", started.actor(), "who started the build");
        LedgerEvent promoted = ledger.events().get(1);
        assertEquals("promoted", promoted.type().id());
        assertEquals("carol", promoted.actor(), "who started the build");
        assertEquals("job/shop/job/main/12/", promoted.build(), "the run's own URL, not the BUILD_URL set by withEnv");
    }

    @Test
    void aRefusalEndsTheStepWithItsMessageAndLeavesNothing() throws Exception {
        PromoteDigestStep step = step();
        step.setDigest("1.4.2");

        AbortException e = assertThrows(AbortException.class, () -> PromotionSteps.promote(step, context, backend));

        assertEquals(
                "digest '1.4.2' looks like a tag; promoteDigest moves only digests (sha256:…), because a tag can point"
                        + " elsewhere tomorrow",
                e.getMessage());
        verify(run, never()).addAction(any());
        assertEquals(List.of(), ledger.events());
    }

    @Test
    void deployChartValuesAreKeyValueEntriesAndABadOneIsRefusedByNumberWithoutShowingIt() throws Exception {
        PromoteDigestStep step = step();
        step.setStrategy("deploy");
        step.setChart("chart");
        step.setSet(List.of("replicaCount=2"));
        step.setSetString(List.of("greeting=hello", "hunter2"));

        AbortException e = assertThrows(AbortException.class, () -> PromotionSteps.promote(step, context, backend));

        assertEquals("setString: entry 2 is not key=value.", e.getMessage());
        assertFalse(log().contains("hunter2"), log());
        verify(run, never()).addAction(any());
        assertEquals(List.of(), ledger.events());
        assertEquals(List.of("replicaCount=2"), step.getSet(), "read back as written, for the Snippet Generator");
    }

    /** Issue 11, class 1 at the step: what the configuration fixes cannot come from the Jenkinsfile. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("fixedByTheConfiguration")
    void aStepArgumentAgainstTheConfigurationIsRefusedAndLeavesNothing(
            String rule, java.util.function.Consumer<PromoteDigestStep> change, String message) throws Exception {
        PromoteDigestStep step = step();
        change.accept(step);
        if (step.getTargetImage() != null) {
            step.setTargetImage(step.getTargetImage().replace("{registry}", registry.host()));
        }
        if (step.getImage() != null) {
            step.setImage(step.getImage().replace("{registry}", registry.host()));
        }

        AbortException e = assertThrows(AbortException.class, () -> PromotionSteps.promote(step, context, backend));

        assertEquals(message.replace("{registry}", registry.host()), e.getMessage());
        verify(run, never()).addAction(any());
        verify(run, never()).save();
        assertEquals(List.of(), ledger.events());
        assertEquals(0, backend.registrySessions.get(), "no registry session was asked for");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> fixedByTheConfiguration() {
        String apps = "Manage Jenkins » System » Environment Management » Apps";
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        "no app: it is not guessed from the image",
                        (java.util.function.Consumer<PromoteDigestStep>) s -> {
                            s.setApp(null);
                            s.setImage("{registry}/team/shop");
                        },
                        "app is required: name the app an administrator declared under " + apps),
                org.junit.jupiter.params.provider.Arguments.of(
                        "another repository as target",
                        (java.util.function.Consumer<PromoteDigestStep>)
                                s -> s.setTargetImage("{registry}/team/billing"),
                        "targetImage '{registry}/team/billing' is refused: the configuration of app 'shop' fixes its"
                                + " target repository in 'staging' as '{registry}/team/shop'; remove targetImage from"
                                + " the Jenkinsfile (an administrator changes apps under " + apps + ")"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "a source for the first environment of its chain",
                        (java.util.function.Consumer<PromoteDigestStep>) s -> s.setFrom("dev"),
                        "from 'dev' is refused: 'staging' is the first environment of its chain and promotes from"
                                + " none; remove from, the configuration's promotesFrom decides where digests come"
                                + " from"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "an app the build's job does not own",
                        (java.util.function.Consumer<PromoteDigestStep>) s -> s.setApp("billing"),
                        "job 'shop/main' does not own app 'billing', nothing was promoted: an administrator lists the"
                                + " jobs that own an app under " + apps));
    }

    /** Issue 11, class 4 at the step: a refused job gets its refusal before anything of the build is read. */
    @Test
    void aJobThatMayNotPromoteIsRefusedBeforeTheWorkspaceOrTheApprovalsAreRead() throws Exception {
        PromoteDigestStep step = step();
        step.setApp("billing");
        step.setScanReport("trivy.json");
        step.setWaivers("waivers.yaml");

        AbortException e = assertThrows(AbortException.class, () -> PromotionSteps.promote(step, context, backend));

        assertEquals(
                "job 'shop/main' does not own app 'billing', nothing was promoted: an administrator lists the jobs"
                        + " that own an app under Manage Jenkins » System » Environment Management » Apps",
                e.getMessage());
        verify(context, never()).get(FilePath.class);
        assertEquals(0, backend.approvalReads.get(), "approvals read");
        assertEquals(0, backend.registrySessions.get(), "registry sessions");
        assertEquals(List.of(), ledger.events());
    }

    @Test
    void aScanReportNeedsAWorkspace() throws Exception {
        PromoteDigestStep step = step();
        step.setScanReport("trivy.json");
        when(context.get(FilePath.class)).thenReturn(null);

        AbortException e = assertThrows(AbortException.class, () -> PromotionSteps.promote(step, context, backend));

        assertEquals(Messages.PromotionSteps_NoWorkspace(), e.getMessage());
    }

    @Test
    void aScanReportIsKeptWithTheBuildForTheBriefingOfALaterApproval() {
        PromotionAction action = new PromotionAction();
        actions.add(action);
        String other = "sha256:" + "0".repeat(64);

        action.keepScan(digest, "trivy.json", "{\"first\":1}", null, null);
        action.keepScan(digest, "reports/trivy.json", "{\"second\":2}", "waivers.yaml", "waivers: []");

        assertEquals(
                new io.jenkins.plugins.environments.promotion.ApprovalBriefer.ScanInput(
                        "reports/trivy.json", "{\"second\":2}", "waivers.yaml", "waivers: []"),
                PromotionAction.scanFor(run, digest),
                "the latest report for the digest");
        assertEquals(null, PromotionAction.scanFor(run, other), "none for another digest");
        action.keepScan(digest, "huge.json", "x".repeat(PromotionAction.MAX_KEPT_REPORT + 1), null, null);
        assertEquals(null, PromotionAction.scanFor(run, digest), "a report too large to keep is not kept");
    }
}
