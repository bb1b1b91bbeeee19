package io.jenkins.plugins.environments.approval;

import java.util.Objects;

/**
 * The security realm's rules for comparing ids: one for user ids, one for group names. Not stored with a
 * request: the glue passes the realm's current rules with every call.
 *
 * @param users how user ids compare, used for approvers, the people who started or changed the run, and for
 *     counting distinct approvers
 * @param groups how group names compare, used for groups named as approvers
 */
public record RealmRules(IdRule users, IdRule groups) {

    /** What a Jenkins realm uses unless it says otherwise: case-insensitive user ids and group names. */
    public static final RealmRules JENKINS_DEFAULT =
            new RealmRules(StandardIdRule.CASE_INSENSITIVE, StandardIdRule.CASE_INSENSITIVE);

    public RealmRules {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(groups, "groups");
    }

    /**
     * @param entry an approver entry, which may name a user or a group
     * @return whether the entry names the user or one of the groups
     */
    boolean entryMatches(String entry, String userId, Iterable<String> groupNames) {
        if (users.same(entry, userId)) {
            return true;
        }
        for (String group : groupNames) {
            if (groups.same(entry, group)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether one approver entry is the same user or group as another */
    boolean sameEntry(String entry, String other) {
        return users.same(entry, other) || groups.same(entry, other);
    }
}
