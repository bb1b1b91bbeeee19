package io.jenkins.plugins.environments.kubernetes;

/**
 * A cluster could not be reached or refused the configured credentials. The message names the cluster, its server
 * and the Jenkins credentials id; it never carries the secret itself.
 */
public class ClusterAccessException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClusterAccessException(String message) {
        super(message);
    }

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
