package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Names;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a person asked of an app's history: {@code data/history?app=…&offset=…&limit=…&type=…&environment=…}, parsed.
 *
 * @param app the app whose history to show
 * @param offset how many matching events to skip, at least 0
 * @param limit how many to show, 1 to {@value #MAX_LIMIT}
 * @param types the event types to show; empty means every type
 * @param environment the only environment to show, or {@code null} for all
 */
public record HistoryRequest(String app, int offset, int limit, Set<LedgerEventType> types, String environment) {

    /** How many events a page shows when the request does not say. */
    public static final int DEFAULT_LIMIT = 50;

    /** The most events one page shows. */
    public static final int MAX_LIMIT = 200;

    public HistoryRequest {
        if (!Names.isLabel(app)) {
            throw new IllegalArgumentException(
                    app == null || app.isBlank()
                            ? "app is required: name the app whose history to show, such as app=payments"
                            : "app " + Names.quote(app) + " is not an app name: " + Names.LABEL_RULE);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be a whole number of 0 or more, not " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be a whole number from 1 to " + MAX_LIMIT + ", not " + limit);
        }
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(types);
        if (environment != null && !Names.isLabel(environment)) {
            throw new IllegalArgumentException(
                    "environment " + Names.quote(environment) + " is not an environment name: " + Names.LABEL_RULE);
        }
    }

    /** @return the first page of every event of the app */
    public static HistoryRequest of(String app) {
        return new HistoryRequest(app, 0, DEFAULT_LIMIT, Set.of(), null);
    }

    /**
     * Parses the query parameters as the page sends them; blank or missing ones take their defaults.
     *
     * @param type a comma-separated list of event type ids, such as {@code promoted,rolled-back}
     * @throws IllegalArgumentException with a message for the person when a parameter is wrong
     */
    public static HistoryRequest parse(String app, String offset, String limit, String type, String environment) {
        int from = whole("offset", offset, 0, "a whole number of 0 or more");
        int size = whole("limit", limit, DEFAULT_LIMIT, "a whole number from 1 to " + MAX_LIMIT);
        Set<LedgerEventType> types = EnumSet.noneOf(LedgerEventType.class);
        if (!Names.isBlank(type)) {
            for (String id : type.split(",")) {
                if (!id.isBlank()) {
                    types.add(type(id.strip()));
                }
            }
        }
        return new HistoryRequest(
                app == null ? null : app.strip(),
                from,
                size,
                types,
                Names.isBlank(environment) ? null : environment.strip());
    }

    /** @return whether the entry is of a type and in the environment asked for */
    public boolean matches(HistoryEntry entry) {
        return (types.isEmpty() || types.contains(entry.type()))
                && (environment == null || environment.equals(entry.environment()));
    }

    private static LedgerEventType type(String id) {
        for (LedgerEventType known : LedgerEventType.values()) {
            if (known.id().equals(id)) {
                return known;
            }
        }
        String ids =
                Arrays.stream(LedgerEventType.values()).map(LedgerEventType::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("type " + Names.quote(id) + " is not an event type: use one or more of "
                + ids + ", separated by commas");
    }

    private static int whole(String name, String value, int otherwise, String rule) {
        if (Names.isBlank(value)) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + rule + ", not " + Names.quote(value));
        }
    }
}
