package io.jenkins.plugins.environments.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes cluster that previews and environments run on.
 *
 * <ul>
 *   <li>{@code id}: how environments refer to the cluster, an RFC 1123 label such as {@code dev-eu}.
 *   <li>{@code serverUrl}: the API server, an absolute {@code https://} URL with a host; plain
 *       {@code http://} only for a loopback host (tests, port forwards); no user information, query or
 *       fragment, since credentials belong in Jenkins credentials.
 *   <li>{@code credentialsId}: the Jenkins credentials to authenticate with; required.
 *   <li>{@code caCertificate}: optional PEM certificate(s) of the authority that signed the server's
 *       certificate; see {@link PemCertificates}.
 *   <li>{@code skipTlsVerify}: accept any server certificate; allowed, but {@link #warnings()} says loudly
 *       what that exposes.
 *   <li>{@code maxConcurrentPreviews}: how many previews may run at once; {@code 0} means no limit.
 *   <li>{@code folderCredentials}: whether {@code credentialsId} may also be found among the credentials of the
 *       build's folders; off, it is looked up in Jenkins' own store only.
 * </ul>
 */
public record Cluster(
        String id,
        String serverUrl,
        String credentialsId,
        String caCertificate,
        boolean skipTlsVerify,
        int maxConcurrentPreviews,
        boolean folderCredentials) {

    /** A cluster whose credentials are looked up in Jenkins' own store only (no folder credentials). */
    public Cluster(
            String id,
            String serverUrl,
            String credentialsId,
            String caCertificate,
            boolean skipTlsVerify,
            int maxConcurrentPreviews) {
        this(id, serverUrl, credentialsId, caCertificate, skipTlsVerify, maxConcurrentPreviews, false);
    }

    private static final String URL_EXAMPLE = "for example 'https://k8s.example.com:6443'";

    public Cluster {
        id = checkId(id);
        serverUrl = checkServerUrl(serverUrl);
        credentialsId = checkCredentialsId(credentialsId);
        caCertificate = checkCaCertificate(caCertificate);
        maxConcurrentPreviews = checkMaxConcurrentPreviews(maxConcurrentPreviews);
    }

    /** @return the id, an RFC 1123 label; problems are reported for field {@code id} */
    public static String checkId(String id) {
        return Names.requireLabel("id", "Cluster id", id);
    }

    /** @return the URL, checked as the type describes; problems are reported for field {@code serverUrl} */
    public static String checkServerUrl(String serverUrl) {
        String field = "serverUrl";
        String what = "Server URL";
        Names.rejectControlCharacters(field, what, Names.require(field, what, serverUrl));
        URI uri;
        try {
            uri = new URI(serverUrl);
        } catch (URISyntaxException e) {
            throw Names.invalid(field, what, serverUrl, "is not a valid URL: " + URL_EXAMPLE);
        }
        if (uri.getRawUserInfo() != null) {
            // The value may hold a password: do not repeat it.
            throw new InvalidConfigurationException(
                    field, what + " must not contain a user name or password; put them in Jenkins credentials");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw Names.invalid(field, what, serverUrl, "must start with https://, " + URL_EXAMPLE);
        }
        if (uri.getHost() == null) {
            throw Names.invalid(field, what, serverUrl, "has no valid host: " + URL_EXAMPLE);
        }
        if (uri.getPort() != -1) {
            Names.requirePort(field, what, serverUrl, String.valueOf(uri.getPort()));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw Names.invalid(field, what, serverUrl, "must not have a query or fragment: " + URL_EXAMPLE);
        }
        if (scheme.equals("http") && !Names.isLoopback(uri.getHost())) {
            throw Names.invalid(
                    field,
                    what,
                    serverUrl,
                    "uses plain http, which is allowed only for a loopback host (localhost, 127.0.0.1, [::1]): use"
                            + " https://");
        }
        return serverUrl;
    }

    /** @return the credentials id; problems are reported for field {@code credentialsId} */
    public static String checkCredentialsId(String credentialsId) {
        return Names.requireCredentialsId("credentialsId", "Credentials id", credentialsId);
    }

    /** @return the certificate text, or {@code null} when blank; problems for field {@code caCertificate} */
    public static String checkCaCertificate(String caCertificate) {
        return Names.isBlank(caCertificate) ? null : PemCertificates.check("caCertificate", caCertificate);
    }

    /** @return the limit, at least 0; problems are reported for field {@code maxConcurrentPreviews} */
    public static int checkMaxConcurrentPreviews(int maxConcurrentPreviews) {
        if (maxConcurrentPreviews < 0) {
            throw new InvalidConfigurationException(
                    "maxConcurrentPreviews",
                    "Max concurrent previews is " + maxConcurrentPreviews
                            + ": use 0 for no limit or a positive number");
        }
        return maxConcurrentPreviews;
    }

    /** @return the API server URL */
    public URI serverUri() {
        return URI.create(serverUrl);
    }

    /** @return whether the number of previews on this cluster is limited */
    public boolean limitsPreviews() {
        return maxConcurrentPreviews > 0;
    }

    /** @return what is allowed but risky about this cluster, for the administrator to read */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (skipTlsVerify) {
            warnings.add("Cluster '" + id + "' skips TLS verification: anyone who can intercept the connection can"
                    + " read its credentials; set a CA certificate instead");
            if (caCertificate != null) {
                warnings.add("Cluster '" + id + "' has a CA certificate that is not used, because it skips TLS"
                        + " verification");
            }
        }
        return List.copyOf(warnings);
    }
}
