package io.jenkins.plugins.environments.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * A registry answered a request with an HTTP status that the operation does not accept. The message names the
 * registry, the request (without its query) and the status, with the error code and message of the distribution
 * spec's JSON error body when there is one.
 */
public class RegistryResponseException extends RegistryAccessException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final Duration retryAfter;

    public RegistryResponseException(String message, int status, String errorCode) {
        this(message, status, errorCode, null);
    }

    /** @param retryAfter how long the registry asked to wait before trying again ({@code Retry-After}), or null */
    public RegistryResponseException(String message, int status, String errorCode, Duration retryAfter) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    /** @return how long the registry asked to wait before trying again ({@code Retry-After}), if it did */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the first error code of the JSON error body, such as {@code MANIFEST_UNKNOWN}, or {@code null} */
    public String errorCode() {
        return errorCode;
    }

    /** @return whether trying again may succeed: a server error (5xx) or too many requests (429) */
    public boolean isTransient() {
        return status >= 500 || status == 429;
    }
}
