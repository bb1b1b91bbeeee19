package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Turns fabric8 failures into {@link ClusterAccessException}s whose messages say what went wrong in terms of the
 * cluster entry and the credentials id. Only the type and message of network and TLS exceptions are quoted; those
 * never contain the secret.
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
        String describe = describe(access, config);
        String credentials = "credentials '" + access.credentialsId() + "'";
        int code = e.getCode();
        if (code == 401) {
            return new ClusterAccessException(describe + " rejected " + credentials + " (HTTP 401)", e);
        }
        if (code == 403) {
            return new ClusterAccessException(describe + " denied access to " + credentials + " (HTTP 403)", e);
        }
        if (code > 0) {
            return new ClusterAccessException(describe + " answered HTTP " + code + " with " + credentials, e);
        }
        Throwable tls = find(e, SSLException.class, CertificateException.class);
        if (tls != null) {
            return new ClusterAccessException(
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
            return new ClusterAccessException(describe + " is unreachable (" + quote(network) + ")", e);
        }
        Throwable dropped = find(e, SocketException.class, EOFException.class);
        if (dropped != null) {
            String hint = access.credential() instanceof ClusterCredential.ClientCertificate
                    ? "; the server may not accept the client certificate of " + credentials
                    : " while authenticating with " + credentials;
            return new ClusterAccessException(describe + " closed the connection (" + quote(dropped) + ")" + hint, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ClusterAccessException(
                describe + " could not be queried with " + credentials + " ("
                        + root.getClass().getSimpleName() + ")",
                e);
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
