package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the approval rules the other identities of a reviewer (e-mail addresses, names), so that a commit whose author
 * or committer is known only by such an identity makes that reviewer "self". The plugin brings one resolver, the full
 * name of the user's Jenkins record; an installation whose addresses live elsewhere (the Mailer plugin's user property,
 * a directory) adds its own as an {@code @Extension}. A resolver can only add identities, never take the rule away.
 */
public abstract class ApprovalIdentityResolver implements ExtensionPoint {

    private static final Logger LOGGER = Logger.getLogger(ApprovalIdentityResolver.class.getName());

    /** The most aliases kept for one reviewer. */
    static final int MAX_ALIASES = 50;

    /**
     * @param userId the reviewer's id, as the security realm authenticated them
     * @return the e-mail addresses and names that are also this user; empty when none is known
     */
    public abstract List<String> aliasesOf(String userId);

    /** @return what every installed resolver knows of the user, at most {@link #MAX_ALIASES} */
    static List<String> all(String userId) {
        List<String> aliases = new ArrayList<>();
        for (ApprovalIdentityResolver resolver : ExtensionList.lookup(ApprovalIdentityResolver.class)) {
            try {
                for (String alias : resolver.aliasesOf(userId)) {
                    if (alias != null && !alias.isBlank() && !aliases.contains(alias) && aliases.size() < MAX_ALIASES) {
                        aliases.add(alias);
                    }
                }
            } catch (RuntimeException e) {
                LOGGER.log(
                        Level.WARNING,
                        "Approval identity resolver " + resolver.getClass().getName() + " failed",
                        e);
            }
        }
        return aliases;
    }

    /**
     * The full name of the user's Jenkins record: SCM plugins map a commit's author to a user by it, or create a user
     * named after the author.
     */
    @Extension
    public static final class FullName extends ApprovalIdentityResolver {

        @Override
        public List<String> aliasesOf(String userId) {
            User user = User.getById(userId, false);
            if (user == null) {
                return List.of();
            }
            String fullName = user.getFullName();
            return fullName == null || fullName.isBlank() || fullName.equals(userId) ? List.of() : List.of(fullName);
        }
    }
}
