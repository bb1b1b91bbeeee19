package io.jenkins.plugins.environments.approval;

import java.util.List;

/**
 * Who is deciding, as the security realm authenticated them: the glue takes these from the current
 * authentication (its name and its authorities) at the moment of the decision.
 *
 * @param userId the user's id, not blank
 * @param groups the names of the groups the user belongs to; {@code null} means none
 * @param administrator whether the user has the Jenkins administer permission
 */
public record Reviewer(String userId, List<String> groups, boolean administrator) {

    public Reviewer {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("A reviewer needs a user id");
        }
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** @return a reviewer who is neither in a group nor an administrator */
    public static Reviewer user(String userId) {
        return new Reviewer(userId, List.of(), false);
    }
}
