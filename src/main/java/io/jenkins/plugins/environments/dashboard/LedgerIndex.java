package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.approval.ApprovalEvents;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.ledger.LedgerQueries;
import io.jenkins.plugins.environments.preview.PreviewHistory;
import io.jenkins.plugins.environments.promotion.Promoter;
import io.jenkins.plugins.environments.promotion.PromotionHistory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The read side of the ledger, kept up to date one event at a time, so that the dashboard answers without reading the
 * ledger again: what runs where, promotions under way and failed, holds, how far each environment is behind the one
 * before it, open previews, pending approvals, and each app's history.
 *
 * <p>Feed it the ledger's events in ledger order: {@link #of} at start-up, then {@link #accept} for every event
 * appended (it is a ledger listener). The ledger's order is the order of record, as in {@link LedgerQueries}: the later
 * line wins, whatever the times say.
 *
 * <p>Thread-safe: {@link #accept} and every answer take one lock for a short time, and answers are copies that later
 * events do not change. Repeated text (apps, environments, digests, builds, actors, details) is kept once, and a
 * history keeps only what {@link HistoryEntry} shows.
 */
public final class LedgerIndex implements Consumer<LedgerEvent> {

    /** Detail key of an approval event: the request it belongs to. */
    public static final String REQUEST = ApprovalEvents.REQUEST;

    private static final Set<String> SHOWN = Set.copyOf(HistoryEntry.SHOWN_DETAILS);

    private final Object lock = new Object();
    private final Map<String, String> canonical = new HashMap<>();
    private final TreeMap<String, AppData> apps = new TreeMap<>();
    private final Map<PreviewKey, LivePreview> previews = new HashMap<>();
    private final SequencedMap<String, PendingApproval> pending = new LinkedHashMap<>();
    private long revision;

    /** @return an index of the events, in ledger order */
    public static LedgerIndex of(Iterable<LedgerEvent> events) {
        LedgerIndex index = new LedgerIndex();
        for (LedgerEvent event : events) {
            index.accept(event);
        }
        return index;
    }

    /** Takes the next event of the ledger into account. */
    @Override
    public void accept(LedgerEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            revision++;
            AppData app = apps.computeIfAbsent(intern(event.app()), AppData::new);
            String owner = event.build();
            if (event.isPreview()) {
                owner = acceptPreview(event);
            } else {
                acceptCell(app, event, revision);
                acceptApproval(event);
            }
            app.history.add(entry(event, owner));
        }
    }

    /** @return how many events the index took; grows with every event, so answers can be cached by it */
    public long revision() {
        synchronized (lock) {
            return revision;
        }
    }

    /** @return the name of every app any event named, sorted */
    public List<String> apps() {
        synchronized (lock) {
            return List.copyOf(apps.keySet());
        }
    }

    /**
     * @param source the environment the cell promotes from, or {@code null}, for {@link CellFacts#behind()}
     * @return what the index knows about the app in the environment; empty when no event named the two
     */
    public Optional<CellFacts> cell(String app, String environment, String source) {
        synchronized (lock) {
            AppData data = apps.get(app);
            CellData cell = data == null ? null : data.cells.get(environment);
            return cell == null ? Optional.empty() : Optional.of(facts(data, environment, cell, source));
        }
    }

    /**
     * @return the distinct digests that were deployed or promoted into the app's environment (rollbacks not counted),
     *     ordered by their latest arrival, the oldest first
     */
    public List<String> arrivals(String app, String environment) {
        synchronized (lock) {
            AppData data = apps.get(app);
            CellData cell = data == null ? null : data.cells.get(environment);
            return cell == null ? List.of() : List.copyOf(cell.arrivals.keySet());
        }
    }

    /** @return the open previews, sorted by app, then PR (numbers by value, before other ids), then environment */
    public List<LivePreview> openPreviews() {
        List<LivePreview> open;
        synchronized (lock) {
            open = new ArrayList<>(previews.values());
        }
        open.sort(PREVIEW_ORDER);
        return List.copyOf(open);
    }

    /** @return the pending approval requests, in the order they were made */
    public List<PendingApproval> pendingApprovals() {
        synchronized (lock) {
            return List.copyOf(pending.values());
        }
    }

    /**
     * Everything the matrix, the previews and the approvals need, from one moment.
     *
     * @param sources each environment's name mapped to the one it promotes from, for {@link CellFacts#behind()}
     */
    public Snapshot snapshot(Map<String, String> sources) {
        Objects.requireNonNull(sources, "sources");
        Snapshot snapshot;
        synchronized (lock) {
            List<CellFacts> cells = new ArrayList<>();
            for (AppData app : apps.values()) {
                app.cells.forEach(
                        (environment, cell) -> cells.add(facts(app, environment, cell, sources.get(environment))));
            }
            snapshot = new Snapshot(revision, cells, new ArrayList<>(previews.values()), List.copyOf(pending.values()));
        }
        List<CellFacts> cells = new ArrayList<>(snapshot.cells());
        cells.sort(Comparator.comparing(CellFacts::app).thenComparing(CellFacts::environment));
        List<LivePreview> open = new ArrayList<>(snapshot.previews());
        open.sort(PREVIEW_ORDER);
        return new Snapshot(snapshot.revision(), cells, open, snapshot.approvals());
    }

    /**
     * One page of an app's history, newest first.
     *
     * @param shown which events count, for example those the person may see of the types asked for
     * @param offset how many matching events to skip, at least 0
     * @param limit the most events to return, at least 0
     */
    public HistoryPage history(String app, Predicate<HistoryEntry> shown, int offset, int limit) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(shown, "shown");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException(
                    "offset and limit must not be negative, not " + offset + " and " + limit);
        }
        HistoryEntry[] entries;
        synchronized (lock) {
            AppData data = apps.get(app);
            entries = data == null ? new HistoryEntry[0] : data.history.toArray(new HistoryEntry[0]);
        }
        // The person's permissions are checked outside the lock: appends never wait on them.
        List<HistoryEntry> page = new ArrayList<>();
        int total = 0;
        for (int i = entries.length - 1; i >= 0; i--) {
            HistoryEntry entry = entries[i];
            if (shown.test(entry)) {
                if (total >= offset && page.size() < limit) {
                    page.add(entry);
                }
                total++;
            }
        }
        return new HistoryPage(app, total, offset, limit, page);
    }

    /** @return the app's whole history, newest first */
    public List<HistoryEntry> history(String app) {
        return history(app, entry -> true, 0, Integer.MAX_VALUE).events();
    }

    private CellFacts facts(AppData app, String environment, CellData cell, String source) {
        return new CellFacts(
                app.name,
                environment,
                cell.current,
                cell.started,
                cell.failed,
                cell.held,
                source == null ? 0 : behind(cell, app.cells.get(source)));
    }

    /**
     * How many digests arrived in the source after the one the cell runs: counted from that digest's latest arrival in
     * the source, or, when it never arrived there, from its arrival in the cell. Nothing when the source runs the same
     * digest or nothing.
     */
    private static int behind(CellData cell, CellData source) {
        if (source == null || cell.current == null || cell.current.digest() == null) {
            return 0;
        }
        String runs = cell.current.digest();
        if (source.current == null || source.current.digest() == null || runs.equals(source.current.digest())) {
            return 0;
        }
        Long arrived = source.arrivals.get(runs);
        long since = arrived != null ? arrived : cell.currentSeq;
        int count = 0;
        for (Map.Entry<String, Long> arrival : source.arrivals.reversed().entrySet()) {
            if (arrival.getValue() <= since) {
                break;
            }
            if (!arrival.getKey().equals(runs)) {
                count++;
            }
        }
        return count;
    }

    private void acceptCell(AppData app, LedgerEvent event, long seq) {
        CellData cell = app.cells.computeIfAbsent(intern(event.environment()), e -> new CellData());
        LedgerEventType type = event.type();
        if (type.deploys()) {
            cell.current = deployment(event);
            cell.currentSeq = seq;
            cell.failed = null;
            if (type != LedgerEventType.DEPLOYED) {
                cell.started = null;
            }
            if (type != LedgerEventType.ROLLED_BACK && event.digest() != null) {
                String digest = intern(event.digest());
                cell.arrivals.remove(digest);
                cell.arrivals.put(digest, seq);
            }
        } else if (type == LedgerEventType.TORN_DOWN) {
            cell.current = null;
        } else if (type == LedgerEventType.PROMOTION_STARTED) {
            cell.started = attempt(event, instant(event.details().get(Promoter.DEADLINE)), null);
            cell.failed = null;
        } else if (type == LedgerEventType.PROMOTION_FAILED) {
            cell.started = null;
            cell.failed = attempt(event, null, event.reason());
        }
        String hold = event.details().get(PromotionHistory.HOLD);
        if ("true".equals(hold)) {
            cell.held = true;
        } else if ("released".equals(hold)) {
            cell.held = false;
        }
    }

    private void acceptApproval(LedgerEvent event) {
        LedgerEventType type = event.type();
        switch (type) {
            case APPROVAL_REQUESTED -> {
                String key = requestKey(event);
                Map<String, String> details = event.details();
                int required = number(details.get(ApprovalEvents.REQUIRED), 1);
                pending.put(
                        key,
                        new PendingApproval(
                                key,
                                intern(event.app()),
                                intern(event.environment()),
                                intern(event.digest()),
                                intern(details.get(ApprovalEvents.REPLACES)),
                                intern(event.actor()),
                                0,
                                required,
                                list(details.get(ApprovalEvents.ELIGIBLE)),
                                details.get(ApprovalEvents.PAGE),
                                event.time(),
                                intern(event.build())));
            }
            case APPROVED -> {
                String key = requestKey(event);
                PendingApproval request = pending.get(key);
                if (request == null) {
                    return;
                }
                if ("approved".equals(event.details().get("state"))) {
                    pending.remove(key);
                } else {
                    String approvals = event.details().get("approvals");
                    pending.put(
                            key,
                            request.withApprovals(
                                    fraction(approvals, 0, request.approvals()),
                                    fraction(approvals, 1, request.required())));
                }
            }
            case REJECTED, APPROVAL_EXPIRED, APPROVAL_CANCELLED -> pending.remove(requestKey(event));
            default -> {
                // Other events do not touch approval requests.
            }
        }
    }

    /** The request's id; events written before requests had ids are matched by build, app, environment and digest. */
    private static String requestKey(LedgerEvent event) {
        String request = event.details().get(REQUEST);
        if (request != null) {
            return request;
        }
        return event.build() + " " + event.app() + " " + event.environment() + " " + event.digest();
    }

    /** @return the owner of the preview's event: its build, else the open preview's build or job */
    private String acceptPreview(LedgerEvent event) {
        PreviewKey key = new PreviewKey(event.app(), event.environment(), event.pr());
        LivePreview open = previews.get(key);
        String owner = event.build();
        if (owner == null) {
            owner = open != null ? open.owner() : null;
        }
        if (owner == null && event.details().get(PreviewHistory.JOB) != null) {
            owner = intern(
                    BuildLink.ofJob(event.details().get(PreviewHistory.JOB)).url());
        }
        if (event.type().deploys()) {
            LivePreview later = livePreview(event);
            previews.put(
                    new PreviewKey(later.app(), later.environment(), later.pr()),
                    open == null ? later : redeployed(open, later));
        } else if (event.type() == LedgerEventType.TORN_DOWN) {
            previews.remove(key);
        }
        return owner;
    }

    private LivePreview livePreview(LedgerEvent event) {
        Map<String, String> details = event.details();
        boolean pinned = "true".equals(details.get(PreviewHistory.PINNED));
        return new LivePreview(
                intern(event.app()),
                intern(event.environment()),
                intern(event.pr()),
                intern(event.namespace()),
                intern(event.url()),
                event.time(),
                intern(event.digest()),
                intern(event.actor()),
                intern(event.build()),
                intern(details.get(PreviewHistory.CLUSTER)),
                intern(details.get(PreviewHistory.JOB)),
                instant(details.get(PreviewHistory.EXPIRES)),
                pinned);
    }

    private static LivePreview redeployed(LivePreview earlier, LivePreview later) {
        return new LivePreview(
                earlier.app(),
                earlier.environment(),
                earlier.pr(),
                later.namespace() != null ? later.namespace() : earlier.namespace(),
                later.url() != null ? later.url() : earlier.url(),
                later.deployed(),
                later.digest(),
                later.actor(),
                later.build(),
                later.cluster() != null ? later.cluster() : earlier.cluster(),
                later.job() != null ? later.job() : earlier.job(),
                later.expires(),
                later.pinned());
    }

    private Deployment deployment(LedgerEvent event) {
        Map<String, String> details = event.details();
        return new Deployment(
                intern(event.app()),
                intern(event.environment()),
                event.type(),
                event.time(),
                intern(event.digest()),
                intern(event.namespace()),
                intern(event.url()),
                intern(event.actor()),
                intern(event.build()),
                intern(details.get("strategy")),
                intern(details.get("tag")),
                intern(details.get("version")));
    }

    private PromotionAttempt attempt(LedgerEvent event, Instant deadline, String reason) {
        Map<String, String> details = event.details();
        return new PromotionAttempt(
                intern(event.digest()),
                event.time(),
                intern(event.actor()),
                intern(event.build()),
                intern(details.get("strategy")),
                intern(details.get("from")),
                deadline,
                reason);
    }

    private HistoryEntry entry(LedgerEvent event, String owner) {
        Map<String, String> shown = new HashMap<>();
        for (Map.Entry<String, String> detail : event.details().entrySet()) {
            if (SHOWN.contains(detail.getKey())) {
                // An expiry is a time of its own: keeping one copy of it would cost more than it saves.
                String value =
                        detail.getKey().equals(PreviewHistory.EXPIRES) ? detail.getValue() : intern(detail.getValue());
                shown.put(intern(detail.getKey()), value);
            }
        }
        return new HistoryEntry(
                event.type(),
                event.time(),
                intern(event.environment()),
                intern(event.pr()),
                intern(event.digest()),
                intern(event.actor()),
                intern(event.build()),
                event.reason(),
                shown,
                intern(owner));
    }

    private String intern(String value) {
        return value == null ? null : canonical.computeIfAbsent(value, v -> v);
    }

    private List<String> list(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(this::intern)
                .toList();
    }

    /** @return the ISO-8601 instant, or {@code null} when absent or not an instant */
    static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int number(String value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** @return the numerator ({@code part} 0) or denominator ({@code part} 1) of a value such as {@code 1/2} */
    private static int fraction(String value, int part, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        String[] parts = value.split("/");
        return parts.length == 2 ? number(parts[part], otherwise) : otherwise;
    }

    private static final Comparator<LivePreview> PREVIEW_ORDER = Comparator.comparing(LivePreview::app)
            .thenComparing(LivePreview::pr, LedgerQueries::comparePrs)
            .thenComparing(LivePreview::environment);

    /**
     * Everything the matrix, previews and approvals need, from one moment.
     *
     * @param revision the index's revision at that moment
     * @param cells every cell any event named, sorted by app then environment
     * @param previews the open previews, in {@link #openPreviews()} order
     * @param approvals the pending approvals, in the order they were made
     */
    public record Snapshot(
            long revision, List<CellFacts> cells, List<LivePreview> previews, List<PendingApproval> approvals) {

        public Snapshot {
            cells = List.copyOf(cells);
            previews = List.copyOf(previews);
            approvals = List.copyOf(approvals);
        }
    }

    private record PreviewKey(String app, String environment, String pr) {}

    private static final class AppData {
        final String name;
        final Map<String, CellData> cells = new HashMap<>();
        final ArrayList<HistoryEntry> history = new ArrayList<>();

        AppData(String name) {
            this.name = name;
        }
    }

    private static final class CellData {
        Deployment current;
        long currentSeq;
        PromotionAttempt started;
        PromotionAttempt failed;
        boolean held;
        /** Digest to the sequence number of its latest arrival, oldest arrival first. */
        final SequencedMap<String, Long> arrivals = new LinkedHashMap<>();
    }
}
