package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.Names;

/**
 * Who a commit is by, as git records it: a name and an e-mail address.
 *
 * @param name shown as the author or committer, such as {@code Jenkins}; no control characters, {@code <} or
 *     {@code >}
 * @param email such as {@code jenkins@example.com}; no control characters, spaces, {@code <} or {@code >}
 */
public record GitIdentity(String name, String email) {

    public GitIdentity {
        name = Names.rejectControlCharacters("name", "Git name", Names.require("name", "Git name", name));
        email = Names.rejectControlCharacters("email", "Git e-mail", Names.require("email", "Git e-mail", email));
        if (name.contains("<") || name.contains(">")) {
            throw Names.invalid("name", "Git name", name, "must not contain '<' or '>'");
        }
        if (email.contains("<") || email.contains(">") || email.contains(" ")) {
            throw Names.invalid("email", "Git e-mail", email, "must not contain '<', '>' or spaces");
        }
    }

    /** @return {@code name <email>}, as git shows it */
    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
