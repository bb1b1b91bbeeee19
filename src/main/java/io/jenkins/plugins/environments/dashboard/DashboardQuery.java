package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Puts the dashboard together for one person: the index's facts, in the configured environments' column order, with
 * the states decided ({@link CellState}), drift readings added, and everything the person may not see left out.
 *
 * <p>What the person may see ({@link Visibility}): an environment they may not see is no column and none of its
 * approvals or history; a cell's deployment, promotion or failure whose build they may not see is left out, and so
 * is a preview, approval or history event; an app with nothing left is no row. Events without a build count as
 * visible to whoever may see their environment; a preview's events without one belong to the preview's build or job.
 */
public final class DashboardQuery {

    /** How long a started promotion whose event names no deadline counts as under way. */
    public static final Duration PROMOTION_WINDOW = Duration.ofHours(1);

    private final EnvironmentsConfiguration config;
    private final LedgerIndex index;
    private final DriftReadings drift;
    private final Visibility visibility;
    private final Clock clock;

    public DashboardQuery(
            EnvironmentsConfiguration config,
            LedgerIndex index,
            DriftReadings drift,
            Visibility visibility,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.index = Objects.requireNonNull(index, "index");
        this.drift = Objects.requireNonNull(drift, "drift");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the dashboard as the person may see it now */
    public Dashboard dashboard() {
        Instant now = clock.instant();
        List<Environment> columns = new ArrayList<>();
        Set<String> visible = new HashSet<>();
        Map<String, String> sources = new HashMap<>();
        for (Environment environment : EnvironmentOrder.of(config.environments())) {
            if (environment.promotesFrom() != null) {
                sources.put(environment.name(), environment.promotesFrom());
            }
            if (visibility.canSeeEnvironment(environment.name())) {
                columns.add(environment);
                visible.add(environment.name());
            }
        }
        LedgerIndex.Snapshot snapshot = index.snapshot(sources);

        List<PendingApproval> approvals = new ArrayList<>();
        Set<String> waiting = new HashSet<>();
        for (PendingApproval approval : snapshot.approvals()) {
            if (visible.contains(approval.environment()) && canSee(approval.build())) {
                approvals.add(approval);
                waiting.add(approval.app() + "\n" + approval.environment());
            }
        }

        Map<String, Map<String, CellFacts>> byApp = new LinkedHashMap<>();
        for (CellFacts facts : snapshot.cells()) {
            if (visible.contains(facts.environment())) {
                byApp.computeIfAbsent(facts.app(), a -> new HashMap<>()).put(facts.environment(), facts);
            }
        }
        List<Dashboard.Row> rows = new ArrayList<>();
        byApp.forEach((app, cells) -> {
            List<Dashboard.Cell> shown = new ArrayList<>();
            for (Environment column : columns) {
                CellFacts facts = cells.get(column.name());
                if (facts != null) {
                    String source = column.promotesFrom();
                    Dashboard.Cell cell = cell(
                            facts,
                            source != null && visible.contains(source),
                            waiting.contains(app + "\n" + column.name()),
                            now);
                    if (cell != null) {
                        shown.add(cell);
                    }
                }
            }
            if (!shown.isEmpty()) {
                rows.add(new Dashboard.Row(app, shown));
            }
        });

        List<Dashboard.Preview> previews = new ArrayList<>();
        for (LivePreview preview : snapshot.previews()) {
            if (canSee(preview.owner())) {
                previews.add(new Dashboard.Preview(preview, preview.expiredAt(now)));
            }
        }
        List<Dashboard.Column> shownColumns = columns.stream()
                .map(e -> new Dashboard.Column(
                        e.name(),
                        e.tier().id(),
                        e.promotesFrom() != null && visible.contains(e.promotesFrom()) ? e.promotesFrom() : null))
                .toList();
        return new Dashboard(now, snapshot.revision(), shownColumns, rows, previews, approvals);
    }

    /** @return the page of the app's history the request asks for, of the events the person may see */
    public HistoryPage history(HistoryRequest request) {
        Objects.requireNonNull(request, "request");
        return index.history(
                request.app(), entry -> request.matches(entry) && canSee(entry), request.offset(), request.limit());
    }

    /** @return whether the person may see the history event */
    boolean canSee(HistoryEntry entry) {
        return (entry.isPreview() || visibility.canSeeEnvironment(entry.environment())) && canSee(entry.owner());
    }

    /**
     * Decides the cell's state from what the person may see of it.
     *
     * @return the cell, or {@code null} when nothing of it is left to show
     */
    private Dashboard.Cell cell(CellFacts facts, boolean sourceVisible, boolean waiting, Instant now) {
        Deployment current = facts.current() != null && canSee(facts.current().build()) ? facts.current() : null;
        PromotionAttempt started = facts.started();
        PromotionAttempt promoting =
                started != null && canSee(started.build()) && !now.isAfter(deadline(started)) ? started : null;
        PromotionAttempt failure =
                facts.failed() != null && canSee(facts.failed().build()) ? facts.failed() : null;
        boolean held = current != null && facts.held();
        int behind = current != null && sourceVisible ? facts.behind() : 0;
        DriftReading reading = current != null && current.digest() != null
                ? drift.reading(facts.app(), facts.environment()).orElse(null)
                : null;

        Set<CellState> applicable = EnumSet.noneOf(CellState.class);
        if (reading != null && reading.drifted()) {
            applicable.add(CellState.DRIFTED);
        }
        if (promoting != null) {
            applicable.add(CellState.PROMOTING);
        }
        if (waiting) {
            applicable.add(CellState.WAITING);
        }
        if (failure != null) {
            applicable.add(CellState.FAILED);
        }
        if (held) {
            applicable.add(CellState.HELD);
        }
        if (behind > 0) {
            applicable.add(CellState.BEHIND);
        }
        if (current != null) {
            applicable.add(CellState.CURRENT);
        }
        CellState state = CellState.strongest(applicable);
        if (state == CellState.EMPTY) {
            return null;
        }
        return new Dashboard.Cell(facts.environment(), state, current, behind, promoting, failure, reading);
    }

    /** @return when a started promotion stops counting as under way */
    static Instant deadline(PromotionAttempt started) {
        return started.deadline() != null ? started.deadline() : started.time().plus(PROMOTION_WINDOW);
    }

    private boolean canSee(String build) {
        return build == null || visibility.canSeeBuild(build);
    }
}
