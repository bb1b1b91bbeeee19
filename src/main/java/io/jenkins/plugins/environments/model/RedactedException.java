package io.jenkins.plugins.environments.model;

/**
 * Stands in for an exception whose message held something {@link Redaction} masks: it keeps the original type's name,
 * the redacted message, the original stack trace and (redacted the same way) the causes and suppressed exceptions.
 * {@link #toString()} reads as the original would, {@code type: message}.
 */
public final class RedactedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String originalType;

    RedactedException(String originalType, String message) {
        super(message);
        this.originalType = originalType;
    }

    /** @return the class name of the exception this one stands in for */
    public String originalType() {
        return originalType;
    }

    @Override
    public String toString() {
        String message = getMessage();
        return message == null ? originalType : originalType + ": " + message;
    }
}
