package io.jenkins.plugins.environments.model;

import java.util.List;

/**
 * An OCI registry that images are resolved in and promoted through.
 *
 * <ul>
 *   <li>{@code id}: how steps refer to the registry, an RFC 1123 label such as {@code ghcr}.
 *   <li>{@code host}: {@code host[:port]} without scheme or path, see {@link HostAndPort}.
 *   <li>{@code credentialsId}: optional; none means anonymous pull.
 *   <li>{@code insecure}: talk plain HTTP. Allowed for a loopback host; for any other host only with
 *       {@code forceInsecure}, because credentials and images would cross the network unprotected, and
 *       then {@link #warnings()} says so.
 *   <li>{@code folderCredentials}: whether {@code credentialsId} may also be found among the credentials of the
 *       build's folders; off, it is looked up in Jenkins' own store only.
 *   <li>{@code maxParallelTransfers}: how many blobs a copy into this registry moves at once, from 1 to
 *       {@value #MAX_PARALLEL_TRANSFERS}; {@value #DEFAULT_PARALLEL_TRANSFERS} unless set.
 * </ul>
 */
public record Registry(
        String id,
        String host,
        String credentialsId,
        boolean insecure,
        boolean forceInsecure,
        boolean folderCredentials,
        int maxParallelTransfers) {

    /** Blobs moved at once by a copy into a registry that does not say otherwise. */
    public static final int DEFAULT_PARALLEL_TRANSFERS = 6;

    /** The most blobs a copy moves at once. */
    public static final int MAX_PARALLEL_TRANSFERS = 16;

    /** A registry whose credentials are looked up in Jenkins' own store only (no folder credentials). */
    public Registry(String id, String host, String credentialsId, boolean insecure, boolean forceInsecure) {
        this(id, host, credentialsId, insecure, forceInsecure, false);
    }

    /** A registry copied into with the {@linkplain #DEFAULT_PARALLEL_TRANSFERS default} number of parallel transfers. */
    public Registry(
            String id,
            String host,
            String credentialsId,
            boolean insecure,
            boolean forceInsecure,
            boolean folderCredentials) {
        this(id, host, credentialsId, insecure, forceInsecure, folderCredentials, DEFAULT_PARALLEL_TRANSFERS);
    }

    public Registry {
        id = checkId(id);
        host = checkHost(host).toString();
        credentialsId = checkCredentialsId(credentialsId);
        checkInsecure(host, insecure, forceInsecure);
        maxParallelTransfers = checkMaxParallelTransfers(maxParallelTransfers);
    }

    /** @return the id, an RFC 1123 label; problems are reported for field {@code id} */
    public static String checkId(String id) {
        return Names.requireLabel("id", "Registry id", id);
    }

    /** @return the parsed {@code host[:port]}; problems are reported for field {@code host} */
    public static HostAndPort checkHost(String host) {
        return HostAndPort.parse("host", "Registry host", host);
    }

    /** @return the credentials id, or {@code null} for anonymous access; problems for field {@code credentialsId} */
    public static String checkCredentialsId(String credentialsId) {
        return Names.optionalCredentialsId("credentialsId", "Credentials id", credentialsId);
    }

    /**
     * Refuses plain HTTP to another machine unless it is forced; problems are reported for field
     * {@code insecure}.
     *
     * @param host a host that {@link #checkHost} accepts
     */
    public static void checkInsecure(String host, boolean insecure, boolean forceInsecure) {
        if (insecure && !forceInsecure && !checkHost(host).isLoopback()) {
            throw Names.invalid(
                    "insecure",
                    "Registry host",
                    host,
                    "is not a loopback host, so plain HTTP is not allowed: use HTTPS, or also set force insecure if"
                            + " credentials and images may cross the network unprotected");
        }
    }

    /**
     * @return the number of blobs a copy into the registry moves at once, 1 to {@value #MAX_PARALLEL_TRANSFERS};
     *     problems are reported for field {@code maxParallelTransfers}
     */
    public static int checkMaxParallelTransfers(int maxParallelTransfers) {
        if (maxParallelTransfers < 1 || maxParallelTransfers > MAX_PARALLEL_TRANSFERS) {
            throw new InvalidConfigurationException(
                    "maxParallelTransfers",
                    "Max parallel transfers is " + maxParallelTransfers + ": use a number from 1 to "
                            + MAX_PARALLEL_TRANSFERS + " (" + DEFAULT_PARALLEL_TRANSFERS + " unless set)");
        }
        return maxParallelTransfers;
    }

    /** @return the parsed host and port */
    public HostAndPort address() {
        return checkHost(host);
    }

    /** @return what is allowed but risky about this registry, for the administrator to read */
    public List<String> warnings() {
        if (insecure && !address().isLoopback()) {
            return List.of("Registry '" + id + "' uses plain HTTP to " + Names.quote(host)
                    + ": credentials and images cross the network unprotected");
        }
        return List.of();
    }
}
