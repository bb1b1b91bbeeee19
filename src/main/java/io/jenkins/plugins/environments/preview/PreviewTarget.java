package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.model.Cluster;

/**
 * Where one app's preview of one pull request lives.
 *
 * @param cluster the cluster
 * @param app the app
 * @param pullRequest the pull request number
 * @param namespace the namespace
 */
public record PreviewTarget(Cluster cluster, String app, int pullRequest, String namespace) {

    /** @return {@code namespace on cluster 'id'}, for messages */
    public String describe() {
        return namespace + " on cluster '" + cluster.id() + "'";
    }
}
