package io.jenkins.plugins.environments.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What happened, as the ledger records it. Each kind is written by its id: lower case with dashes. */
public enum LedgerEventType {
    /** An app was deployed into an environment or a preview. */
    DEPLOYED,
    /** An environment or a preview was removed. */
    TORN_DOWN,
    /** A verified digest was moved into the environment from the one before it. */
    PROMOTED,
    /** The environment was put back on an earlier digest. */
    ROLLED_BACK,
    /** A reviewer approved a digest for an environment. */
    APPROVED,
    /** A reviewer rejected a digest for an environment. */
    REJECTED,
    /** An approval was refused, for example a self-approval or a user who may not approve. */
    APPROVAL_REFUSED,
    /** An approval request timed out before enough reviewers approved. */
    APPROVAL_EXPIRED,
    /** An administrator cleared the veto a rejection put on a digest for an environment. */
    VETO_CLEARED,
    /** A build started waiting for approval of a digest for an environment. */
    APPROVAL_REQUESTED,
    /** A request for approval ended without a decision: its build was aborted or stopped while it waited. */
    APPROVAL_CANCELLED,
    /** A promotion passed its request checks and goes on to its gates; an outcome follows, or its deadline passes. */
    PROMOTION_STARTED,
    /** A started promotion did not complete: a gate failed, or the registry, Git or the cluster did. */
    PROMOTION_FAILED;

    /** Each type by its id; the ledger reads a type for every line. */
    private static final Map<String, LedgerEventType> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(LedgerEventType::id, type -> type));

    private final String id = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** @return the id written to the ledger, for example {@code torn-down} */
    public String id() {
        return id;
    }

    /** @return whether this event puts a digest into service: deployed, promoted or rolled back */
    public boolean deploys() {
        return this == DEPLOYED || this == PROMOTED || this == ROLLED_BACK;
    }

    /**
     * Finds the type with the id.
     *
     * @throws IllegalArgumentException naming the known ids when none matches
     */
    public static LedgerEventType fromId(String id) {
        LedgerEventType type = id == null ? null : BY_ID.get(id);
        if (type != null) {
            return type;
        }
        String known = Arrays.stream(values()).map(LedgerEventType::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown ledger event type '" + id + "': use one of " + known);
    }
}
