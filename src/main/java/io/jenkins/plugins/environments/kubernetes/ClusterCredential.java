package io.jenkins.plugins.environments.kubernetes;

import java.util.Arrays;
import java.util.Objects;

/**
 * The secret that authenticates Jenkins to a Kubernetes API server. Each kind takes over the {@code char[]} arrays it
 * is given (they are not copied, so the caller must not reuse them) and wipes them on {@link #close()}; after that the
 * credential can no longer be used.
 */
public sealed interface ClusterCredential extends AutoCloseable
        permits ClusterCredential.Token, ClusterCredential.Kubeconfig, ClusterCredential.ClientCertificate {

    /** A short, secret-free name of the kind of credential, for messages. */
    String kind();

    /** Wipes the secret. */
    @Override
    void close();

    /** A bearer token, such as a service account token from a "Secret text" credential. */
    final class Token implements ClusterCredential {

        private final char[] token;
        private volatile boolean closed;

        public Token(char[] token) {
            this.token = requireSecret(token, "token");
        }

        char[] token() {
            return usable(token, closed);
        }

        @Override
        public String kind() {
            return "token";
        }

        @Override
        public void close() {
            closed = true;
            Arrays.fill(token, '\0');
        }

        @Override
        public String toString() {
            return "Token[****]";
        }
    }

    /**
     * The content of a kubeconfig file, such as a "Secret file" credential. Its current context chooses the cluster
     * and user; see {@link ClusterClients#config(ClusterAccess)}.
     */
    final class Kubeconfig implements ClusterCredential {

        private final char[] fileContent;
        private volatile boolean closed;

        public Kubeconfig(char[] fileContent) {
            this.fileContent = requireSecret(fileContent, "fileContent");
        }

        char[] fileContent() {
            return usable(fileContent, closed);
        }

        @Override
        public String kind() {
            return "kubeconfig";
        }

        @Override
        public void close() {
            closed = true;
            Arrays.fill(fileContent, '\0');
        }

        @Override
        public String toString() {
            return "Kubeconfig[****]";
        }
    }

    /**
     * An X.509 client certificate (with its chain) and its private key, both PEM. The key may be PKCS#8
     * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}), unencrypted.
     */
    final class ClientCertificate implements ClusterCredential {

        private final char[] certificatePem;
        private final char[] privateKeyPem;
        private volatile boolean closed;

        public ClientCertificate(char[] certificatePem, char[] privateKeyPem) {
            this.certificatePem = requireSecret(certificatePem, "certificatePem");
            this.privateKeyPem = requireSecret(privateKeyPem, "privateKeyPem");
        }

        /**
         * Reads the first private key entry of a PKCS#12 keystore (such as a Jenkins "Certificate" credential) and
         * turns it into PEM: the key as PKCS#8, the certificate chain in keystore order. The key is expected to be
         * protected by the keystore password, as it is in keystores made by {@code keytool} and {@code openssl}.
         * The password is read, not wiped.
         *
         * @throws ClusterAccessException if the keystore cannot be read or holds no private key with a certificate
         */
        public static ClientCertificate fromPkcs12(byte[] keystore, char[] password) throws ClusterAccessException {
            return Pkcs12Keystore.firstClientCertificate(keystore, password);
        }

        char[] certificatePem() {
            return usable(certificatePem, closed);
        }

        char[] privateKeyPem() {
            return usable(privateKeyPem, closed);
        }

        @Override
        public String kind() {
            return "client certificate";
        }

        @Override
        public void close() {
            closed = true;
            Arrays.fill(certificatePem, '\0');
            Arrays.fill(privateKeyPem, '\0');
        }

        @Override
        public String toString() {
            return "ClientCertificate[****]";
        }
    }

    private static char[] requireSecret(char[] secret, String name) {
        Objects.requireNonNull(secret, name);
        if (secret.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return secret;
    }

    private static char[] usable(char[] secret, boolean closed) {
        if (closed) {
            throw new IllegalStateException("the credential was closed and its secret wiped");
        }
        return secret;
    }
}
