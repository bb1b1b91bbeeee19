package io.jenkins.plugins.environments.promotion;

/**
 * A promotion was refused or failed. The message is for the pipeline author and never holds a secret; the Jenkins
 * glue shows it without a stack trace.
 */
public class PromotionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PromotionException(String message) {
        super(message);
    }

    public PromotionException(String message, Throwable cause) {
        super(message, cause);
    }
}
