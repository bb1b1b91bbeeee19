package io.jenkins.plugins.environments.jenkins;

import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the model's rules where a configuration entry is built or changed (its data-bound constructor and setters,
 * and {@code toModel()}), so that the form, Configuration as Code and a script are refused a value alike: with an
 * {@link InvalidConfigurationException} for the attribute as they spell it, whose message begins with the entry and
 * the attribute, for example {@code Cluster 'dev-eu', field serverUrl: Server URL ...}. The rules themselves stay in
 * the model; this class only says where they were broken.
 */
final class EntryFields {

    private EntryFields() {}

    /**
     * @param entry the entry, as {@link #entry} names it
     * @param attribute the constructor parameter or setter the value came in by
     * @return what the check returns
     */
    static <T> T check(String entry, String attribute, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidConfigurationException e) {
            throw named(entry, attribute, e);
        }
    }

    /** Like {@link #check(String, String, Supplier)} for a value that needs no result. */
    static void check(String entry, String attribute, Runnable check) {
        check(entry, attribute, () -> {
            check.run();
            return null;
        });
    }

    /**
     * A rule over several fields of one entry, such as the model's constructor; the field is the one the model
     * names.
     */
    static <T> T check(String entry, Supplier<T> check) {
        return check(entry, Map.of(), check);
    }

    /**
     * Like {@link #check(String, Supplier)} for an entry whose attributes are not all called as in the model.
     *
     * @param attributes the attribute for each model field called differently, such as {@code cpu → quotaCpu}
     */
    static <T> T check(String entry, Map<String, String> attributes, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidConfigurationException e) {
            throw named(entry, attributes.getOrDefault(e.field(), e.field()), e);
        }
    }

    /** An entry nested in another (an environment's gates, an app's targets): its refusal, the outer entry first. */
    static <T> T within(String outer, Supplier<T> nested) {
        try {
            return nested.get();
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(e.field(), outer + " › " + e.getMessage());
        }
    }

    /** @return the kind and name of an entry, such as {@code Cluster 'dev-eu'}; the kind alone before it has a name */
    static String entry(String kind, String name) {
        return name == null ? kind : kind + " '" + name + "'";
    }

    private static InvalidConfigurationException named(
            String entry, String attribute, InvalidConfigurationException e) {
        return new InvalidConfigurationException(attribute, entry + ", field " + attribute + ": " + e.getMessage());
    }
}
