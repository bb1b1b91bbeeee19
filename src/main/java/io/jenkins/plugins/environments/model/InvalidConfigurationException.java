package io.jenkins.plugins.environments.model;

import java.util.Optional;

/**
 * A configuration value breaks a rule. {@link #field()} names the offending field as the configuration
 * form and Configuration as Code spell it (for example {@code serverUrl}), so that the Jenkins glue can
 * show the message next to that field; {@link #getMessage()} says what is wrong, quotes the bad value and
 * says what is expected. Messages never contain secrets: the model only holds credential ids.
 * The message (and the cause) pass through {@link Redaction} when the exception is made.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidConfigurationException(String field, String message) {
        super(Redaction.redact(message));
        this.field = field;
    }

    /** @return the name of the field the message is about */
    public String field() {
        return field;
    }

    /**
     * Runs one field check and turns its verdict into a value, for form validation: empty when the check
     * passed, the message when it threw.
     *
     * @param check a call to one of the model's {@code check…} functions
     */
    public static Optional<String> problemWith(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (InvalidConfigurationException e) {
            return Optional.of(e.getMessage());
        }
    }
}
