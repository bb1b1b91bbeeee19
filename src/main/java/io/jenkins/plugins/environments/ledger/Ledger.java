package io.jenkins.plugins.environments.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The ledger: an append-only JSON Lines history of what the plugin did, one event per line, in a few files.
 *
 * <h2>Writing</h2>
 *
 * {@link #append(LedgerEvent)} writes the event as one line and its line end to the active file ({@link #file()}),
 * then forces it to the disk ({@code fsync}) before it returns, so an event that was appended survives a crash of the
 * JVM or of the machine. The file is opened with {@link StandardOpenOption#APPEND}: the ledger never truncates or
 * rewrites a line it wrote.
 *
 * <p>Appends are serialised twice. Within the JVM, every {@code Ledger} on the same file shares one lock. Across
 * processes, each append holds an exclusive {@link FileLock} on a companion file, the ledger's name with
 * {@value #LOCK_SUFFIX} appended, created next to it and never deleted. POSIX makes a single {@code write} to a file
 * opened with {@code O_APPEND} land at the end in one piece on many file systems, but not for every size, not after
 * a short write and not on network file systems; the lock is taken so that correctness does not rest on that. The
 * lock is not taken on the ledger itself because POSIX record locks belong to the process and vanish as soon as it
 * closes <em>any</em> descriptor of the file, which every reader in the JVM does; and so that readers are never
 * blocked on platforms with mandatory locks. Other writers must use this class (or the same lock file) for the
 * guarantee to hold. Every rename and deletion of a ledger file happens under the same two locks.
 *
 * <p>Listeners registered with {@link #onAppend(Consumer)} hear of each event this object appended, after it was
 * forced to the disk, in the order of the appends, while the append still holds the locks.
 *
 * <h2>Segments</h2>
 *
 * The append that makes the active file larger than {@link LedgerPolicy#maxSegmentBytes()} seals it: the file is
 * renamed to the next numbered segment ({@code ledger.000001.jsonl}, {@code ledger.000002.jsonl}…) and a new, empty
 * active file takes its place. {@link #compact()} removes sealed segments older than {@link LedgerPolicy#retention()}
 * after it has carried the events in them that still decide an answer into a carried segment
 * ({@code ledger.000007-carried.jsonl}, {@link CarryForward}), written to a temporary file, forced to the disk and
 * renamed into place before any segment is deleted. The carried segment's name says up to which segment it covers;
 * readers skip the segments it covers, so a compaction interrupted between the rename and the deletions neither loses
 * nor repeats an event, and the next compaction deletes what it left.
 *
 * <h2>Torn lines</h2>
 *
 * A process killed while writing ({@code kill -9}, power loss) can leave a last line without its line end. Readers
 * skip such a line and report it as {@linkplain SkippedLine#torn() torn}; every line before it is read. Before the
 * next append, the writer finishes the torn line with a line end, so the fragment becomes a line of its own (which
 * readers then skip as not being an event) and never glues itself to the new event. In the rare case that the torn
 * line is a whole event missing only its line end, it is read as an event once a later append has finished it. Each
 * segment is read the same way; a sealed segment always ends with a line end, since only a whole append seals.
 *
 * <h2>Reading</h2>
 *
 * {@link #read()}, {@link #events()} and {@link #stream()} return the events in the order they were appended: the
 * carried segment, the sealed segments in order, then the active file. A line that is not an event (not JSON, an
 * unknown type, a missing app…) is skipped and reported with its segment, never aborting the read. Blank lines are
 * ignored. Reading takes no lock: a reader that meets an append in progress sees its line as a torn last line and
 * skips it. A reader opens every file it will read before it reads any, and lists the files again once they are open;
 * when a seal or a compaction changed the list in between, it closes them and starts again. Since sealing and
 * compacting only ever add higher numbers, an unchanged list means the open files are one consistent state of the
 * ledger, and the open files stay readable when they are renamed or deleted afterwards.
 */
public final class Ledger {

    private static final Logger LOGGER = Logger.getLogger(Ledger.class.getName());

    /** One lock per file for the appenders of this JVM, shared by every {@code Ledger} on that file. */
    private static final ConcurrentHashMap<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

    /** One lock per file for the compactions of this JVM, so that two never do the same work at once. */
    private static final ConcurrentHashMap<Path, ReentrantLock> COMPACTORS = new ConcurrentHashMap<>();

    /** Appended to the ledger's file name to name the file whose lock stands for the right to append. */
    public static final String LOCK_SUFFIX = ".lock";

    /** How often a reader lists and opens the files again when sealing or compacting keeps changing them. */
    private static final int OPEN_ATTEMPTS = 100;

    /**
     * How many bytes of expired segments one compaction reads into memory at most (at least one segment); the rest
     * waits for the next compaction.
     */
    static final long COMPACTION_BYTES = 128L * 1024 * 1024;

    private static final byte NEWLINE = '\n';

    private final Path file;
    private final Path lockFile;
    private final Clock clock;
    private final LedgerPolicy policy;
    private final Segments segments;
    private final ReentrantLock writer;
    private final ReentrantLock compactor;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    private Ledger(Path file, Clock clock, LedgerPolicy policy, ReentrantLock writer, ReentrantLock compactor) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + LOCK_SUFFIX);
        this.clock = clock;
        this.policy = policy;
        this.segments = new Segments(file);
        this.writer = writer;
        this.compactor = compactor;
    }

    /**
     * Opens the ledger in the file with the {@linkplain LedgerPolicy#DEFAULT default policy}: 64 MiB segments, kept
     * forever.
     *
     * @see #open(Path, Clock, LedgerPolicy)
     */
    public static Ledger open(Path file, Clock clock) throws IOException {
        return open(file, clock, LedgerPolicy.DEFAULT);
    }

    /**
     * Opens the ledger whose active file is {@code file}, creating the file and its directories when they do not exist
     * yet.
     *
     * @param clock stamps the events that {@link #append(LedgerEvent.Builder)} gets without a time, and tells
     *     {@link #compact()} which segments are past their retention
     * @param policy when to seal the active file and how long to keep sealed segments
     */
    public static Ledger open(Path file, Clock clock, LedgerPolicy policy) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policy, "policy");
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        try {
            Files.createFile(absolute);
            forceDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            // an existing ledger, or one that another process created just now
        }
        if (!Files.isRegularFile(absolute)) {
            throw new IOException("the ledger " + absolute + " is not a regular file");
        }
        Path real = absolute.toRealPath();
        ReentrantLock writer = WRITERS.computeIfAbsent(real, key -> new ReentrantLock());
        ReentrantLock compactor = COMPACTORS.computeIfAbsent(real, key -> new ReentrantLock());
        return new Ledger(absolute, clock, policy, writer, compactor);
    }

    /** Makes a new, renamed or deleted file's directory entry durable too; not every platform can open a directory. */
    private static void forceDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: Windows, for one, cannot open a directory as a channel
        }
    }

    /** @return the ledger's active file, the one appends go to */
    public Path file() {
        return file;
    }

    /** @return the companion file that appenders lock, created by the first append */
    public Path lockFile() {
        return lockFile;
    }

    /** @return the clock that stamps events appended without a time */
    public Clock clock() {
        return clock;
    }

    /** @return when the active file is sealed and how long sealed segments are kept */
    public LedgerPolicy policy() {
        return policy;
    }

    /** @return the files a read reads now, in order: the carried segment, the sealed segments, the active file */
    public List<Path> files() throws IOException {
        List<Path> files = segments.list().readOrder();
        files.add(file);
        return List.copyOf(files);
    }

    /**
     * Registers a listener for the events this object appends. It runs after each event was forced to the disk, in
     * the order of the appends, while the append holds the ledger's locks: it must be quick and must not append to
     * this ledger. A listener that throws a {@link RuntimeException} does not fail the append; the exception is
     * ignored.
     *
     * @return a handle whose {@link Registration#close()} removes the listener
     */
    public Registration onAppend(Consumer<LedgerEvent> listener) {
        Listener registered = new Listener(Objects.requireNonNull(listener, "listener"));
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    /**
     * Hands the listener every event in the ledger, in order, then registers it for the events this object appends,
     * with no append in between: an index built this way misses no event and counts none twice. Holds the append lock
     * for the whole read, so appends wait for it; meant for start-up.
     *
     * @return a handle whose {@link Registration#close()} removes the listener
     * @see #onAppend(Consumer)
     */
    public Registration replayAndListen(Consumer<LedgerEvent> listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        Registration[] registration = new Registration[1];
        underAppendLock(() -> {
            try (Stream<LedgerEvent> events = stream()) {
                events.forEachOrdered(listener);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            registration[0] = onAppend(listener);
        });
        return registration[0];
    }

    /** Removes the listener it was returned for; closing it again does nothing. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** A registration of its own, so that the same consumer registered twice is removed once per handle. */
    private record Listener(Consumer<LedgerEvent> consumer) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * Builds the event, stamped with the ledger's clock unless the builder has a time, and appends it.
     *
     * @return the event as appended
     * @throws IllegalArgumentException when the event is not valid
     */
    public LedgerEvent append(LedgerEvent.Builder builder) throws IOException {
        if (!builder.hasTime()) {
            builder.time(clock.instant());
        }
        LedgerEvent event = builder.build();
        append(event);
        return event;
    }

    /**
     * Appends the event as one line and forces it to the disk before returning, sealing the active file when it grew
     * past the policy's size, then tells the listeners. Safe to call from many threads and from many processes at
     * once.
     */
    public void append(LedgerEvent event) throws IOException {
        Objects.requireNonNull(event, "event");
        byte[] line = (LedgerJson.write(event) + "\n").getBytes(UTF_8);
        underAppendLock(() -> {
            long size;
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer bytes;
                if (endsInsideALine(channel.size())) {
                    bytes = ByteBuffer.allocate(line.length + 1)
                            .put(NEWLINE)
                            .put(line)
                            .flip();
                } else {
                    bytes = ByteBuffer.wrap(line);
                }
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
                size = channel.size();
            }
            if (size > policy.maxSegmentBytes()) {
                try {
                    seal();
                } catch (IOException e) {
                    // the event is on the disk: the append succeeded, and the next one (or compact) seals again
                    LOGGER.log(Level.WARNING, "Could not seal the ledger " + file + " into a segment", e);
                }
            }
            for (Listener listener : listeners) {
                try {
                    listener.consumer().accept(event);
                } catch (RuntimeException e) {
                    // a listener must not throw; when it does, the append it hears of still stands
                }
            }
        });
    }

    /** Work done while this JVM's and every process's right to change the ledger's files is held. */
    @FunctionalInterface
    private interface Locked {
        void run() throws IOException;
    }

    @SuppressWarnings("try") // the file lock is held, not used, for the body of the try
    private void underAppendLock(Locked work) throws IOException {
        writer.lock();
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.lock()) {
            work.run();
        } finally {
            writer.unlock();
        }
    }

    /** Renames the active file to the next segment and creates an empty one; under the append lock. */
    private void seal() throws IOException {
        Segments.Listing listing = segments.list();
        Path sealed = segments.sealed(listing.nextSequence());
        Files.move(file, sealed, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // nothing else creates it under the lock, but an empty file is all that is needed
        }
        forceDirectory(file.getParent());
    }

    /** @return whether the file's last byte is not a line end, that is whether a torn line has to be finished */
    private boolean endsInsideALine(long size) throws IOException {
        if (size == 0) {
            return false;
        }
        // APPEND and READ cannot be combined in one channel, so the last byte is read through a second one
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            while (last.hasRemaining()) {
                if (reader.read(last, size - 1 + last.position()) < 0) {
                    throw new IOException("the ledger " + file + " shrank while it was being appended to");
                }
            }
            return last.get(0) != NEWLINE;
        }
    }

    /** @return every event in order, and the lines that were skipped */
    public Contents read() throws IOException {
        List<LedgerEvent> events = new ArrayList<>();
        List<SkippedLine> skipped = new ArrayList<>();
        try (Stream<LedgerEvent> stream = stream(skipped::add)) {
            stream.forEachOrdered(events::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Contents(List.copyOf(events), List.copyOf(skipped));
    }

    /** @return every event in order, leaving out the lines that are not events */
    public List<LedgerEvent> events() throws IOException {
        return read().events();
    }

    /**
     * Reads the events lazily, in order, leaving out the lines that are not events. Close the stream.
     *
     * @throws UncheckedIOException from the stream's operations when a file cannot be read
     */
    public Stream<LedgerEvent> stream() throws IOException {
        return stream(skipped -> {});
    }

    /**
     * Reads the events lazily, in order, telling {@code onSkipped} about each line that is not an event as the
     * stream passes it. The files to read are opened before this method returns. Close the stream.
     *
     * @throws UncheckedIOException from the stream's operations when a file cannot be read
     */
    public Stream<LedgerEvent> stream(Consumer<SkippedLine> onSkipped) throws IOException {
        Objects.requireNonNull(onSkipped, "onSkipped");
        OpenFiles open = openConsistently();
        Iterator<LedgerEvent> events = new SegmentsIterator(open.files(), onSkipped);
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        open.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** One file opened for reading. */
    private record OpenFile(String name, InputStream in) {}

    /** The files of one consistent state of the ledger, opened, in reading order, and the listing they match. */
    private record OpenFiles(Segments.Listing listing, List<OpenFile> files) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (OpenFile open : files) {
                try {
                    open.in().close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Lists the files, opens each, and lists them again; starts over when the two listings differ or a listed file
     * vanished before it was opened (a seal or a compaction ran in between).
     */
    private OpenFiles openConsistently() throws IOException {
        IOException lastFailure = null;
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            Segments.Listing before = segments.list();
            List<OpenFile> opened = new ArrayList<>();
            boolean done = false;
            try {
                for (Path path : before.readOrder()) {
                    opened.add(new OpenFile(path.getFileName().toString(), Files.newInputStream(path)));
                }
                InputStream active;
                try {
                    active = Files.newInputStream(file);
                } catch (NoSuchFileException e) {
                    // between a seal's rename and the new file, or after a crash there: nothing was appended to it
                    active = InputStream.nullInputStream();
                }
                opened.add(new OpenFile(file.getFileName().toString(), active));
                if (segments.list().readsTheSameAs(before)) {
                    done = true;
                    return new OpenFiles(before, List.copyOf(opened));
                }
            } catch (NoSuchFileException e) {
                lastFailure = e;
            } finally {
                if (!done) {
                    new OpenFiles(before, opened).close();
                }
            }
            Thread.onSpinWait();
        }
        IOException failure =
                new IOException("the files of the ledger " + file + " kept changing while they were being opened");
        if (lastFailure != null) {
            failure.addSuppressed(lastFailure);
        }
        throw failure;
    }

    /**
     * Removes the sealed segments whose newest event is older than the policy's retention, after carrying the events
     * in them that still decide an answer into the carried segment ({@link CarryForward}); also seals an active file
     * that an append could not seal, and deletes what an interrupted compaction left behind. Does nothing else when
     * the policy keeps the ledger forever. Segments expire from the oldest on: a segment stays while one before it
     * stays. The active file is never removed. One compaction handles at most 128 MiB ({@link #COMPACTION_BYTES}) of
     * expired segments (and at least one segment), since it holds their events in memory; the next one goes on.
     *
     * <p>Takes the append lock only to seal, to write the carried segment and to delete; it reads the ledger without
     * it. Safe to call from many threads and processes at once: a compaction that finds the files changed by another
     * one does nothing.
     *
     * @return what was removed and carried
     */
    public Compaction compact() throws IOException {
        compactor.lock();
        try {
            List<String> removed = new ArrayList<>();
            underAppendLock(() -> {
                if (Files.exists(file) && Files.size(file) > policy.maxSegmentBytes()) {
                    seal();
                }
                removed.addAll(removeLeftovers(segments.list()));
            });
            if (policy.retention() == null) {
                return new Compaction(removed, 0, 0);
            }
            Instant cutoff = clock.instant().minus(policy.retention());
            try {
                return carryAndRemove(cutoff, removed);
            } catch (NoSuchFileException e) {
                // another process compacted meanwhile: its result stands
                return new Compaction(removed, 0, 0);
            }
        } finally {
            compactor.unlock();
        }
    }

    private Compaction carryAndRemove(Instant cutoff, List<String> removed) throws IOException {
        Segments.Listing planned = segments.list();
        int expiring = 0;
        long bytes = 0;
        for (Segments.Sealed segment : planned.sealed()) {
            bytes += Files.size(segment.file());
            if ((expiring > 0 && bytes > COMPACTION_BYTES) || !olderThan(segment.file(), cutoff)) {
                break;
            }
            expiring++;
        }
        if (expiring == 0) {
            return new Compaction(removed, 0, 0);
        }
        int expiredCount = expiring;
        List<Segments.Sealed> expired = planned.sealed().subList(0, expiredCount);
        List<LedgerEvent> older = new ArrayList<>();
        List<byte[]> olderLines = new ArrayList<>();
        List<Integer> carried;
        try (OpenFiles open = openConsistently()) {
            if (!sameStart(open.listing(), planned, expiring)) {
                return new Compaction(removed, 0, 0);
            }
            int olderFiles = expiring + (planned.carried() == null ? 0 : 1);
            for (OpenFile file : open.files().subList(0, olderFiles)) {
                EventIterator lines = new EventIterator(file, skipped -> {});
                lines.keepLines();
                while (lines.hasNext()) {
                    older.add(lines.next());
                    olderLines.add(lines.lastLine());
                }
            }
            List<OpenFile> laterFiles =
                    open.files().subList(olderFiles, open.files().size());
            carried = CarryForward.select(older, new SegmentsIterator(laterFiles, skipped -> {}));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long coveredUpTo = expired.get(expired.size() - 1).sequence();
        int[] result = new int[1];
        underAppendLock(() -> {
            Segments.Listing now = segments.list();
            if (!sameStart(now, planned, expiredCount)) {
                return;
            }
            Path temp = segments.temp();
            try (FileChannel channel = FileChannel.open(
                            temp,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024)) {
                for (int index : carried) {
                    out.write(olderLines.get(index));
                    out.write(NEWLINE);
                }
                out.flush();
                channel.force(true);
            }
            Path target = segments.carried(coveredUpTo);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(file.getParent());
            // from here on readers read the new carried segment and skip everything it covers
            removed.addAll(removeLeftovers(segments.list()));
            result[0] = 1;
        });
        if (result[0] == 0) {
            return new Compaction(removed, 0, 0);
        }
        return new Compaction(removed, carried.size(), older.size() - carried.size());
    }

    /** @return whether the listing still starts with the carried segment and the expiring segments of the plan */
    private static boolean sameStart(Segments.Listing listing, Segments.Listing planned, int expiring) {
        return Objects.equals(listing.carried(), planned.carried())
                && listing.sealed().size() >= expiring
                && listing.sealed().subList(0, expiring).equals(planned.sealed().subList(0, expiring));
    }

    /** @return whether every event in the sealed segment is older than the cutoff; a segment without one is */
    private static boolean olderThan(Path segment, Instant cutoff) throws IOException {
        try (InputStream in = Files.newInputStream(segment)) {
            EventIterator events =
                    new EventIterator(new OpenFile(segment.getFileName().toString(), in), s -> {});
            while (events.hasNext()) {
                if (!events.next().time().isBefore(cutoff)) {
                    return false;
                }
            }
            return true;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes the files nobody reads any more; under the append lock. @return their names */
    private List<String> removeLeftovers(Segments.Listing listing) throws IOException {
        List<String> removed = new ArrayList<>();
        for (Path leftover : listing.leftovers()) {
            if (Files.deleteIfExists(leftover)) {
                removed.add(leftover.getFileName().toString());
            }
        }
        if (!removed.isEmpty()) {
            forceDirectory(file.getParent());
        }
        return removed;
    }

    @Override
    public String toString() {
        return "Ledger[" + file + "]";
    }

    /**
     * What a compaction did.
     *
     * @param removed the names of the files it deleted: expired segments, the carried segment it replaced, and what
     *     an interrupted compaction had left
     * @param carriedEvents how many events of the expired segments it carried forward
     * @param droppedEvents how many events of the expired segments it let go, none of which decided an answer
     */
    public record Compaction(List<String> removed, int carriedEvents, int droppedEvents) {

        public Compaction {
            removed = List.copyOf(removed);
        }
    }

    /**
     * What a full read found.
     *
     * @param events the events, in the order they were appended
     * @param skipped the lines that are not events, in reading order
     */
    public record Contents(List<LedgerEvent> events, List<SkippedLine> skipped) {

        public Contents {
            events = List.copyOf(events);
            skipped = List.copyOf(skipped);
        }

        /** @return how many lines were skipped */
        public int skippedLines() {
            return skipped.size();
        }

        /** @return whether the last line was torn, as a process killed while appending leaves it */
        public boolean tornTail() {
            return !skipped.isEmpty() && skipped.get(skipped.size() - 1).torn();
        }
    }

    /** Reads the files one after the other. */
    private static final class SegmentsIterator implements Iterator<LedgerEvent> {
        private final Iterator<OpenFile> files;
        private final Consumer<SkippedLine> onSkipped;
        private EventIterator current;

        SegmentsIterator(List<OpenFile> files, Consumer<SkippedLine> onSkipped) {
            this.files = files.iterator();
            this.onSkipped = onSkipped;
        }

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                if (!files.hasNext()) {
                    return false;
                }
                current = new EventIterator(files.next(), onSkipped);
            }
            return true;
        }

        @Override
        public LedgerEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    /** Splits one file's bytes at line ends and turns each line into an event, reporting the lines that are not. */
    private static final class EventIterator implements Iterator<LedgerEvent> {
        private final InputStream in;
        private final String segment;
        private final Consumer<SkippedLine> onSkipped;
        /** Bytes read from the file and not yet split: those from {@link #position} up to {@link #limit}. */
        private final byte[] buffer = new byte[64 * 1024];

        private int position;
        private int limit;
        private byte[] line = new byte[1024];
        private long lineNumber;
        private boolean finished;
        private boolean keepLines;
        private LedgerEvent next;
        private byte[] nextLine;
        private byte[] lastLine;

        EventIterator(OpenFile file, Consumer<SkippedLine> onSkipped) {
            this.in = file.in();
            this.segment = file.name();
            this.onSkipped = onSkipped;
        }

        /** Keeps each event's line as it is in the file, for {@link #lastLine()}. */
        void keepLines() {
            keepLines = true;
        }

        /** @return the line, without its line end, of the event {@link #next()} returned last */
        byte[] lastLine() {
            return lastLine;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null && !finished) {
                    advance();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return next != null;
        }

        @Override
        public LedgerEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LedgerEvent event = next;
            lastLine = nextLine;
            next = null;
            nextLine = null;
            return event;
        }

        /** Reads one line: sets {@link #next} when it is an event, reports it when it is not. */
        private void advance() throws IOException {
            int length = 0;
            boolean ended = false;
            while (!ended) {
                if (position == limit) {
                    int read = in.read(buffer, 0, buffer.length);
                    if (read < 0) {
                        break;
                    }
                    position = 0;
                    limit = read;
                }
                int end = position;
                while (end < limit && buffer[end] != NEWLINE) {
                    end++;
                }
                int count = end - position;
                if (length + count > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
                }
                System.arraycopy(buffer, position, line, length, count);
                length += count;
                ended = end < limit;
                position = ended ? end + 1 : end;
            }
            if (!ended) {
                finished = true;
                if (length == 0) {
                    return;
                }
            }
            lineNumber++;
            if (isBlank(length)) {
                return;
            }
            if (!ended) {
                skip("torn last line: no line end", true, length);
                return;
            }
            try {
                next = LedgerJson.read(line, 0, length);
                if (keepLines) {
                    nextLine = Arrays.copyOf(line, length);
                }
            } catch (IllegalArgumentException e) {
                skip(e.getMessage(), false, length);
            }
        }

        private boolean isBlank(int length) {
            for (int i = 0; i < length; i++) {
                if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                    return false;
                }
            }
            return true;
        }

        private void skip(String reason, boolean torn, int length) {
            String text = new String(line, 0, Math.min(length, SkippedLine.MAX_TEXT * 4), UTF_8);
            if (text.length() > SkippedLine.MAX_TEXT) {
                text = text.substring(0, SkippedLine.MAX_TEXT);
            }
            onSkipped.accept(new SkippedLine(lineNumber, reason, torn, text, segment));
        }
    }
}
