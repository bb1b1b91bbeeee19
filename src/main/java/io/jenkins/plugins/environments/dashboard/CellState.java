package io.jenkins.plugins.environments.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one cell of the matrix (one app in one environment) shows. Several can apply at once; the cell shows the one
 * that comes first in {@link #PRECEDENCE}: drifted, promoting, waiting, failed, held, behind, current.
 */
public enum CellState {
    /** Nothing runs and nothing is under way. */
    EMPTY,
    /** The digest that runs is the latest the environment before it has. */
    CURRENT,
    /** The environment before it has digests that arrived after the one that runs here. */
    BEHIND,
    /** A promotion into the cell started, has no outcome yet, and its deadline has not passed. */
    PROMOTING,
    /** An approval for the app in the environment is pending. */
    WAITING,
    /** A rollback put a hold on the environment and no promotion released it yet. */
    HELD,
    /** The last promotion attempt into the cell failed, and no digest arrived since. */
    FAILED,
    /** What runs is not the digest the ledger says was promoted. */
    DRIFTED;

    /** The states from the one that wins to the one that loses. */
    public static final List<CellState> PRECEDENCE =
            List.of(DRIFTED, PROMOTING, WAITING, FAILED, HELD, BEHIND, CURRENT, EMPTY);

    /** @return the lower-case id the JSON carries, such as {@code promoting} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the state that wins among those that apply; {@link #EMPTY} when none does */
    public static CellState strongest(Set<CellState> applicable) {
        for (CellState state : PRECEDENCE) {
            if (applicable.contains(state)) {
                return state;
            }
        }
        return EMPTY;
    }
}
