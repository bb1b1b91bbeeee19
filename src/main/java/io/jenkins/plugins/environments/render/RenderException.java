package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.Redaction;

/**
 * A render request was refused or a render failed. Messages never contain secret values.
 * The message (and the cause) pass through {@link Redaction} when the exception is made.
 */
public class RenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(Redaction.redact(message));
    }

    public RenderException(String message, Throwable cause) {
        super(Redaction.redact(message), Redaction.redact(cause));
    }
}
