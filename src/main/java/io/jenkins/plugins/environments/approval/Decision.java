package io.jenkins.plugins.environments.approval;

/**
 * What a reviewer submits: the environment and digest they looked at, so that a decision can never count for
 * another digest or environment, and what they want to say. Nothing is checked on construction: the request
 * checks it and refuses what does not fit.
 *
 * @param environment the environment the reviewer approves or rejects for
 * @param digest the digest the reviewer approves or rejects, {@code sha256:} and 64 lower-case hex digits
 * @param comment optional, at most {@link ApprovalRequest#MAX_COMMENT_LENGTH} characters, no control characters
 * @param changeTicket optional unless the policy requires one; at most {@link ApprovalRequest#MAX_TICKET_LENGTH}
 *     characters
 */
public record Decision(String environment, String digest, String comment, String changeTicket) {

    /** @return a decision without comment or ticket */
    public static Decision of(String environment, String digest) {
        return new Decision(environment, digest, null, null);
    }
}
