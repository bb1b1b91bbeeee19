package io.jenkins.plugins.environments.playground;

import io.jenkins.plugins.environments.dashboard.DashboardData;
import io.jenkins.plugins.environments.dashboard.DashboardQuery;
import io.jenkins.plugins.environments.dashboard.LedgerFollower;
import io.jenkins.plugins.environments.dashboard.LedgerIndex;
import io.jenkins.plugins.environments.dashboard.ViewFilter;
import io.jenkins.plugins.environments.dashboard.Visibility;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The dashboard's data over the playground's ledger, made by the same code the view uses: the {@link LedgerIndex}
 * built from the ledger and kept up to date, {@link DashboardQuery} with {@link Visibility#ALL} (the playground has
 * one user who sees everything), and the view's endpoint, {@link DashboardData}.
 */
final class DashboardSource implements AutoCloseable {

    private final Story story;
    private final LedgerFollower follower;
    private final LedgerIndex index;
    private final PlaygroundDrift drift;
    private final Clock clock;

    private DashboardSource(Story story, LedgerFollower follower, PlaygroundDrift drift, Clock clock) {
        this.story = story;
        this.follower = follower;
        this.index = follower.index();
        this.drift = drift;
        this.clock = clock;
    }

    /** Builds the index from the story's ledger and starts watching drift. */
    static DashboardSource open(PlaygroundWorld world, Story story, Clock clock) throws IOException {
        LedgerFollower follower = LedgerFollower.follow(story.ledger());
        try {
            return new DashboardSource(
                    story,
                    follower,
                    PlaygroundDrift.start(world, story.configuration(), follower.index(), clock),
                    clock);
        } catch (IOException | RuntimeException e) {
            follower.close();
            throw e;
        }
    }

    /**
     * Waits until every watched cell has a drift reading.
     *
     * @return whether they all had one in time
     */
    boolean awaitDriftReadings(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            var watched = drift.watched();
            if (!watched.isEmpty()
                    && watched.stream()
                            .allMatch(target -> drift.reading(target.app(), target.environment())
                                    .isPresent())) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * Answers {@code GET data} and {@code GET data/history} as the view's endpoint does ({@link DashboardData}), for
     * the one user of the playground, who sees everything, through a view that shows everything.
     *
     * @param path what follows {@code data}
     * @param parameters the query parameters, {@code null} when absent
     */
    DashboardData.Answer answer(String path, Function<String, String> parameters) {
        DashboardQuery query = new DashboardQuery(
                story.configuration(), index, drift, DashboardData.narrowed(Visibility.ALL, ViewFilter.ALL), clock);
        return new DashboardData(query, ViewFilter.ALL).answer(path, parameters);
    }

    /** Appends an event to the ledger, as a build would; the index follows, the page shows it on its next refresh. */
    LedgerEvent append(LedgerEvent.Builder event) throws IOException {
        return story.ledger().append(event);
    }

    @Override
    public void close() {
        try {
            drift.close();
        } finally {
            follower.close();
        }
    }
}
