package io.jenkins.plugins.environments.kubernetes;

import io.jenkins.plugins.environments.model.Redaction;

/**
 * A cluster could not be reached or refused the configured credentials. The message names the cluster, its server
 * and the Jenkins credentials id; it never carries the secret itself.
 * The message (and the cause) pass through {@link Redaction} when the exception is made.
 */
public class ClusterAccessException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClusterAccessException(String message) {
        super(Redaction.redact(message));
    }

    public ClusterAccessException(String message, Throwable cause) {
        super(Redaction.redact(message), Redaction.redact(cause));
    }
}
