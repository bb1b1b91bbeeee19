package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link LedgerIndex} kept current with a {@link Ledger}: built from the ledger's events once, as they are read
 * (the events are not all held at once), then told of each
 * event appended through that ledger object. An event appended while the index is being built is counted exactly
 * once: the follower listens before it reads, keeps what it hears until the index is built, and then adds only the
 * events the read did not already hold.
 */
public final class LedgerFollower implements AutoCloseable {

    private final Ledger.Registration registration;
    private final LedgerIndex index;

    private LedgerFollower(Ledger.Registration registration, LedgerIndex index) {
        this.registration = registration;
        this.index = index;
    }

    /**
     * Reads the ledger, builds its index and follows its appends until {@link #close()}.
     *
     * @throws IOException when the ledger cannot be read; nothing is left listening then
     */
    public static LedgerFollower follow(Ledger ledger) throws IOException {
        Objects.requireNonNull(ledger, "ledger");
        HandOver handOver = new HandOver();
        Ledger.Registration registration = ledger.onAppend(handOver);
        try {
            // Built as the file is read, outside the append lock: appends meanwhile are kept by the hand-over. Only
            // the read's last events are kept, as many as could be among those heard.
            LedgerIndex index = new LedgerIndex();
            ArrayDeque<LedgerEvent> tail = new ArrayDeque<>();
            try (Stream<LedgerEvent> events = ledger.stream()) {
                events.forEachOrdered(event -> {
                    index.accept(event);
                    tail.addLast(event);
                    handOver.trim(tail);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            handOver.start(index, new ArrayList<>(tail));
            return new LedgerFollower(registration, index);
        } catch (IOException | RuntimeException e) {
            registration.close();
            throw e;
        }
    }

    /** @return the index, current with every event appended through the ledger object so far */
    public LedgerIndex index() {
        return index;
    }

    /** Stops following the ledger; the index keeps what it has. */
    @Override
    public void close() {
        registration.close();
    }

    /**
     * How many events at the start of {@code heard} are the last events of {@code read}: those were appended after
     * the follower started listening but before the read reached the end of the ledger.
     */
    static int overlap(List<LedgerEvent> read, List<LedgerEvent> heard) {
        for (int k = Math.min(read.size(), heard.size()); k > 0; k--) {
            if (read.subList(read.size() - k, read.size()).equals(heard.subList(0, k))) {
                return k;
            }
        }
        return 0;
    }

    /** The listener: keeps events until the index exists, then feeds them to it. */
    private static final class HandOver implements Consumer<LedgerEvent> {

        private List<LedgerEvent> heard = new ArrayList<>();
        private LedgerIndex index;

        @Override
        public synchronized void accept(LedgerEvent event) {
            if (index != null) {
                index.accept(event);
            } else {
                heard.add(event);
            }
        }

        /**
         * Drops the read events that cannot be among those heard. When the read meets the {@code j}-th event heard
         * (counting from 0), the {@code j} before it were appended and heard already, since appends and their
         * listeners run one at a time; so the events heard that the read holds are always within its last
         * {@code heard.size() + 1}.
         */
        synchronized void trim(ArrayDeque<LedgerEvent> tail) {
            while (tail.size() > heard.size() + 1) {
                tail.removeFirst();
            }
        }

        /** @param read the read's last events, at least those that may also have been heard */
        synchronized void start(LedgerIndex built, List<LedgerEvent> read) {
            for (LedgerEvent event : heard.subList(overlap(read, heard), heard.size())) {
                built.accept(event);
            }
            heard = null;
            index = built;
        }
    }
}
