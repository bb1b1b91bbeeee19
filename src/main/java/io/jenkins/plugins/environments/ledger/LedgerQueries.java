package io.jenkins.plugins.environments.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the dashboard asks of the ledger, as plain functions over events in ledger order (oldest first, as
 * {@link Ledger#events()} returns them). The ledger's order is the order of record: when two events contradict each
 * other, the later line wins, whatever their times say.
 *
 * <p>Events that name a PR concern previews and count only for {@link #openPreviews}; the others count only for
 * {@link #latestStates}.
 */
public final class LedgerQueries {

    private LedgerQueries() {}

    /**
     * What runs where: for each app and environment, the last event that deployed, promoted or rolled back a digest,
     * unless a later teardown removed it. Previews are left out.
     *
     * @return one state per app and environment, sorted by app, then environment
     */
    public static List<EnvironmentState> latestStates(Iterable<LedgerEvent> events) {
        Map<Key, EnvironmentState> states = new LinkedHashMap<>();
        for (LedgerEvent event : events) {
            if (event.isPreview()) {
                continue;
            }
            Key key = new Key(event.app(), event.environment(), null);
            if (event.type().deploys()) {
                states.put(key, EnvironmentState.of(event));
            } else if (event.type() == LedgerEventType.TORN_DOWN) {
                states.remove(key);
            }
        }
        List<EnvironmentState> sorted = new ArrayList<>(states.values());
        sorted.sort(Comparator.comparing(EnvironmentState::app).thenComparing(EnvironmentState::environment));
        return List.copyOf(sorted);
    }

    /**
     * The previews that were deployed and not torn down since. A redeploy keeps the preview open and moves its last
     * deploy time; namespace and URL are taken from the latest event that names them.
     *
     * @return the open previews, sorted by app, then PR (numerically when both are numbers), then environment
     */
    public static List<OpenPreview> openPreviews(Iterable<LedgerEvent> events) {
        Map<Key, OpenPreview> previews = new LinkedHashMap<>();
        for (LedgerEvent event : events) {
            if (!event.isPreview()) {
                continue;
            }
            Key key = new Key(event.app(), event.environment(), event.pr());
            if (event.type().deploys()) {
                previews.merge(key, OpenPreview.of(event), OpenPreview::redeployedAs);
            } else if (event.type() == LedgerEventType.TORN_DOWN) {
                previews.remove(key);
            }
        }
        List<OpenPreview> sorted = new ArrayList<>(previews.values());
        sorted.sort(Comparator.comparing(OpenPreview::app)
                .thenComparing(OpenPreview::pr, LedgerQueries::comparePrs)
                .thenComparing(OpenPreview::environment));
        return List.copyOf(sorted);
    }

    /** @return every event of the app, newest first */
    public static List<LedgerEvent> history(List<LedgerEvent> events, String app) {
        return history(events, app, Integer.MAX_VALUE);
    }

    /**
     * @param limit the most events to return, at least 0
     * @return the app's latest events, newest first
     */
    public static List<LedgerEvent> history(List<LedgerEvent> events, String app, int limit) {
        Objects.requireNonNull(app, "app");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, not " + limit);
        }
        List<LedgerEvent> history = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && history.size() < limit; i--) {
            LedgerEvent event = events.get(i);
            if (event.app().equals(app)) {
                history.add(event);
            }
        }
        return List.copyOf(history);
    }

    /** Numbers by value, otherwise as text; numbers before text. */
    public static int comparePrs(String a, String b) {
        boolean aNumber = isNumber(a);
        boolean bNumber = isNumber(b);
        if (aNumber && bNumber) {
            String x = stripZeros(a);
            String y = stripZeros(b);
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String stripZeros(String number) {
        int i = 0;
        while (i < number.length() - 1 && number.charAt(i) == '0') {
            i++;
        }
        return number.substring(i);
    }

    private record Key(String app, String environment, String pr) {}

    /**
     * What runs in one environment of one app.
     *
     * @param type how it got there: deployed, promoted or rolled back
     * @param time when
     * @param digest the digest, or {@code null} when the event named none
     * @param actor who put it there, or {@code null}
     * @param build the build that put it there, or {@code null}
     */
    public record EnvironmentState(
            String app,
            String environment,
            LedgerEventType type,
            Instant time,
            String digest,
            String namespace,
            String url,
            String actor,
            String build) {

        static EnvironmentState of(LedgerEvent event) {
            return new EnvironmentState(
                    event.app(),
                    event.environment(),
                    event.type(),
                    event.time(),
                    event.digest(),
                    event.namespace(),
                    event.url(),
                    event.actor(),
                    event.build());
        }
    }

    /**
     * A preview that is up, as far as the ledger knows.
     *
     * @param lastDeployed the time of the latest deploy
     * @param digest the latest deploy's digest, or {@code null}
     */
    public record OpenPreview(
            String app,
            String environment,
            String pr,
            String namespace,
            String url,
            Instant lastDeployed,
            String digest) {

        static OpenPreview of(LedgerEvent event) {
            return new OpenPreview(
                    event.app(),
                    event.environment(),
                    event.pr(),
                    event.namespace(),
                    event.url(),
                    event.time(),
                    event.digest());
        }

        OpenPreview redeployedAs(OpenPreview later) {
            return new OpenPreview(
                    app,
                    environment,
                    pr,
                    later.namespace != null ? later.namespace : namespace,
                    later.url != null ? later.url : url,
                    later.lastDeployed,
                    later.digest);
        }
    }
}
