package io.jenkins.plugins.environments.preview;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.model.Cluster;

/**
 * Port: a client for a configured cluster. The Jenkins glue resolves the cluster's credentials here, so a preview
 * only asks for them once every value of the request has passed its checks.
 */
@FunctionalInterface
public interface ClusterConnector {

    /** @return a client the caller closes */
    KubernetesClient connect(Cluster cluster);
}
