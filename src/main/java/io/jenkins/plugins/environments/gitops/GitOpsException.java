package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.Redaction;

/**
 * A GitOps promotion could not be done: the values file does not hold the key as expected, the repository refused
 * the push, or the remote could not be reached. The message says what and where, names the repository by its URL
 * (which never carries a password) and never contains a secret.
 * The message (and the cause) pass through {@link Redaction} when the exception is made.
 */
public final class GitOpsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GitOpsException(String message) {
        super(Redaction.redact(message));
    }

    public GitOpsException(String message, Throwable cause) {
        super(Redaction.redact(message), Redaction.redact(cause));
    }
}
