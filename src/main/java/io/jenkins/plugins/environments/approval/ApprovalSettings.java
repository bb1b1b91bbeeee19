package io.jenkins.plugins.environments.approval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one {@code awaitApproval} step asks for. Every setting is optional: {@code null} takes the environment's
 * configured gate. A setting may only make the gate stricter; {@link ApprovalPolicy#resolve} refuses anything
 * that would loosen it.
 *
 * @param minApprovals how many distinct people must approve; at least the gate's required approvals and at
 *     least 1
 * @param approvers user ids and group names that may approve; when the environment lists approvers, each entry
 *     must be one of them. {@code null} or empty takes the environment's list
 * @param forbidSelfApproval may only be {@code false} when the environment allows self-approval
 * @param allowAdministrators may only be {@code true} when the environment lets administrators approve
 * @param requireChangeTicket {@code true} to require a ticket; {@code false} only when the environment does
 *     not require one
 * @param changeTicketPattern the regular expression a ticket must match whole; when the environment has one,
 *     it must be exactly that one. Blank counts as not given
 * @param timeout how long to wait, such as {@code 30m}, {@code 72h} or {@code PT2H}; {@code null} waits
 *     {@link ApprovalPolicy#DEFAULT_TIMEOUT}
 */
public record ApprovalSettings(
        Integer minApprovals,
        List<String> approvers,
        Boolean forbidSelfApproval,
        Boolean allowAdministrators,
        Boolean requireChangeTicket,
        String changeTicketPattern,
        String timeout) {

    /** No setting: the environment's gate as it is configured, with at least one approval. */
    public static final ApprovalSettings NONE = new ApprovalSettings(null, null, null, null, null, null, null);

    public ApprovalSettings {
        // Not List.copyOf: a null entry must reach the check that names it.
        approvers = approvers == null ? null : Collections.unmodifiableList(new ArrayList<>(approvers));
    }
}
