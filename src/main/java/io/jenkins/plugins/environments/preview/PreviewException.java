package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.model.Redaction;

/**
 * A preview could not be deployed or torn down. The message is written for the pipeline author: it names the
 * parameter or object at fault and quotes bad values escaped; it never contains a secret. The Jenkins glue shows it
 * without a stack trace.
 * The message (and the cause) pass through {@link Redaction} when the exception is made.
 */
public class PreviewException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreviewException(String message) {
        super(Redaction.redact(message));
    }

    public PreviewException(String message, Throwable cause) {
        super(Redaction.redact(message), Redaction.redact(cause));
    }
}
