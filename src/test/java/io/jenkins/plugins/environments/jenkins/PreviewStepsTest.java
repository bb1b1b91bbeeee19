package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.preview.PreviewFixture;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deployPreview} and {@code teardownPreview} with a mocked {@link StepContext}: what the steps take from the
 * build (the pull request from {@code CHANGE_ID}, the build URL, the job), what they log and return, the link they
 * leave on the build. The cluster is the fabric8 mock API; rendering runs locally on a manifest folder.
 */
class PreviewStepsTest {

    private static final String DIGEST = "sha256:" + "12".repeat(32);

    @TempDir
    Path dir;

    private MockKubernetesApi api;
    private PreviewFixture fixture;
    private PreviewBackend backend;
    private StepContext context;
    private Run<?, ?> run;
    private EnvVars environment;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<Object> actions = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        api = MockKubernetesApi.start();
        fixture = new PreviewFixture(dir, api, "127.0.0.1:5000");
        EnvironmentsConfiguration configuration = fixture.configuration(0, WhenFull.QUEUE);
        backend = new FixturePreviewBackend(fixture, api, configuration);

        context = mock(StepContext.class);
        run = mock(Run.class);
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn("shop/PR-1842");
        doReturn(job).when(run).getParent();
        when(run.getActions(PreviewAction.class))
                .thenAnswer(i -> actions.stream()
                        .filter(PreviewAction.class::isInstance)
                        .map(PreviewAction.class::cast)
                        .toList());
        org.mockito.Mockito.doAnswer(i -> actions.add(i.getArgument(0)))
                .when(run)
                .addAction(any());
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
        environment = mock(EnvVars.class);
        when(environment.get("CHANGE_ID")).thenReturn("1842");
        // A pipeline can set BUILD_URL with withEnv; the steps record the run's own URL.
        when(environment.get("BUILD_URL")).thenReturn("https://elsewhere.example.com/job/payroll/1/");
        when(run.getUrl()).thenReturn("job/shop/job/PR-1842/7/");
        when(context.get(Run.class)).thenReturn((Run) run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.get(EnvVars.class)).thenReturn(environment);
        when(context.get(FilePath.class)).thenReturn(mock(FilePath.class));
        when(context.get(Launcher.class)).thenReturn(mock(Launcher.class));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private DeployPreviewStep deployStep() {
        DeployPreviewStep step = new DeployPreviewStep("shop");
        step.setImage(fixture.image(DIGEST));
        step.setManifests("manifests");
        step.setWait(false);
        return step;
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deployTakesThePullRequestFromChangeIdReturnsTheMapAndLinksThePreview() throws Exception {
        Map<String, Object> result = PreviewSteps.deploy(deployStep(), context, backend);

        assertEquals(
                Map.of(
                        "namespace", "pr-1842",
                        "url", "https://pr-1842.preview.example.com",
                        "digest", DIGEST,
                        "expiresAt", "2026-12-01T12:00:00Z",
                        "cluster", "previews"),
                result);
        assertTrue(
                log().contains("[deployPreview] Namespace pr-1842 on cluster 'previews' ready, expires at"
                        + " 2026-12-01T12:00:00Z\n"),
                log());
        assertTrue(log().contains("[deployPreview] Preview https://pr-1842.preview.example.com runs " + DIGEST + "\n"));
        assertEquals(List.of(new PreviewAction("shop", "1842", "https://pr-1842.preview.example.com")), actions);
        var deployed = fixture.ledger.events().get(0);
        assertEquals(
                "job/shop/job/PR-1842/7/", deployed.build(), "the run's own URL, not the BUILD_URL set by withEnv");
        assertEquals("shop/PR-1842", deployed.details().get("job"));
    }

    @Test
    void aRedeployInTheSameBuildKeepsOneLink() throws Exception {
        PreviewSteps.deploy(deployStep(), context, backend);
        PreviewSteps.deploy(deployStep(), context, backend);

        assertEquals(1, actions.size());
        assertEquals(2, fixture.ledger.events().size());
    }

    @Test
    void anExplicitPullRequestWinsOverChangeId() throws Exception {
        DeployPreviewStep step = deployStep();
        step.setPr("77");

        assertEquals("pr-77", PreviewSteps.deploy(step, context, backend).get("namespace"));
    }

    @Test
    void withoutPrOutsideAPullRequestBuildTheStepFailsWithTheReasonAndTouchesNothing() {
        when(environment.get("CHANGE_ID")).thenReturn(null);

        AbortException e =
                assertThrows(AbortException.class, () -> PreviewSteps.deploy(deployStep(), context, backend));

        assertEquals(
                "pr is required: pass pr, or run in a multibranch pull-request build, where CHANGE_ID gives it",
                e.getMessage());
        assertEquals(List.of(), api.requests());
        verify(run, never()).addAction(any());
    }

    @Test
    void outsideNodeDeployPreviewSaysWhereToCallIt() throws Exception {
        when(context.get(FilePath.class)).thenReturn(null);

        AbortException e =
                assertThrows(AbortException.class, () -> PreviewSteps.deploy(deployStep(), context, backend));

        assertEquals(Messages.PreviewSteps_NoWorkspace(), e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @Test
    void setAcceptsKeyValueLinesAndRefusesOtherEntriesWithoutShowingThem() throws Exception {
        DeployPreviewStep step = deployStep();
        step.setManifests(null);
        step.setChart("chart");
        step.setSet(List.of("replicas=2", "supersecretvalue"));

        AbortException e = assertThrows(AbortException.class, () -> PreviewSteps.deploy(step, context, backend));

        assertEquals("set: entry 2 is not key=value.", e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @Test
    void setStringAndSetFileAreStepParametersNamedInTheirMessages() throws Exception {
        DeployPreviewStep step = deployStep();
        step.setManifests(null);
        step.setChart("chart");
        step.setSetString(List.of("greeting=hello", "supersecretvalue"));
        AbortException e = assertThrows(AbortException.class, () -> PreviewSteps.deploy(step, context, backend));
        assertEquals("setString: entry 2 is not key=value.", e.getMessage());

        step.setSetString(null);
        step.setSetFile(List.of("config=../outside.json"));
        e = assertThrows(AbortException.class, () -> PreviewSteps.deploy(step, context, backend));
        assertEquals("setFile value of 'config': path leaves the workspace: ../outside.json", e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @Test
    void stepArgumentsTurnKeyValueEntriesIntoAMapInOrderAndNameTheBadEntryByNumber() throws Exception {
        Map<String, String> map =
                StepArguments.stringMap("set", List.of(" replicas =2", "image.tag=a=b", "empty=", "replicas=3"));
        assertEquals(List.of("replicas", "image.tag", "empty"), List.copyOf(map.keySet()));
        assertEquals(Map.of("replicas", "3", "image.tag", "a=b", "empty", ""), map);
        assertEquals(Map.of(), StepArguments.stringMap("set", null));

        AbortException e = assertThrows(
                AbortException.class, () -> StepArguments.stringMap("setString", List.of("a=1", "=hunter2")));
        assertEquals("setString: entry 2 is not key=value.", e.getMessage());
        e = assertThrows(AbortException.class, () -> StepArguments.stringMap("setFile", List.of(" =hunter2")));
        assertEquals("setFile: entry 1 is not key=value.", e.getMessage());
        e = assertThrows(
                AbortException.class,
                () -> StepArguments.stringMap("set", java.util.Arrays.asList("a=1", "b=2", null)));
        assertEquals("set: entry 3 is null; write key=value.", e.getMessage());
    }

    @Test
    void quotaOverridesReachTheNamespaceQuotaAndItsRulesStillApply() throws Exception {
        PreviewQuota quota = new PreviewQuota();
        quota.setCpu(" 2 ");
        quota.setPods("");
        assertEquals(Map.of("cpu", "2"), quota.overrides());
        assertEquals(null, quota.getPods());

        DeployPreviewStep step = deployStep();
        quota.setMemory("6Gi");
        step.setQuota(quota);
        PreviewSteps.deploy(step, context, backend);
        try (var client = api.newClient()) {
            var hard = client.resourceQuotas()
                    .inNamespace("pr-1842")
                    .withName(io.jenkins.plugins.environments.kubernetes.PreviewNamespaces.QUOTA_NAME)
                    .get()
                    .getSpec()
                    .getHard();
            assertEquals("2", hard.get("cpu").toString());
            assertEquals("6Gi", hard.get("memory").toString());
        }

        int requests = api.requests().size();
        quota.setPods("10000");
        AbortException e = assertThrows(AbortException.class, () -> PreviewSteps.deploy(step, context, backend));
        assertEquals("quota pods '10000' must be a number from 1 to 9999", e.getMessage());
        assertEquals(requests, api.requests().size(), "nothing sent for the refused quota");
    }

    @Test
    void teardownTakesThePullRequestFromChangeIdAndReturnsWhatItDid() throws Exception {
        PreviewSteps.deploy(deployStep(), context, backend);

        Map<String, Object> result = PreviewSteps.teardown(new TeardownPreviewStep("shop"), context, backend);

        assertEquals(Map.of("namespace", "pr-1842", "cluster", "previews", "removed", true), result);
        assertTrue(log().contains("[teardownPreview] Deleted pr-1842 on cluster 'previews'\n"), log());
        assertEquals("manual", fixture.ledger.events().get(1).reason());
    }

    @Test
    void teardownOfWhatIsNotThereSucceedsWithANote() throws Exception {
        Map<String, Object> result = PreviewSteps.teardown(new TeardownPreviewStep("shop"), context, backend);

        assertEquals(false, result.get("removed"));
        assertTrue(
                log().contains("[teardownPreview] Preview pr-1842 on cluster 'previews' was not there; nothing to"
                        + " tear down\n"),
                log());
    }

    @Test
    void teardownRefusesABadTimeoutBeforeAnyRequest() {
        TeardownPreviewStep step = new TeardownPreviewStep("shop");
        step.setTimeout("soon");

        AbortException e = assertThrows(AbortException.class, () -> PreviewSteps.teardown(step, context, backend));

        assertEquals(
                "Timeout 'soon' is not a valid duration: use a number with a unit s, m, h or d, such as '30s', '5m',"
                        + " '72h', '7d' or '1h30m', or ISO-8601 such as 'PT5M'",
                e.getMessage());
        assertEquals(List.of(), api.requests());
    }
}
