package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.kubernetes.ClusterAccess;
import io.jenkins.plugins.environments.kubernetes.ClusterClients;
import io.jenkins.plugins.environments.kubernetes.ClusterCredential;
import io.jenkins.plugins.environments.kubernetes.LiveDeployReader;
import io.jenkins.plugins.environments.model.Timeouts;
import io.jenkins.plugins.environments.testing.KubeletPods;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.SilentServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift of {@code deploy} cells, read by the real {@link LiveDeployReader} from the Kubernetes API fixture (CRUD mode;
 * the test plays the kubelet by writing pods with their status), and from servers that hang or are gone.
 */
class DeployDriftTest {

    private static final String NS = "shop-prod";
    private static final String REPO = "registry.example.com/team/shop";
    private static final String PROMOTED = "sha256:" + "a".repeat(64);
    private static final String BY_HAND = "sha256:" + "b".repeat(64);
    /** Long enough for a loaded machine to answer four LISTs; the stalled server tests use {@link #SHORT}. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final Duration SHORT = Duration.ofSeconds(2);

    private MockKubernetesApi api;
    private final DriftFixtures.ManualClock clock = new DriftFixtures.ManualClock();

    @BeforeEach
    void start() {
        api = MockKubernetesApi.start();
        KubernetesClient client = api.client();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("shop")
                        .addToLabels("app.kubernetes.io/name", "shop")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withNewSelector()
                        .addToMatchLabels("app.kubernetes.io/name", "shop")
                        .endSelector()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("web")
                        .withImage(REPO + "@" + PROMOTED)
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void runs(String pod, String digest) {
        api.client()
                .pods()
                .inNamespace(NS)
                .resource(
                        KubeletPods.ready(pod, "shop", REPO + "@" + digest, "docker-pullable://" + REPO + "@" + digest))
                .create();
    }

    private static DriftTarget target() {
        return DriftTarget.deploy("shop", "prod", PROMOTED, "prod-eu", NS, REPO);
    }

    /** A monitor that reads on the calling thread, with deadlines on the real monotonic clock. */
    private DriftMonitor monitor(LiveDeployReader.Clusters clusters) {
        return monitor(clusters, DEADLINE);
    }

    private DriftMonitor monitor(LiveDeployReader.Clusters clusters, Duration deadline) {
        DriftMonitor monitor = new DriftMonitor(
                Map.of(DriftTarget.DEPLOY, new LiveDeployReader(clusters)),
                clock,
                System::nanoTime,
                Runnable::run,
                new DriftMonitor.Settings(2, Duration.ofMinutes(5), deadline));
        monitor.watch(List.of(target()));
        return monitor;
    }

    private DriftReading readOnce(DriftMonitor monitor) {
        monitor.refresh();
        return monitor.reading("shop", "prod").orElseThrow();
    }

    @Test
    void theNamespaceRunsThePromotedDigest() {
        runs("shop-1", PROMOTED);

        DriftReading reading = readOnce(monitor((id, timeouts) -> api.newClient()));

        assertEquals(DriftStatus.SAME, reading.status());
        assertEquals(PROMOTED, reading.liveDigest());
        assertEquals(DriftFixtures.T0, reading.since());
        assertEquals(DriftFixtures.T0, reading.checked());
        assertNull(reading.message());
    }

    @Test
    void aDigestSetByHandIsNamedWithItsClusterAndNamespace() {
        runs("shop-1", BY_HAND);

        DriftReading reading = readOnce(monitor((id, timeouts) -> api.newClient()));

        assertEquals(DriftStatus.DIFFERENT, reading.status());
        assertEquals(BY_HAND, reading.liveDigest());
        assertEquals(
                "namespace shop-prod on cluster 'prod-eu' runs sha256:bbbbbbbbbbbb, not the promoted sha256:aaaaaaaaaaaa",
                reading.message());
    }

