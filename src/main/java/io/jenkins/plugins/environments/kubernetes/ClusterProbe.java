package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;

/** Checks that a cluster answers with the configured credentials, for a "Test connection" button. */
public final class ClusterProbe {

    /** How long the probe waits to connect and for the answer, in milliseconds. */
    static final int TIMEOUT_MILLIS = 10_000;

    private ClusterProbe() {}

    /**
     * Asks the cluster for its version ({@code GET /version}), authenticated. The probe does not retry.
     *
     * @return the server's git version, such as {@code v1.33.2}
     * @throws ClusterAccessException if the cluster rejects the credentials, cannot be reached, fails the TLS
     *     handshake, or does not answer as a Kubernetes API server
     */
    public static String serverVersion(ClusterAccess access) throws ClusterAccessException {
        Config config = new ConfigBuilder(ClusterClients.config(access))
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(TIMEOUT_MILLIS)
                .withRequestTimeout(TIMEOUT_MILLIS)
                .build();
        try (KubernetesClient client = ClusterClients.connect(config)) {
            VersionInfo version = client.getKubernetesVersion();
            if (version == null || version.getGitVersion() == null) {
                throw new ClusterAccessException(ClusterFailures.describe(access, config)
                        + " did not answer /version like a Kubernetes API server");
            }
            return version.getGitVersion();
        } catch (KubernetesClientException e) {
            throw ClusterFailures.translate(access, config, e);
        }
    }
}
