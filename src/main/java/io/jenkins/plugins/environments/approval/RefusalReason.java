package io.jenkins.plugins.environments.approval;

import java.util.Locale;

/** Why an attempt to approve or reject was refused. */
public enum RefusalReason {
    /** The reviewer is not an allowed approver, and no administrator bypass applies. */
    NOT_ALLOWED,
    /** The reviewer started the run or authored one of its changes, and self-approval is forbidden. */
    SELF_APPROVAL,
    /** The reviewer, under the realm's user id rule, has already approved this request. */
    ALREADY_APPROVED,
    /** The decision names another environment than the request. */
    WRONG_ENVIRONMENT,
    /** The decision names another digest than the request. */
    WRONG_DIGEST,
    /** The request is already approved, rejected or expired. */
    ALREADY_DECIDED,
    /** The request's deadline has passed. */
    EXPIRED,
    /** A change ticket is required and none was given. */
    MISSING_TICKET,
    /** The change ticket does not match the required pattern, or is too long or has control characters. */
    INVALID_TICKET,
    /** The comment is too long or has control characters. */
    INVALID_COMMENT,
    /** The build stopped waiting for the request. */
    STOPPED,
    /** A reviewer rejected the digest for the environment before, and no administrator has cleared that veto. */
    VETOED,
    /**
     * Not a reviewer's refusal: the decision's ledger line was written but the build could not be saved, so the
     * decision does not count; the ledger line that says so voids the one before it.
     */
    NOT_SAVED;

    /** @return the id the ledger records as the reason, for example {@code self-approval} */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
