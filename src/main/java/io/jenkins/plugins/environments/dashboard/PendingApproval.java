package io.jenkins.plugins.environments.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * An approval request that no decision, expiry or cancellation has ended yet.
 *
 * @param request the request's id, unique in the Jenkins
 * @param replaces the digest in the environment when the request was made, or {@code null}
 * @param requester who asked, or {@code null}
 * @param approvals how many approvals were counted so far
 * @param required how many are needed
 * @param eligible the approvers as configured: user ids and group names
 * @param page the approval page's URL relative to the Jenkins root, or {@code null}
 * @param requested when the request was made
 * @param build the waiting build's URL relative to the Jenkins root, or {@code null}
 */
public record PendingApproval(
        String request,
        String app,
        String environment,
        String digest,
        String replaces,
        String requester,
        int approvals,
        int required,
        List<String> eligible,
        String page,
        Instant requested,
        String build) {

    public PendingApproval {
        eligible = eligible == null ? List.of() : List.copyOf(eligible);
    }

    PendingApproval withApprovals(int counted, int needed) {
        return new PendingApproval(
                request,
                app,
                environment,
                digest,
                replaces,
                requester,
                counted,
                needed,
                eligible,
                page,
                requested,
                build);
    }
}
