package io.jenkins.plugins.environments.approval;

import java.util.List;

/**
 * Who is deciding, as the security realm authenticated them: the glue takes these from the current
 * authentication (its name and its authorities) at the moment of the decision.
 *
 * @param userId the user's id, not blank
 * @param groups the names of the groups the user belongs to; {@code null} means none
 * @param administrator whether the user has the Jenkins administer permission
 * @param aliases the other identities Jenkins knows for the user: e-mail addresses and full names; the people who
 *     made a digest are matched against these too ({@link Maker}). {@code null} means none
 */
public record Reviewer(String userId, List<String> groups, boolean administrator, List<String> aliases) {

    public Reviewer {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("A reviewer needs a user id");
        }
        groups = groups == null ? List.of() : List.copyOf(groups);
        aliases = aliases == null
                ? List.of()
                : aliases.stream()
                        .filter(alias -> alias != null && !alias.isBlank())
                        .toList();
    }

    /** A reviewer without aliases. */
    public Reviewer(String userId, List<String> groups, boolean administrator) {
        this(userId, groups, administrator, List.of());
    }

    /** @return a reviewer who is neither in a group nor an administrator */
    public static Reviewer user(String userId) {
        return new Reviewer(userId, List.of(), false);
    }

    /** @return this reviewer with these aliases */
    public Reviewer withAliases(List<String> aliases) {
        return new Reviewer(userId, groups, administrator, aliases);
    }
}
