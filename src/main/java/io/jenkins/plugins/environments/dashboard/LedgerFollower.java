package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.Ledger;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link LedgerIndex} kept current with a {@link Ledger}: built from the ledger's events once, as they are read
 * (the events are not all held at once), then told of each event appended through that ledger object. Every event is
 * counted exactly once: the ledger hands the index its events and registers it for later appends with no append in
 * between ({@link Ledger#replayAndListen}), so appends wait while the index is built.
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
        LedgerIndex index = new LedgerIndex();
        return new LedgerFollower(ledger.replayAndListen(index), index);
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
}
