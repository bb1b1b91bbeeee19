package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Instant;
import java.util.Map;

/**
 * One event of an app's history as the dashboard shows it: the ledger event without namespace and URL, and with only
 * the details in {@link #SHOWN_DETAILS}.
 *
 * @param pr the pull request for a preview's event, else {@code null}
 * @param build the build that acted, or {@code null}
 * @param details the shown details of the event
 * @param owner the build or job the event belongs to, for deciding who may see it: its own build; for a preview's
 *     event without one, the build or job of the preview's last deploy; else {@code null}
 */
public record HistoryEntry(
        LedgerEventType type,
        Instant time,
        String environment,
        String pr,
        String digest,
        String actor,
        String build,
        String reason,
        Map<String, String> details,
        String owner) {

    /**
     * The details a history shows, in this order; everything else (registry targets, cluster URLs, messages) stays in
     * the ledger.
     */
    public static final java.util.List<String> SHOWN_DETAILS = java.util.List.of(
            "strategy",
            "from",
            "tag",
            "version",
            "approvals",
            "state",
            "approvers",
            "change-ticket",
            "hold",
            "rolled-back-from",
            "expires",
            "pinned");

    public HistoryEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** @return whether the event concerns a pull request's preview */
    public boolean isPreview() {
        return pr != null;
    }
}
