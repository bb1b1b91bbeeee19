package io.jenkins.plugins.environments.model;

import java.util.List;

/**
 * The verdict on a whole configuration. Errors must be fixed before the configuration is used; warnings
 * describe settings that are allowed but risky or probably mistaken, and are shown to the administrator.
 *
 * @param errors what is wrong, one sentence each
 * @param warnings what is risky, one sentence each
 */
public record ValidationReport(List<String> errors, List<String> warnings) {

    public ValidationReport {
        errors = errors == null ? List.of() : List.copyOf(errors);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** @return whether there is no error (warnings allowed) */
    public boolean isValid() {
        return errors.isEmpty();
    }
}
