package io.jenkins.plugins.environments.dashboard;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest drift read of one app in one environment.
 *
 * @param status what the read found
 * @param liveDigest the digest that runs, or {@code null} when nothing runs or the read failed
 * @param since when the live digest was first seen, or {@code null}
 * @param checked when the read finished, or {@code null} when it has not run yet
 * @param message one line for people, without URLs or secrets, or {@code null}
 */
public record DriftReading(DriftStatus status, String liveDigest, Instant since, Instant checked, String message) {

    public DriftReading {
        Objects.requireNonNull(status, "status");
    }

    /** @return whether what runs differs from what the ledger says */
    public boolean drifted() {
        return status == DriftStatus.DIFFERENT;
    }
}
