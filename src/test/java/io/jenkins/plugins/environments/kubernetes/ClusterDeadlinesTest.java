package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.model.Timeouts;
import io.jenkins.plugins.environments.testing.SilentServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Deadlines of the Kubernetes client (issue 10, class 8): every fabric8 configuration carries the connect and request
 * timeouts of {@link Timeouts} and a small retry limit, so that an API server that accepts the connection and never
 * answers fails a call within a bound instead of hanging it.
 */
class ClusterDeadlinesTest {

    private static ClusterAccess access(String server) {
        return new ClusterAccess("dev", server, null, false, new ClusterCredential.Token("t0k".toCharArray()), "t");
    }

    @Test
    void theConfigurationCarriesTheStandardTimeoutsAndFewRetries() throws Exception {
        try (ClusterAccess access = access("https://10.0.0.1:6443")) {
            Config config = ClusterClients.config(access);
            assertEquals(10_000, config.getConnectionTimeout());
            assertEquals(30_000, config.getRequestTimeout());
            assertEquals(ClusterClients.REQUEST_RETRIES, config.getRequestRetryBackoffLimit());
        }
    }

    @Test
    void timeoutsOfOnesOwnAreCarriedToo() throws Exception {
        try (ClusterAccess access = access("https://10.0.0.1:6443")) {
            Config config = ClusterClients.config(access, new Timeouts(Duration.ofMillis(1500), Duration.ofSeconds(4)));
            assertEquals(1500, config.getConnectionTimeout());
            assertEquals(4000, config.getRequestTimeout());
        }
    }

    @Test
    void anApiServerThatAcceptsAndNeverAnswersFailsTheCallWithinTheBound() throws Exception {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (SilentServer server = SilentServer.mute();
                ClusterAccess access = access("http://" + server.host());
                KubernetesClient client = ClusterClients.connect(access, timeouts)) {
            long start = System.nanoTime();
            KubernetesClientException e = assertThrows(
                    KubernetesClientException.class,
                    () -> client.namespaces().withName("pr-1").get());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // Each try waits the request timeout; fabric8 tries REQUEST_RETRIES more times, with short pauses.
            Duration bound = timeouts.idle()
                    .multipliedBy(ClusterClients.REQUEST_RETRIES + 1)
                    .plusSeconds(10);
            assertTrue(took.compareTo(bound) < 0, "took " + took + ": " + e.getMessage());
            assertTrue(
                    server.connections() <= ClusterClients.REQUEST_RETRIES + 1, "connections: " + server.connections());
        }
    }
}
