package io.jenkins.plugins.environments.jenkins;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.preview.PreviewFixture;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code deployPreview}, {@code teardownPreview} and {@code promoteDigest} hand back to the script and leave on
 * the build, produced by the steps' real logic ({@link PreviewSteps}, {@link PromotionSteps}) as {@code
 * PreviewStepsTest} and {@code PromotionStepsTest} run it: the fabric8 mock API as the cluster, a real docker-registry
 * as the registry, a mocked step context and run.
 */
public final class ProgramStateStepResults implements AutoCloseable {

    private static final String PREVIEW_DIGEST = "sha256:" + "12".repeat(32);

    private final Path dir;
    private final List<Action> actions = new ArrayList<>();
    private MockKubernetesApi api;
    private DockerRegistry registry;

    public ProgramStateStepResults(Path dir) {
        this.dir = dir;
    }

    /** @return every action the steps left on the build, in the order they were added */
    public List<Action> actions() {
        return List.copyOf(actions);
    }

    /** @return what {@code deployPreview} and then {@code teardownPreview} returned, by function name */
    public Map<String, Map<String, Object>> previews() throws Exception {
        api = MockKubernetesApi.start();
        PreviewFixture fixture =
                new PreviewFixture(Files.createDirectories(dir.resolve("preview")), api, "127.0.0.1:5000");
        EnvironmentsConfiguration configuration = fixture.configuration(0, WhenFull.QUEUE);
        PreviewBackend backend = new FixturePreviewBackend(fixture, api, configuration);
        StepContext context = context("shop/PR-1842");
        DeployPreviewStep deploy = new DeployPreviewStep("shop");
        deploy.setImage(fixture.image(PREVIEW_DIGEST));
        deploy.setManifests("manifests");
        deploy.setWait(false);
        Map<String, Object> deployed = PreviewSteps.deploy(deploy, context, backend);
        Map<String, Object> removed = PreviewSteps.teardown(new TeardownPreviewStep("shop"), context, backend);
        return Map.of("deployPreview", deployed, "teardownPreview", removed);
    }

    /** @return what {@code promoteDigest} returned for a retag within a real registry */
    public Map<String, Object> promotion() throws Exception {
        registry = DockerRegistry.start();
        String digest = RegistryImages.push(registry, "team/shop", "build-7", "seven");
        Ledger ledger = Ledger.open(dir.resolve("promotion-ledger.jsonl"), Clock.systemUTC());
        EnvironmentsConfiguration configuration = RegistryOnlyPromotionBackend.staging(registry.host(), "shop");

        PromotionBackend backend = new RegistryOnlyPromotionBackend(
                configuration,
                ledger,
                dir,
                r -> new RegistrySession(
                        new RegistryAccess(r.id(), r.host(), true, new RegistryCredential.Anonymous(), null)));
        PromoteDigestStep step = new PromoteDigestStep("staging");
        step.setApp("shop");
        step.setDigest(digest);
        return PromotionSteps.promote(step, context("shop/main"), backend);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private StepContext context(String jobName) throws Exception {
        StepContext context = mock(StepContext.class);
        Run run = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn(jobName);
        doReturn(job).when(run).getParent();
        Cause.UserIdCause started = mock(Cause.UserIdCause.class);
        when(started.getUserId()).thenReturn("carol");
        when(run.getCause(Cause.UserIdCause.class)).thenReturn(started);
        when(run.getActions(PreviewAction.class))
                .thenAnswer(i ->
                        actions.stream().filter(PreviewAction.class::isInstance).toList());
        when(run.getAction(PromotionAction.class))
                .thenAnswer(i -> actions.stream()
                        .filter(PromotionAction.class::isInstance)
                        .findFirst()
                        .orElse(null));
        doAnswer(i -> actions.add(i.getArgument(0))).when(run).addAction(any());
        doAnswer(i -> null).when(run).save();
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger())
                .thenReturn(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        EnvVars environment = mock(EnvVars.class);
        when(environment.get("CHANGE_ID")).thenReturn("1842");
        when(run.getUrl()).thenReturn("job/" + jobName.replace("/", "/job/") + "/7/");
        when(context.get(Run.class)).thenReturn(run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.get(EnvVars.class)).thenReturn(environment);
        when(context.get(FilePath.class)).thenReturn(mock(FilePath.class));
        when(context.get(Launcher.class)).thenReturn(mock(Launcher.class));
        return context;
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
