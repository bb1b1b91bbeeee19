package io.jenkins.plugins.environments.approval;

/** Where an approval request stands. Only {@link #PENDING} takes further decisions. */
public enum ApprovalState {
    /** Waiting for more approvals. */
    PENDING,
    /** Enough distinct approvers approved. */
    APPROVED,
    /** A reviewer rejected it. */
    REJECTED,
    /** Its deadline passed before enough approvals came. */
    EXPIRED
}
