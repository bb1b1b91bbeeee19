package io.jenkins.plugins.environments.registry;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** How Jenkins authenticates to an OCI registry. */
public sealed interface RegistryCredential extends AutoCloseable
        permits RegistryCredential.Anonymous, RegistryCredential.Basic {

    /** A short, secret-free name of the kind of credential, for messages. */
    String kind();

    /** Wipes the secret, if any. */
    @Override
    void close();

    /** No credentials: only registries (or token services) that allow anonymous access can be used. */
    record Anonymous() implements RegistryCredential {

        @Override
        public String kind() {
            return "anonymous";
        }

        @Override
        public void close() {}
    }

    /**
     * A user name and password (or access token used as a password). They are sent as HTTP basic authentication to a
     * registry that asks for it, or to the token service that a registry names. The password array is taken over, not
     * copied, and wiped by {@link #close()}.
     */
    final class Basic implements RegistryCredential {

        private final String username;
        private final char[] password;
        private volatile boolean closed;

        public Basic(String username, char[] password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            if (username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a user name for basic authentication cannot contain ':'");
            }
        }

        public String username() {
            return username;
        }

        /** The value of an {@code Authorization} header for these credentials. */
        String authorizationHeader() {
            if (closed) {
                throw new IllegalStateException("the credential was closed and its password wiped");
            }
            CharBuffer plain = CharBuffer.allocate(username.length() + 1 + password.length);
            plain.put(username).put(':').put(password).flip();
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(plain);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            try {
                return "Basic " + Base64.getEncoder().encodeToString(bytes);
            } finally {
                Arrays.fill(plain.array(), '\0');
                if (encoded.hasArray()) {
                    Arrays.fill(encoded.array(), (byte) 0);
                }
                Arrays.fill(bytes, (byte) 0);
            }
        }

        /** The password, for {@link RegistryAccess#redaction()}. */
        char[] secret() {
            return password;
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
            return "Basic[username=" + username + ", password=****]";
        }
    }
}
