package io.jenkins.plugins.environments.ledger;

import java.time.Duration;

/**
 * How big the ledger's active file may grow before it is sealed, and how long sealed segments are kept.
 *
 * @param maxSegmentBytes the size past which the append that crosses it seals the active file into the next numbered
 *     segment; at least 1
 * @param retention how long a sealed segment is kept after its newest event, or {@code null} to keep every segment
 *     forever; a segment that is removed leaves the events that still decide an answer behind in the carried segment
 *     (see {@link Ledger#compact()})
 */
public record LedgerPolicy(long maxSegmentBytes, Duration retention) {

    /** The default size of a segment: 64 MiB. */
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L * 1024 * 1024;

    /** Segments of {@value #DEFAULT_MAX_SEGMENT_BYTES} bytes, kept forever. */
    public static final LedgerPolicy DEFAULT = new LedgerPolicy(DEFAULT_MAX_SEGMENT_BYTES, null);

    /** Validates the policy. */
    public LedgerPolicy {
        if (maxSegmentBytes < 1) {
            throw new IllegalArgumentException("maxSegmentBytes must be at least 1, not " + maxSegmentBytes);
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException(
                    "retention must be longer than zero, or none to keep the ledger forever, not " + retention);
        }
    }

    /** @return this policy with the retention, {@code null} for none */
    public LedgerPolicy withRetention(Duration retention) {
        return new LedgerPolicy(maxSegmentBytes, retention);
    }

    /** @return this policy with the segment size */
    public LedgerPolicy withMaxSegmentBytes(long maxSegmentBytes) {
        return new LedgerPolicy(maxSegmentBytes, retention);
    }
}
