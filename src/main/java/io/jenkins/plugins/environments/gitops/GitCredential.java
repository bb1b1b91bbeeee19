package io.jenkins.plugins.environments.gitops;

import java.util.Arrays;
import java.util.Objects;

/** How Jenkins authenticates to a git remote over HTTP(S). */
public sealed interface GitCredential extends AutoCloseable
        permits GitCredential.Anonymous, GitCredential.UsernamePassword {

    /** A short, secret-free name of the kind of credential, for messages. */
    String kind();

    /** Wipes the secret, if any. */
    @Override
    void close();

    /** No credentials: for public repositories and {@code file://} remotes. */
    record Anonymous() implements GitCredential {

        @Override
        public String kind() {
            return "anonymous";
        }

        @Override
        public void close() {}
    }

    /**
     * A user name and password (or personal access token). The password array is taken over, not copied, and wiped by
     * {@link #close()}.
     */
    final class UsernamePassword implements GitCredential {

        private final String username;
        private final char[] password;
        private volatile boolean closed;

        public UsernamePassword(String username, char[] password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
        }

        public String username() {
            return username;
        }

        /** The live password array, or {@code null} once closed. */
        char[] password() {
            return closed ? null : password;
        }

        @Override
        public String kind() {
            return "username/password";
        }

        @Override
        public void close() {
            closed = true;
            Arrays.fill(password, '\0');
        }

        @Override
        public String toString() {
            return "UsernamePassword[username=" + username + ", password=****]";
        }
    }
}
