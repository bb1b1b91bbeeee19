package io.jenkins.plugins.environments.registry;

import io.jenkins.plugins.environments.model.Redaction;

/**
 * A registry could not be reached, did not answer as an OCI registry, or refused the configured credentials. The
 * message names the registry, its host and the Jenkins credentials id; it never carries a password or token.
 * The message (and the cause) pass through {@link Redaction} when the exception is made.
 */
public class RegistryAccessException extends Exception {

    private static final long serialVersionUID = 1L;

    public RegistryAccessException(String message) {
        super(Redaction.redact(message));
    }

    public RegistryAccessException(String message, Throwable cause) {
        super(Redaction.redact(message), Redaction.redact(cause));
    }
}
