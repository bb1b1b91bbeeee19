package io.jenkins.plugins.environments.dashboard;

import java.util.List;

/**
 * One page of an app's history, newest first.
 *
 * @param total how many events match, on all pages
 * @param offset how many matching events come before this page
 * @param limit the most events a page holds
 * @param events this page's events
 */
public record HistoryPage(String app, int total, int offset, int limit, List<HistoryEntry> events) {

    public HistoryPage {
        events = List.copyOf(events);
    }
}
