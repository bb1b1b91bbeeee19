package io.jenkins.plugins.environments.registry;

/**
 * A registry could not be reached, did not answer as an OCI registry, or refused the configured credentials. The
 * message names the registry, its host and the Jenkins credentials id; it never carries a password or token.
 */
public class RegistryAccessException extends Exception {

    private static final long serialVersionUID = 1L;

    public RegistryAccessException(String message) {
        super(message);
    }

    public RegistryAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
