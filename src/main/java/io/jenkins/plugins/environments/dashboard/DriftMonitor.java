package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.OneLine;
import io.jenkins.plugins.environments.model.Redaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * Watches the cells of the dashboard for drift: reads in the background what really runs in each (with the
 * {@link LiveDigestReader} of the cell's strategy) and compares it with what the ledger says was promoted there. The
 * page asks {@link #reading} and gets the cached answer at once; it never waits on a read.
 *
 * <p>The rate is bounded twice: at most {@link Settings#maxInFlight()} reads run at a time (a read counts from the
 * moment it is handed to the executor until it returns), and each cell is read at most once per
 * {@link Settings#interval()}. Each read gets a {@link Deadline} of {@link Settings#readTimeout()}; a read still
 * running when its deadline has passed is reported {@link DriftStatus#UNREADABLE} at the next {@link #refresh()}
 * (and its result, if it ever comes, is dropped), while its slot stays taken until the reader returns, so that the
 * bound on what runs holds even for a reader that overstays.
 *
 * <p>Statuses: {@link DriftStatus#SAME} when the live digest is the promoted one, {@link DriftStatus#DIFFERENT}
 * otherwise (nothing running counts as different), with a message naming what runs instead;
 * {@link DriftStatus#UNREADABLE} when the read failed, timed out or the remote is gone, with the reader's message
 * (or only the failure's type, for a failure that is not a {@link DriftReadException});
 * {@link DriftStatus#UNKNOWN} for a cell whose strategy has no reader. {@code since} is the first time the current
 * live digest was seen: kept while reads keep seeing it (a failed read in between does not reset it), reset when
 * another digest is seen. Messages are one line, redacted, and name clusters and registries by their ids only.
 *
 * <p>Nothing here owns a thread: {@link #refresh()} is called by a timer of the caller's (and after each read), and
 * the reads run on the executor given. Time comes from the clock given, so tests decide when a cell is due.
 */
public final class DriftMonitor implements DriftReadings {

    /** The longest message kept. */
    static final int MAX_MESSAGE = 300;

    /**
     * How hard the monitor may work.
     *
     * @param maxInFlight the most reads running at once, at least 1
     * @param interval the least time between two reads of one cell
     * @param readTimeout the deadline of one read
     */
    public record Settings(int maxInFlight, Duration interval, Duration readTimeout) {

        /** Two reads at a time, each cell every five minutes, twenty seconds per read. */
        public static final Settings DEFAULT = new Settings(2, Duration.ofMinutes(5), Duration.ofSeconds(20));

        public Settings {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
            }
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(readTimeout, "readTimeout");
            if (interval.isNegative() || readTimeout.isNegative() || readTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "interval and read timeout must be positive: " + interval + ", " + readTimeout);
            }
        }
    }

    /** What is known of one cell. Guarded by the monitor's lock, except {@link #reading}, which is volatile. */
    private static final class Entry {
        DriftTarget target;
        volatile DriftReading reading;
        /** When the last read started, or {@code null} when the cell is due at once. */
        Instant started;
        /** The read running now, or {@code null}. */
        Read running;
        /** The last live digest a read saw (or {@code null} for "nothing runs"), and when it was first seen. */
        boolean observed;

        String observedLive;
        Instant observedSince;

        Entry(DriftTarget target) {
            this.target = target;
        }
    }

    /** One read handed to the executor. */
    private record Read(DriftTarget target, Deadline deadline) {}

    private final Map<String, LiveDigestReader> readers;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Executor executor;
    private final Settings settings;
    private final Object lock = new Object();
    private final Map<DriftTarget.Cell, Entry> entries = new ConcurrentHashMap<>();
    private int inFlight;
    private int mostInFlight;
    private long reads;
    private boolean filling;

    /**
     * A monitor whose deadlines run on the clock given (for tests, where the clock is the only time there is).
     *
     * @param readers the reader of each strategy, by its id ({@code deploy}, {@code gitops}, {@code registry})
     */
    public DriftMonitor(
            Map<String, ? extends LiveDigestReader> readers, Clock clock, Executor executor, Settings settings) {
        this(readers, clock, () -> nanosOf(clock.instant()), executor, settings);
    }

    /**
     * @param nanoTime the monotonic time deadlines are measured on, such as {@link System#nanoTime()}
     */
    public DriftMonitor(
            Map<String, ? extends LiveDigestReader> readers,
            Clock clock,
            LongSupplier nanoTime,
            Executor executor,
            Settings settings) {
        this.readers = Map.copyOf(readers);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Optional<DriftReading> reading(String app, String environment) {
        Entry entry = entries.get(new DriftTarget.Cell(app, environment));
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.reading);
    }

    /**
     * Sets the cells to watch. A cell no longer listed is forgotten (a read of it that is running is dropped when it
     * returns); a cell whose target changed (another promoted digest, strategy or place) loses its reading and is read
     * again at the next refresh.
     */
    public void watch(Collection<DriftTarget> targets) {
        Map<DriftTarget.Cell, DriftTarget> wanted = new HashMap<>();
        for (DriftTarget target : targets) {
            wanted.put(target.cell(), target);
        }
        synchronized (lock) {
            entries.keySet().removeIf(cell -> !wanted.containsKey(cell));
            wanted.forEach((cell, target) -> {
                Entry entry = entries.get(cell);
                if (entry == null) {
                    entries.put(cell, new Entry(target));
                } else if (!entry.target.equals(target)) {
                    entry.target = target;
                    entry.reading = null;
                    entry.started = null;
                    entry.running = null;
                }
            });
        }
    }

    /** @return the cells watched now */
    public List<DriftTarget> watched() {
        synchronized (lock) {
            return entries.values().stream().map(e -> e.target).toList();
        }
    }

    /**
     * Reports reads that overran their deadline, then starts reads of due cells, the longest unread first, as long as
     * fewer than {@link Settings#maxInFlight()} run.
     */
    public void refresh() {
        synchronized (lock) {
            Instant now = clock.instant();
            for (Entry entry : entries.values()) {
                if (entry.running != null && entry.running.deadline().expired()) {
                    entry.reading = new DriftReading(
                            DriftStatus.UNREADABLE,
                            null,
                            null,
                            now,
                            line(where(entry.target) + " did not answer within "
                                    + Durations.format(settings.readTimeout())));
                    entry.running = null;
                }
            }
            fill();
        }
    }

    /** @return how many reads run now */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** @return the most reads that ever ran at once */
    public int mostInFlight() {
        synchronized (lock) {
            return mostInFlight;
        }
    }

    /** @return how many reads were started */
    public long reads() {
        synchronized (lock) {
            return reads;
        }
    }

    /** Starts due reads while there is room; a read that finishes at once (same thread) makes room for the next. */
    private void fill() {
        if (filling) {
            return;
        }
        filling = true;
        try {
            while (inFlight < settings.maxInFlight()) {
                Entry next = nextDue(clock.instant());
                if (next == null) {
                    return;
                }
                start(next);
            }
        } finally {
            filling = false;
        }
    }

    private Entry nextDue(Instant now) {
        List<Entry> due = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.running == null
                    && (entry.started == null
                            || !entry.started.plus(settings.interval()).isAfter(now))) {
                due.add(entry);
            }
        }
        return due.stream()
                .min(Comparator.comparing((Entry e) -> e.started, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(e -> e.target.app())
                        .thenComparing(e -> e.target.environment()))
                .orElse(null);
    }

    private void start(Entry entry) {
        DriftTarget target = entry.target;
        Instant now = clock.instant();
        entry.started = now;
        LiveDigestReader reader = target.strategy() == null ? null : readers.get(target.strategy());
        if (reader == null) {
            entry.reading = new DriftReading(
                    DriftStatus.UNKNOWN,
                    null,
                    null,
                    now,
                    target.strategy() == null
                            ? "the ledger names no strategy for the last promotion of " + target.describe()
                            : "strategy '" + target.strategy() + "' is not read for drift");
            return;
        }
        Read read = new Read(target, Deadline.after(settings.readTimeout(), nanoTime));
        entry.running = read;
        inFlight++;
        reads++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
            executor.execute(() -> run(reader, read));
        } catch (RejectedExecutionException e) {
            inFlight--;
            entry.running = null;
            entry.started = null;
        }
    }

    private void run(LiveDigestReader reader, Read read) {
        String live = null;
        String failure = null;
        try {
            live = reader.liveDigest(read.target(), read.deadline());
        } catch (DriftReadException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            failure = where(read.target()) + " was not read: the read was interrupted";
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            failure =
                    where(read.target()) + " could not be read (" + e.getClass().getSimpleName() + ")";
        } finally {
            finish(read, live, failure);
        }
    }

    private void finish(Read read, String live, String failure) {
        synchronized (lock) {
            inFlight--;
            Entry entry = entries.get(read.target().cell());
            if (entry != null && entry.running == read) {
                entry.running = null;
                entry.reading = failure == null ? observed(entry, live) : unreadable(failure);
            }
            fill();
        }
    }

    private DriftReading observed(Entry entry, String live) {
        Instant now = clock.instant();
        if (!entry.observed || !Objects.equals(entry.observedLive, live)) {
            entry.observed = true;
            entry.observedLive = live;
            entry.observedSince = now;
        }
        DriftTarget target = entry.target;
        if (target.expectedDigest().equals(live)) {
            return new DriftReading(DriftStatus.SAME, live, entry.observedSince, now, null);
        }
        return new DriftReading(DriftStatus.DIFFERENT, live, entry.observedSince, now, line(different(target, live)));
    }

    private DriftReading unreadable(String failure) {
        return new DriftReading(DriftStatus.UNREADABLE, null, null, clock.instant(), line(failure));
    }

    /** @return what runs instead of the promoted digest, in the words of the cell's strategy */
    static String different(DriftTarget target, String live) {
        String promoted = shortDigest(target.expectedDigest());
        String instead = live == null ? null : shortDigest(live);
        return switch (target.strategy()) {
            case DriftTarget.REGISTRY ->
                instead == null
                        ? "tag '" + target.tag() + "' no longer exists; the ledger says " + promoted + " was promoted"
                        : "tag '" + target.tag() + "' points to " + instead + ", not the promoted " + promoted;
            case DriftTarget.GITOPS -> {
                String file = target.gitOps().valuesFile() + " on branch '"
                        + target.gitOps().branch() + "'";
                yield instead == null
                        ? file + " holds no digest; the ledger says " + promoted + " was promoted"
                        : file + " holds " + instead + ", not the promoted " + promoted;
            }
            default ->
                instead == null
                        ? where(target) + " runs no ready pod of " + target.app() + "; the ledger says " + promoted
                                + " was promoted"
                        : where(target) + " runs " + instead + ", not the promoted " + promoted;
        };
    }

    /** @return where a target is read, named by ids only */
    private static String where(DriftTarget target) {
        if (target.strategy() == null) {
            return target.describe();
        }
        return switch (target.strategy()) {
            case DriftTarget.DEPLOY -> "namespace " + target.namespace() + " on cluster '" + target.cluster() + "'";
            case DriftTarget.GITOPS -> "the GitOps repository of " + target.environment();
            case DriftTarget.REGISTRY -> "the registry of " + target.describe();
            default -> target.describe();
        };
    }

    /** @return {@code sha256:} and the first 12 hex digits */
    static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }

    private static String line(String text) {
        return OneLine.of(Redaction.redactLine(text), MAX_MESSAGE);
    }

    private static long nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
