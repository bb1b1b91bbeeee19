package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.Redaction;

/**
 * A promotion was refused or failed. The message is for the pipeline author and never holds a secret; the Jenkins
 * glue shows it without a stack trace.
 * The message (and the cause) pass through {@link Redaction} when the exception is made.
 */
public class PromotionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PromotionException(String message) {
        super(Redaction.redact(message));
    }

    public PromotionException(String message, Throwable cause) {
        super(Redaction.redact(message), Redaction.redact(cause));
    }
}
