package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link LedgerIndex} kept current with a {@link Ledger}: built from the ledger's events once, then told of each
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
            List<LedgerEvent> read = ledger.events();
            LedgerIndex index = LedgerIndex.of(read); // built outside the append lock: appends meanwhile are kept
            handOver.start(index, read);
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

        synchronized void start(LedgerIndex built, List<LedgerEvent> read) {
            for (LedgerEvent event : heard.subList(overlap(read, heard), heard.size())) {
                built.accept(event);
            }
            heard = null;
            index = built;
        }
    }
}
