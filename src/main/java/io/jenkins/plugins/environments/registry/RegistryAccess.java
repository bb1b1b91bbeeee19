package io.jenkins.plugins.environments.registry;

import io.jenkins.plugins.environments.model.Redaction;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an OCI registry is and how to authenticate to it, as plain values that the Jenkins glue fills in from the
 * global configuration and a resolved credential. Closing it wipes the credential's secret.
 *
 * @param registryId the name of the registry entry, used in messages
 * @param host the registry's host with an optional port, such as {@code registry.example.com} or
 *     {@code 127.0.0.1:5000}; no scheme and no path
 * @param insecure {@code true} to talk plain HTTP, {@code false} for HTTPS
 * @param credential how to authenticate
 * @param credentialsId the id of the Jenkins credentials behind {@code credential} (or {@code null} for anonymous
 *     access), used in messages
 */
public record RegistryAccess(
        String registryId, String host, boolean insecure, RegistryCredential credential, String credentialsId)
        implements AutoCloseable {

    private static final Pattern HOST =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?");

    public RegistryAccess {
        Objects.requireNonNull(registryId, "registryId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credential, "credential");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("Registry '" + registryId + "': '" + host
                    + "' is not a host name with an optional port (no scheme, no path)");
        }
    }

    /** {@code http://host} or {@code https://host}. */
    public URI baseUri() {
        return URI.create((insecure ? "http" : "https") + "://" + host);
    }

    /** {@code Registry 'id' at host}, for messages. */
    public String describe() {
        return "Registry '" + registryId + "' at " + host;
    }

    /** {@code credentials 'id'}, or {@code no credentials} for anonymous access, for messages. */
    String describeCredentials() {
        if (credential instanceof RegistryCredential.Anonymous) {
            return "no credentials";
        }
        return credentialsId == null ? "the configured credentials" : "credentials '" + credentialsId + "'";
    }

    /** @return masks this registry's password in text that may echo it, such as an error body */
    public Redaction redaction() {
        return credential instanceof RegistryCredential.Basic basic
                ? Redaction.of(List.of(basic.secret()))
                : Redaction.patterns();
    }

    /** Wipes the credential's secret. */
    @Override
    public void close() {
        credential.close();
    }

    @Override
    public String toString() {
        return "RegistryAccess[registry=" + registryId + ", host=" + host + ", insecure=" + insecure + ", credentials="
                + credentialsId + " (" + credential.kind() + ")]";
    }
}
