package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.jenkins.plugins.environments.model.Timeouts;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a {@link ClusterAccess} into a fabric8 {@link Config} and client.
 *
 * <p>The configuration starts from {@link Config#empty()}: nothing is read from {@code ~/.kube}, environment variables,
 * system properties or a service account mounted into the Jenkins controller's pod. Everything comes from the access
 * object.
 *
 * <p>For a {@link ClusterCredential.Kubeconfig}, the file's current context supplies the user, and the Jenkins cluster
 * entry wins over the file wherever it says something:
 *
 * <ul>
 *   <li>server: the entry's URL; the file's server only when the entry has none (a different server in the file is
 *       ignored, so messages and the global configuration always name the server that is really used);
 *   <li>trusted CA: the entry's PEM; the file's {@code certificate-authority-data} only when the entry has none;
 *   <li>skipping TLS verification: when the entry says so, or when the file's {@code insecure-skip-tls-verify} is set
 *       for the very server that is used (never for a server the file does not describe);
 *   <li>namespace: the context's namespace becomes the client's default namespace.
 * </ul>
 *
 * <p>Every request is bounded: opening a connection by {@link Timeouts#connect()}, each request by
 * {@link Timeouts#idle()} ({@link Timeouts#configured()} unless told otherwise), and a failed request is tried again at
 * most {@link #REQUEST_RETRIES} times. Watches are bounded by the caller's wait (the step's timeout).
 *
 * <p>fabric8 holds secrets as {@link String}s, so the token and keys live on in the returned {@code Config} and client
 * until they are garbage; close the client and drop the configuration as soon as the work is done.
 */
public final class ClusterClients {

    private static final Logger LOGGER = Logger.getLogger(ClusterClients.class.getName());

    /** How many times fabric8 tries a failed request again (its own default is 10, with growing waits). */
    static final int REQUEST_RETRIES = 2;

    private ClusterClients() {}

    /**
     * The fabric8 configuration for a cluster.
     *
     * @throws ClusterAccessException if there is no server URL, or the credential cannot be used (such as a kubeconfig
     *     without a usable user, or a private key of an unsupported kind)
     */
    public static Config config(ClusterAccess access) throws ClusterAccessException {
        return config(access, Timeouts.configured());
    }

    /**
     * The fabric8 configuration for a cluster, with the given connect and request timeouts.
     *
     * @see #config(ClusterAccess)
     */
    public static Config config(ClusterAccess access, Timeouts timeouts) throws ClusterAccessException {
        String describe =
                "Cluster '" + access.clusterId() + "'" + (access.hasServerUrl() ? " at " + access.serverUrl() : "");
        ConfigBuilder builder = new ConfigBuilder(Config.empty());
        Endpoint endpoint = new Endpoint(
                access.hasServerUrl() ? access.serverUrl() : null,
                access.caCertificatePem() == null
                        ? null
                        : Base64.getEncoder()
                                .encodeToString(access.caCertificatePem().getBytes(StandardCharsets.UTF_8)),
                access.skipTlsVerify());
        switch (access.credential()) {
            case ClusterCredential.Token token -> builder.withOauthToken(new String(token.token()));
            case ClusterCredential.ClientCertificate certificate ->
                withClientCertificate(
                        builder, certificate.certificatePem(), certificate.privateKeyPem(), describe, access);
            case ClusterCredential.Kubeconfig kubeconfig -> {
                KubeconfigContext context = KubeconfigContext.read(
                        kubeconfig.fileContent(), describe + " (credentials '" + access.credentialsId() + "')");
                endpoint = endpoint.completedBy(context);
                if (context.namespace() != null) {
                    builder.withNamespace(context.namespace());
                }
                withUser(builder, context.user(), describe, access);
            }
        }
        if (endpoint.server() == null) {
            throw new ClusterAccessException("Cluster '" + access.clusterId() + "' has no server URL: configure one,"
                    + " or use a kubeconfig (credentials '" + access.credentialsId() + "') whose context names one");
        }
        return builder.withMasterUrl(endpoint.server())
                .withConnectionTimeout(Math.toIntExact(timeouts.connect().toMillis()))
                .withRequestTimeout(Math.toIntExact(timeouts.idle().toMillis()))
                .withRequestRetryBackoffLimit(REQUEST_RETRIES)
                .withCaCertData(endpoint.caData())
                .withTrustCerts(endpoint.skipTlsVerify())
                .withDisableHostnameVerification(endpoint.skipTlsVerify())
                .build();
    }

    /** The server, the trusted CA (Base64 PEM) and whether TLS verification is skipped. */
    private record Endpoint(String server, String caData, boolean skipTlsVerify) {

        /** This entry's values, with the gaps filled from a kubeconfig's cluster as the class comment says. */
        Endpoint completedBy(KubeconfigContext context) {
            String chosen = server != null ? server : context.server();
            if (server != null && context.server() != null && !sameServer(server, context.server())) {
                LOGGER.log(Level.FINE, "Using the configured server {0}, not the kubeconfig''s {1}", new Object[] {
                    server, context.server()
                });
            }
            boolean fileDescribesChosenServer =
                    chosen != null && context.server() != null && sameServer(chosen, context.server());
            return new Endpoint(
                    chosen,
                    caData != null ? caData : context.caCertificateData(),
                    skipTlsVerify || (context.insecureSkipTlsVerify() && fileDescribesChosenServer));
        }
    }

    /**
     * A client for the cluster, on fabric8's OkHttp transport. The caller closes it.
     *
     * @throws ClusterAccessException as {@link #config(ClusterAccess)} does
     */
    public static KubernetesClient connect(ClusterAccess access) throws ClusterAccessException {
        return connect(access, Timeouts.configured());
    }

    /**
     * A client for the cluster with the given connect and request timeouts.
     *
     * @see #connect(ClusterAccess)
     */
    public static KubernetesClient connect(ClusterAccess access, Timeouts timeouts) throws ClusterAccessException {
        Config config = config(access, timeouts);
        try {
            return connect(config);
        } catch (KubernetesClientException e) {
            // Building the client loads the CA and the client key; a failure names no secret, only its type.
            throw new ClusterAccessException(
                    ClusterFailures.describe(access, config) + ": cannot set up a client with credentials '"
                            + access.credentialsId() + "' (" + rootType(e) + ")",
                    ClusterFailures.redaction(config).apply(e));
        }
    }

    private static String rootType(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    static KubernetesClient connect(Config config) {
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }

    private static void withUser(ConfigBuilder builder, AuthInfo user, String describe, ClusterAccess access)
            throws ClusterAccessException {
        if (user.getToken() != null) {
            builder.withOauthToken(user.getToken());
        } else if (user.getClientCertificateData() != null && user.getClientKeyData() != null) {
            char[] certificate =
                    decodeBase64(user.getClientCertificateData(), "client-certificate-data", describe, access);
            char[] key = decodeBase64(user.getClientKeyData(), "client-key-data", describe, access);
            try {
                withClientCertificate(builder, certificate, key, describe, access);
            } finally {
                Arrays.fill(certificate, '\0');
                Arrays.fill(key, '\0');
            }
        } else {
            builder.withUsername(user.getUsername()).withPassword(user.getPassword());
        }
    }

    private static void withClientCertificate(
            ConfigBuilder builder, char[] certificatePem, char[] privateKeyPem, String describe, ClusterAccess access)
            throws ClusterAccessException {
        String algorithm;
        try {
            algorithm = ClientKeys.algorithm(privateKeyPem);
        } catch (IllegalArgumentException e) {
            throw new ClusterAccessException(describe + ": the private key of credentials '" + access.credentialsId()
                    + "' cannot be used: " + e.getMessage());
        }
        builder.withClientCertData(Pem.base64(certificatePem))
                .withClientKeyData(Pem.base64(privateKeyPem))
                .withClientKeyAlgo(algorithm);
    }

    private static char[] decodeBase64(String data, String field, String describe, ClusterAccess access)
            throws ClusterAccessException {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new ClusterAccessException(describe + ": the kubeconfig of credentials '" + access.credentialsId()
                    + "' has a " + field + " that is not Base64");
        }
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        Arrays.fill(bytes, (byte) 0);
        return chars;
    }

    private static boolean sameServer(String a, String b) {
        return stripSlash(a).equalsIgnoreCase(stripSlash(b));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
