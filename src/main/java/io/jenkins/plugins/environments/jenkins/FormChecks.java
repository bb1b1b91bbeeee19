package io.jenkins.plugins.environments.jenkins;

import hudson.util.FormValidation;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.util.Arrays;
import java.util.List;

/** Turns the model's field checks into form validation answers, and splits list fields typed as text. */
final class FormChecks {

    private FormChecks() {}

    /**
     * Runs one of the model's field checks for the form. A user who may not configure gets an empty answer, so that
     * the check reveals nothing (and does no work) for them.
     */
    static FormValidation check(Runnable fieldCheck) {
        if (!ConfigurationPermission.granted()) {
            return FormValidation.ok();
        }
        return InvalidConfigurationException.problemWith(fieldCheck)
                .map(FormValidation::error)
                .orElseGet(FormValidation::ok);
    }

    /** A whole number typed into a form field, or {@code whenEmpty}; other text is an error naming the field. */
    static int number(String field, String text, int whenEmpty) {
        if (text == null || text.isBlank()) {
            return whenEmpty;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(field, Messages.FormChecks_NotANumber(text.trim()));
        }
    }

    /** The entries of a list typed one per line (and, where {@code commas} is set, also separated by commas). */
    static List<String> entries(String text, boolean commas) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(commas ? "[,\\r\\n]+" : "[\\r\\n]+"))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }
}
