package io.jenkins.plugins.environments.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The ledger file: an append-only JSON Lines history of what the plugin did, one event per line.
 *
 * <h2>Writing</h2>
 *
 * {@link #append(LedgerEvent)} writes the event as one line and its line end, then forces it to the disk
 * ({@code fsync}) before it returns, so an event that was appended survives a crash of the JVM or of the machine.
 * The file is opened with {@link StandardOpenOption#APPEND} and nothing else: the ledger never truncates, rewrites or
 * moves existing content.
 *
 * <p>Appends are serialised twice. Within the JVM, every {@code Ledger} on the same file shares one lock. Across
 * processes, each append holds an exclusive {@link FileLock} on a companion file, the ledger's name with
 * {@value #LOCK_SUFFIX} appended, created next to it and never deleted. POSIX makes a single {@code write} to a file
 * opened with {@code O_APPEND} land at the end in one piece on many file systems, but not for every size, not after
 * a short write and not on network file systems; the lock is taken so that correctness does not rest on that. The
 * lock is not taken on the ledger itself because POSIX record locks belong to the process and vanish as soon as it
 * closes <em>any</em> descriptor of the file, which every reader in the JVM does; and so that readers are never
 * blocked on platforms with mandatory locks. Other writers must use this class (or the same lock file) for the
 * guarantee to hold.
 *
 * <h2>Torn lines</h2>
 *
 * A process killed while writing ({@code kill -9}, power loss) can leave a last line without its line end. Readers
 * skip such a line and report it as {@linkplain SkippedLine#torn() torn}; every line before it is read. Before the
 * next append, the writer finishes the torn line with a line end, so the fragment becomes a line of its own (which
 * readers then skip as not being an event) and never glues itself to the new event. In the rare case that the torn
 * line is a whole event missing only its line end, it is read as an event once a later append has finished it.
 *
 * <h2>Reading</h2>
 *
 * {@link #read()}, {@link #events()} and {@link #stream()} return the events in the order they were appended.
 * A line that is not an event (not JSON, an unknown type, a missing app…) is skipped and reported, never aborting the
 * read. Blank lines are ignored. Reading takes no lock: a reader that meets an append in progress sees its line as a
 * torn last line and skips it.
 */
public final class Ledger {

    /** One lock per file for the appenders of this JVM, shared by every {@code Ledger} on that file. */
    private static final ConcurrentHashMap<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

    /** Appended to the ledger's file name to name the file whose lock stands for the right to append. */
    public static final String LOCK_SUFFIX = ".lock";

    private static final byte NEWLINE = '\n';

    private final Path file;
    private final Path lockFile;
    private final Clock clock;
    private final ReentrantLock writer;

    private Ledger(Path file, Clock clock, ReentrantLock writer) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + LOCK_SUFFIX);
        this.clock = clock;
        this.writer = writer;
    }

    /**
     * Opens the ledger in the file, creating the file and its directories when they do not exist yet.
     *
     * @param clock stamps the events that {@link #append(LedgerEvent.Builder)} gets without a time
     */
    public static Ledger open(Path file, Clock clock) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
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
        ReentrantLock writer = WRITERS.computeIfAbsent(absolute.toRealPath(), key -> new ReentrantLock());
        return new Ledger(absolute, clock, writer);
    }

    /** Makes the new file's directory entry durable too; not every platform can open a directory, which is fine. */
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

    /** @return the ledger's file */
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
     * Appends the event as one line and forces it to the disk before returning. Safe to call from many threads and
     * from many processes at once.
     */
    @SuppressWarnings("try") // the file lock is held, not used, for the body of the try
    public void append(LedgerEvent event) throws IOException {
        Objects.requireNonNull(event, "event");
        byte[] line = (LedgerJson.write(event) + "\n").getBytes(UTF_8);
        writer.lock();
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.lock();
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
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
        } finally {
            writer.unlock();
        }
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
     * @throws UncheckedIOException from the stream's operations when the file cannot be read
     */
    public Stream<LedgerEvent> stream() throws IOException {
        return stream(skipped -> {});
    }

    /**
     * Reads the events lazily, in order, telling {@code onSkipped} about each line that is not an event as the
     * stream passes it. Close the stream.
     *
     * @throws UncheckedIOException from the stream's operations when the file cannot be read
     */
    public Stream<LedgerEvent> stream(Consumer<SkippedLine> onSkipped) throws IOException {
        Objects.requireNonNull(onSkipped, "onSkipped");
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        EventIterator events = new EventIterator(in, onSkipped);
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Override
    public String toString() {
        return "Ledger[" + file + "]";
    }

    /**
     * What a full read found.
     *
     * @param events the events, in the order they were appended
     * @param skipped the lines that are not events, in file order
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

    /** Splits the bytes at line ends and turns each line into an event, reporting the lines that are not. */
    private static final class EventIterator implements Iterator<LedgerEvent> {
        private final InputStream in;
        private final Consumer<SkippedLine> onSkipped;
        private byte[] line = new byte[1024];
        private long lineNumber;
        private boolean finished;
        private LedgerEvent next;

        EventIterator(InputStream in, Consumer<SkippedLine> onSkipped) {
            this.in = in;
            this.onSkipped = onSkipped;
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
            next = null;
            return event;
        }

        /** Reads one line: sets {@link #next} when it is an event, reports it when it is not. */
        private void advance() throws IOException {
            int length = 0;
            boolean ended = false;
            int b;
            while ((b = in.read()) >= 0) {
                if (b == NEWLINE) {
                    ended = true;
                    break;
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = (byte) b;
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
            onSkipped.accept(new SkippedLine(lineNumber, reason, torn, text));
        }
    }
}
