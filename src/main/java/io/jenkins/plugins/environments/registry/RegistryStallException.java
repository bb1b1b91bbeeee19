package io.jenkins.plugins.environments.registry;

/**
 * A registry or its token service stopped sending (or taking) bytes for longer than the idle timeout, or the step's
 * deadline ran out while a request was under way. The request was aborted; it is not tried again, because a registry
 * that stalls once usually stalls again and the step's time is better spent telling. The message names the registry,
 * its host, what was being transferred (manifest, blob, blob upload, token) and the request.
 */
public class RegistryStallException extends RegistryAccessException {

    private static final long serialVersionUID = 1L;

    public RegistryStallException(String message) {
        super(message);
    }
}
