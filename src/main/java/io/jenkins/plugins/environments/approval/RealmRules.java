package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.ApproverEntry;
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
     * @param entry an approver entry, {@code user:ID}, {@code group:NAME}, or untyped (a user id)
     * @return whether the entry names the user (a user entry) or one of the groups (a group entry); a user entry
     *     never matches a group and a group entry never matches a user id
     */
    boolean entryMatches(String entry, String userId, Iterable<String> groupNames) {
        ApproverEntry parsed = ApproverEntry.parse("approvers", entry);
        if (parsed.kind() == ApproverEntry.Kind.USER) {
            return users.same(parsed.name(), userId);
        }
        for (String group : groupNames) {
            if (groups.same(parsed.name(), group)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether one approver entry is the same user or group as another: same kind, same name */
    boolean sameEntry(String entry, String other) {
        ApproverEntry a = ApproverEntry.parse("approvers", entry);
        ApproverEntry b = ApproverEntry.parse("approvers", other);
        if (a.kind() != b.kind()) {
            return false;
        }
        return a.kind() == ApproverEntry.Kind.USER ? users.same(a.name(), b.name()) : groups.same(a.name(), b.name());
    }
}
