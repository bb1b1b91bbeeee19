package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.kubernetes.PreviewInputs;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What database a preview gets. */
public enum DatabaseStrategy {
    /** No database is set up by the plugin. */
    NONE,
    /**
     * Manifests from the workspace (for example a CloudNativePG {@code Cluster}) are applied into the preview's
     * namespace with the app, so the database lives and dies with the preview.
     */
    EPHEMERAL,
    /**
     * The chart gets a schema name, {@code pr_<number>}, as the value {@value PreviewPlanner#SCHEMA_KEY}, for a schema
     * in a database shared by all previews. The name is recorded in the ledger so that it can be dropped when the
     * preview goes; the plugin itself never connects to a database.
     */
    SHARED_SCHEMA;

    /** @return how pipelines write it: {@code none}, {@code ephemeral}, {@code shared-schema} */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param value as a pipeline wrote it; blank means {@link #NONE}
     * @throws PreviewException naming the accepted values
     */
    public static DatabaseStrategy parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        for (DatabaseStrategy strategy : values()) {
            if (strategy.id().equals(value)) {
                return strategy;
            }
        }
        throw new PreviewException("database " + PreviewInputs.quote(value) + " is not known: use "
                + Arrays.stream(values()).map(s -> "'" + s.id() + "'").collect(Collectors.joining(", ")));
    }
}
