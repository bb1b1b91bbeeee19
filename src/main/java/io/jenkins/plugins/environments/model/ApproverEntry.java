package io.jenkins.plugins.environments.model;

import java.util.List;
import java.util.Locale;

/**
 * One entry of an approvers list: a user id ({@code user:alice}) or a group name ({@code group:release-managers}).
 * User ids and group names never match each other: a user whose id is {@code release-managers} is not a member of
 * the group of that name.
 *
 * <p>An entry without a prefix, as lists were written before the two kinds were told apart, is read as a user id
 * only. That fails closed: such an entry can admit one user, never the members of a group and never a user who
 * happens to carry a group's name; an administrator who meant a group writes {@code group:} before it.
 *
 * <p>Some ids are never approvers, whatever their case: {@link #RESERVED} names the accounts Jenkins and this plugin
 * use for themselves and the pseudo-groups that stand for everyone.
 *
 * @param kind user or group
 * @param name the id or group name, without the prefix
 * @param typed whether the entry was written with its prefix
 */
public record ApproverEntry(Kind kind, String name, boolean typed) {

    /** Whether an entry names a user or a group. */
    public enum Kind {
        USER,
        GROUP
    }

    /**
     * Ids that never approve, compared ignoring case: Jenkins' own {@code SYSTEM} account, which is also the actor
     * the plugin writes to the ledger for what it does itself, and the pseudo-users and pseudo-groups {@code
     * anonymous}, {@code authenticated} and {@code everyone}.
     */
    public static final List<String> RESERVED = List.of("system", "anonymous", "authenticated", "everyone");

    private static final String USER_PREFIX = "user:";
    private static final String GROUP_PREFIX = "group:";

    /**
     * Reads one entry as an administrator or a Jenkinsfile wrote it.
     *
     * @throws InvalidConfigurationException for {@code field}: blank, a comma, control characters, spaces around it,
     *     an empty name after the prefix, or a reserved id
     */
    public static ApproverEntry parse(String field, String written) {
        if (Names.isBlank(written)) {
            throw new InvalidConfigurationException(field, "Approver is blank: give user:ID or group:NAME");
        }
        Names.rejectControlCharacters(field, "Approver", written);
        if (written.contains(",")) {
            throw Names.invalid(
                    field, "Approver", written, "contains a comma: list each user or group as its own entry");
        }
        if (!written.equals(written.strip())) {
            throw Names.invalid(field, "Approver", written, "must not start or end with a space");
        }
        ApproverEntry entry;
        if (written.startsWith(USER_PREFIX)) {
            entry = new ApproverEntry(Kind.USER, written.substring(USER_PREFIX.length()), true);
        } else if (written.startsWith(GROUP_PREFIX)) {
            entry = new ApproverEntry(Kind.GROUP, written.substring(GROUP_PREFIX.length()), true);
        } else {
            entry = new ApproverEntry(Kind.USER, written, false);
        }
        if (entry.name.isEmpty() || !entry.name.equals(entry.name.strip())) {
            throw Names.invalid(field, "Approver", written, "needs a name after the prefix, without spaces around it");
        }
        if (isReserved(entry.name)) {
            throw Names.invalid(
                    field,
                    "Approver",
                    written,
                    "is reserved and can never approve (reserved: " + String.join(", ", RESERVED)
                            + "): name the users or groups who may approve");
        }
        return entry;
    }

    /** @return whether the id is one of {@link #RESERVED}, ignoring case */
    public static boolean isReserved(String id) {
        return id != null && RESERVED.contains(id.strip().toLowerCase(Locale.ROOT));
    }

    /** @return the entry as it is written in a list: with its prefix when it had one */
    @Override
    public String toString() {
        return typed ? (kind == Kind.USER ? USER_PREFIX : GROUP_PREFIX) + name : name;
    }
}
