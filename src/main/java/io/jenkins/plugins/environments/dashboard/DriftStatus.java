package io.jenkins.plugins.environments.dashboard;

import java.util.Locale;

/** What a drift read found when it compared what runs with what the ledger says was promoted. */
public enum DriftStatus {
    /** What runs is the digest the ledger names. */
    SAME,
    /** Something else runs: the environment drifted. */
    DIFFERENT,
    /** The read failed: timeout, error, or the cluster is gone. */
    UNREADABLE,
    /** Not read yet. */
    UNKNOWN;

    /** @return the lower-case id the JSON carries, such as {@code different} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
