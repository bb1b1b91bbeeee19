package io.jenkins.plugins.environments.kubernetes;

import java.util.Objects;

/**
 * Where a Kubernetes API server is and how to authenticate to it, as plain values that the Jenkins glue fills in from
 * the global configuration and a resolved credential.
 *
 * <p>The server URL may be blank only when the credential is a {@link ClusterCredential.Kubeconfig}; the kubeconfig's
 * current context then names the server (see {@link ClusterClients#config(ClusterAccess)} for which side wins when
 * both are given). Closing this object wipes the secret held by its credential.
 *
 * @param clusterId the name of the cluster entry, used in messages
 * @param serverUrl the API server URL, such as {@code https://10.0.0.1:6443}; may be blank for a kubeconfig
 * @param caCertificatePem PEM certificates to trust for the server, or {@code null} for the JVM's trust store
 * @param skipTlsVerify whether to accept any server certificate and host name
 * @param credential how to authenticate
 * @param credentialsId the id of the Jenkins credentials behind {@code credential}, used in messages
 */
public record ClusterAccess(
        String clusterId,
        String serverUrl,
        String caCertificatePem,
        boolean skipTlsVerify,
        ClusterCredential credential,
        String credentialsId)
        implements AutoCloseable {

    public ClusterAccess {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(credentialsId, "credentialsId");
        serverUrl = serverUrl == null ? "" : serverUrl.strip();
        caCertificatePem = caCertificatePem == null || caCertificatePem.isBlank() ? null : caCertificatePem;
    }

    /** Whether a server URL was configured for this cluster. */
    public boolean hasServerUrl() {
        return !serverUrl.isEmpty();
    }

    /** Wipes the secret held by the credential. */
    @Override
    public void close() {
        credential.close();
    }

    @Override
    public String toString() {
        return "ClusterAccess[cluster=" + clusterId + ", server=" + serverUrl + ", skipTlsVerify=" + skipTlsVerify
                + ", credentials=" + credentialsId + " (" + credential.kind() + ")]";
    }
}
