package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.model.Redaction;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Turns fabric8 failures into {@link ClusterAccessException}s whose messages say what went wrong in terms of the
 * cluster entry and the credentials id. Only the type and message of network and TLS exceptions are quoted, and they
 * and the fabric8 exception kept as the cause pass through {@link Redaction} with the configuration's secrets.
 */
final class ClusterFailures {

    private ClusterFailures() {}

    /** {@code Cluster 'dev' at https://…}, with the server that is really used. */
    static String describe(ClusterAccess access, Config config) {
        String server = config.getMasterUrl();
        if (server != null && server.endsWith("/")) {
            server = server.substring(0, server.length() - 1);
        }
        return "Cluster '" + access.clusterId() + "' at " + server;
    }

    static ClusterAccessException translate(ClusterAccess access, Config config, KubernetesClientException e) {
        Redaction redaction = redaction(config);
        String describe = describe(access, config);
        String credentials = "credentials '" + access.credentialsId() + "'";
        int code = e.getCode();
        if (code == 401) {
            return failure(redaction, describe + " rejected " + credentials + " (HTTP 401)", e);
        }
        if (code == 403) {
            return failure(redaction, describe + " denied access to " + credentials + " (HTTP 403)", e);
        }
        if (code > 0) {
            return failure(redaction, describe + " answered HTTP " + code + " with " + credentials, e);
        }
        Throwable tls = find(e, SSLException.class, CertificateException.class);
        if (tls != null) {
            return failure(
                    redaction,
                    describe + " failed the TLS handshake (" + quote(tls) + "); check the CA certificate, the"
                            + " 'skip TLS verification' setting and, for client certificates, " + credentials,
                    e);
        }
        Throwable network = find(
                e,
                ConnectException.class,
                UnknownHostException.class,
                NoRouteToHostException.class,
                SocketTimeoutException.class,
                InterruptedIOException.class);
        if (network != null) {
            return failure(redaction, describe + " is unreachable (" + quote(network) + ")", e);
        }
        Throwable dropped = find(e, SocketException.class, EOFException.class);
        if (dropped != null) {
            String hint = access.credential() instanceof ClusterCredential.ClientCertificate
                    ? "; the server may not accept the client certificate of " + credentials
                    : " while authenticating with " + credentials;
            return failure(redaction, describe + " closed the connection (" + quote(dropped) + ")" + hint, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure(
                redaction,
                describe + " could not be queried with " + credentials + " ("
                        + root.getClass().getSimpleName() + ")",
                e);
    }

    /**
     * Masks the secrets the configuration holds (token, password, client key), which fabric8's messages and the URLs
     * they quote could echo, besides the shapes {@link Redaction} always masks.
     */
    static Redaction redaction(Config config) {
        List<Object> secrets = new ArrayList<>();
        if (config != null) {
            secrets.add(config.getOauthToken());
            secrets.add(config.getPassword());
            secrets.add(config.getClientKeyData());
        }
        return Redaction.of(secrets);
    }

    private static ClusterAccessException failure(Redaction redaction, String message, Throwable cause) {
        return new ClusterAccessException(redaction.apply(message), redaction.apply(cause));
    }

    @SafeVarargs
    private static Throwable find(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return cause;
                }
            }
        }
        return null;
    }

    private static String quote(Throwable t) {
        return t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
