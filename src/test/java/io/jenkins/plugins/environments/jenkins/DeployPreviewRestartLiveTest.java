package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A {@code deployPreview} build that waits in Jenkins' queue when Jenkins restarts, and deploys exactly once after.
 * The build waits for an executor (the built-in node has none) at the {@code node} that holds the step; Jenkins
 * restarts; the configuration, the credential and the queued build come back from disk; an executor appears; the
 * step runs once, against the same cluster (the fabric8 mock, which outlives both sessions), and the build ends with
 * one preview, one ledger entry and one link.
 *
 * <p>The wait is Jenkins' queue rather than the plugin's preview-slot queue on purpose: both sessions run in one JVM,
 * so a step thread that was waiting for a slot when the first Jenkins stopped would still be alive, and could deploy
 * after the restart as a real restart never lets it. Such a step ends after a real restart with Pipeline's "cannot
 * be resumed" error (docs/previews.md, "Restarts").
 */
@Tag(LiveJenkinsTag.TAG)
class DeployPreviewRestartLiveTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private MockKubernetesApi api;
    private KubernetesCli cli;

    @BeforeEach
    void start() {
        api = MockKubernetesApi.start();
        cli = KubernetesCli.create();
    }

    @AfterEach
    void stop() {
        cli.close();
        api.close();
    }

    @Test
    void aQueuedDeployRunsOnceAfterARestart() throws Throwable {
        sessions.then(j -> {
            PreviewStepsLiveTest.configurePreviews(api, 0);
            Jenkins.get().setNumExecutors(0);
            Job<?, ?> job = LivePipelines.create("shop-pr-9", PreviewStepsLiveTest.deployScript(cli.helm(), "9"));

            Run<?, ?> run = LivePipelines.start(j, job);

            j.waitForMessage("Still waiting to schedule task", run);
            assertTrue(run.isBuilding(), "the build waits for an executor");
            assertNull(api.client().namespaces().withName("pr-9").get(), "nothing deployed yet");
            assertEquals(List.of(), shopEvents());
        });
        sessions.then(j -> {
            Run<?, ?> run = LivePipelines.build(Jenkins.get().getItemByFullName("shop-pr-9", Job.class), 1);
            assertTrue(run.isBuilding(), "the queued build came back with Jenkins");

            Jenkins.get().setNumExecutors(1);
            PreviewStepsLiveTest.reportReady(api.client(), "pr-9", "shop", 2);
            j.assertBuildStatusSuccess(j.waitForCompletion(run));

            assertNotNull(api.client().namespaces().withName("pr-9").get(), "the preview's namespace");
            assertEquals(List.of(LedgerEventType.DEPLOYED), shopEvents(), "one deploy");
            String log = JenkinsRule.getLog(run);
            String deployed = "[deployPreview] Preview https://pr-9.preview.example.com runs ";
            assertEquals(log.indexOf(deployed), log.lastIndexOf(deployed), log);
            assertTrue(log.contains(deployed), log);
            assertEquals(1, run.getActions(PreviewAction.class).size(), "one link to the preview");
        });
    }

    private static List<LedgerEventType> shopEvents() throws Exception {
        return EnvironmentLedger.get().events().stream()
                .filter(e -> "shop".equals(e.app()))
                .map(LedgerEvent::type)
                .toList();
    }
}
