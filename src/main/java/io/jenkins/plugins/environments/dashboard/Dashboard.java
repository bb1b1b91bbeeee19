package io.jenkins.plugins.environments.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What one person sees on the dashboard at one moment, filtered by what they may see: the columns, one row per app
 * with its non-empty cells, the live previews and the pending approvals.
 *
 * @param generated when it was put together
 * @param revision the index's revision it was put together from
 * @param environments the columns, in {@link EnvironmentOrder}
 * @param apps one row per app with at least one visible cell, sorted by name
 * @param previews the visible open previews
 * @param approvals the visible pending approvals, in the order they were requested
 */
public record Dashboard(
        Instant generated,
        long revision,
        List<Column> environments,
        List<Row> apps,
        List<Preview> previews,
        List<PendingApproval> approvals) {

    public Dashboard {
        Objects.requireNonNull(generated, "generated");
        environments = List.copyOf(environments);
        apps = List.copyOf(apps);
        previews = List.copyOf(previews);
        approvals = List.copyOf(approvals);
    }

    /** @return the same dashboard with only the apps whose name matches, in rows, previews and approvals */
    public Dashboard onlyApps(Predicate<String> names) {
        return new Dashboard(
                generated,
                revision,
                environments,
                apps.stream().filter(r -> names.test(r.name())).toList(),
                previews.stream().filter(p -> names.test(p.preview().app())).toList(),
                approvals.stream().filter(a -> names.test(a.app())).toList());
    }

    /** @return the same dashboard without previews */
    public Dashboard withoutPreviews() {
        return new Dashboard(generated, revision, environments, apps, List.of(), approvals);
    }

    /**
     * A column.
     *
     * @param tier the tier's id, such as {@code prod}
     * @param promotesFrom the environment it promotes from, or {@code null} when none or not visible
     */
    public record Column(String name, String tier, String promotesFrom) {}

    /**
     * A row: one app.
     *
     * @param cells the app's non-empty cells, in column order
     */
    public record Row(String name, List<Cell> cells) {

        public Row {
            cells = List.copyOf(cells);
        }

        /** @return the cell in the environment, or {@code null} when it is empty */
        public Cell cell(String environment) {
            return cells.stream()
                    .filter(c -> c.environment().equals(environment))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * A cell: one app in one environment, never {@link CellState#EMPTY}.
     *
     * @param state the state that wins
     * @param current what runs, or {@code null} when nothing visible runs
     * @param behind how many digests the environment before it has that arrived after the one that runs here
     * @param promoting the promotion under way, or {@code null}
     * @param failure the last promotion attempt, when it failed and no digest arrived since; else {@code null}
     * @param drift the latest drift read, or {@code null} when never read
     */
    public record Cell(
            String environment,
            CellState state,
            Deployment current,
            int behind,
            PromotionAttempt promoting,
            PromotionAttempt failure,
            DriftReading drift) {}

    /**
     * A live preview.
     *
     * @param expired whether its time to live ran out and it was not swept yet
     */
    public record Preview(LivePreview preview, boolean expired) {}
}
