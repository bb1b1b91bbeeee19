package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.Redaction;

/**
 * A {@link LiveDigestReader} could not find out what runs. Its message is written for the dashboard, which anyone
 * with read access sees: it names the cluster, registry or environment by its configured id, and never a server URL,
 * a host of a cluster, a credentials id or a secret. It passes through {@link Redaction} all the same.
 */
public class DriftReadException extends Exception {

    private static final long serialVersionUID = 1L;

    public DriftReadException(String message) {
        super(Redaction.redactLine(message));
    }

    public DriftReadException(String message, Throwable cause) {
        super(Redaction.redactLine(message), Redaction.redact(cause));
    }
}