    @Test
    void aHalfRolledOutImageByHandCountsAsWhatRunsInstead() {
        runs("shop-1", PROMOTED);
        runs("shop-2", BY_HAND);

        DriftReading reading = readOnce(monitor((id, timeouts) -> api.newClient()));

        assertEquals(DriftStatus.DIFFERENT, reading.status());
        assertEquals(BY_HAND, reading.liveDigest(), "one ready pod runs another image: the namespace drifted");
    }

    @Test
    void nothingRunningIsDifferentToo() {
        DriftReading reading = readOnce(monitor((id, timeouts) -> api.newClient()));

        assertEquals(DriftStatus.DIFFERENT, reading.status());
        assertNull(reading.liveDigest());
        assertEquals(
                "namespace shop-prod on cluster 'prod-eu' runs no ready pod of shop; the ledger says"
                        + " sha256:aaaaaaaaaaaa was promoted",
                reading.message());
    }

    @Test
    void anApiServerThatNeverAnswersIsUnreadableByTheDeadline() {
        try (SilentServer server = SilentServer.mute()) {
            String url = "http://" + server.host();
            DriftMonitor monitor = monitor((id, timeouts) -> ClusterClients.connect(access(id, url), timeouts), SHORT);

            DriftReading reading = readOnce(monitor);

            assertEquals(DriftStatus.UNREADABLE, reading.status());
            assertEquals("cluster 'prod-eu' did not answer within 2s", reading.message());
            assertNull(reading.liveDigest());
            assertEquals(0, monitor.inFlight(), "the read is over");
            assertTrue(server.connections() >= 1, "the server was asked");
            assertFalse(reading.message().contains(server.host()));
        }
    }

    @Test
    void aClusterThatIsGoneIsUnreadableWithoutItsAddress() {
        String url = api.url();
        api.close();
        DriftMonitor monitor = new DriftMonitor(
                Map.of(
                        DriftTarget.DEPLOY,
                        new LiveDeployReader(
                                (id, timeouts) -> ClusterClients.connect(access(id, url), timeouts),
                                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))),
                clock,
                System::nanoTime,
                Runnable::run,
                new DriftMonitor.Settings(2, Duration.ofMinutes(5), Duration.ofSeconds(20)));
        monitor.watch(List.of(target()));

        DriftReading reading = readOnce(monitor);

        assertEquals(DriftStatus.UNREADABLE, reading.status());
        assertEquals("cluster 'prod-eu' is unreachable (connection refused)", reading.message());
        api = MockKubernetesApi.start(); // for stop()
    }

    @Test
    void sinceIsKeptWhileTheSameDigestRunsAndResetWhenAnotherDoes() {
        runs("shop-1", PROMOTED);
        DriftMonitor monitor = monitor((id, timeouts) -> api.newClient());
        assertEquals(DriftFixtures.T0, readOnce(monitor).since());

        clock.advance(Duration.ofMinutes(5));
        DriftReading again = readOnce(monitor);
        assertEquals(DriftStatus.SAME, again.status());
        assertEquals(DriftFixtures.T0, again.since(), "the same digest still runs: since stays");
        assertEquals(DriftFixtures.T0.plus(Duration.ofMinutes(5)), again.checked());

        // Someone rolls another image out by hand.
        api.client().pods().inNamespace(NS).withName("shop-1").delete();
        runs("shop-2", BY_HAND);
        clock.advance(Duration.ofMinutes(5));
        DriftReading changed = readOnce(monitor);
        assertEquals(DriftStatus.DIFFERENT, changed.status());
        assertEquals(DriftFixtures.T0.plus(Duration.ofMinutes(10)), changed.since(), "another digest: since resets");

        clock.advance(Duration.ofMinutes(7));
        DriftReading still = readOnce(monitor);
        assertEquals(DriftStatus.DIFFERENT, still.status());
        assertEquals(changed.since(), still.since());
        assertEquals(DriftFixtures.T0.plus(Duration.ofMinutes(17)), still.checked());
        assertEquals(4, monitor.reads());
    }

    private static ClusterAccess access(String id, String url) {
        return new ClusterAccess(id, url, null, false, new ClusterCredential.Token("t0k3n-value".toCharArray()), "k8s");
    }
}
