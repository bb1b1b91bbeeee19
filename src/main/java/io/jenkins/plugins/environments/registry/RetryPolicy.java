package io.jenkins.plugins.environments.registry;

import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * How often and how patiently a failed registry request is tried again: at most {@code maxAttempts} tries, waiting
 * {@code firstDelay} before the second, twice as long before each next one, never longer than {@code maxDelay}.
 *
 * <p>Only failures that another try may cure are retried: a broken or refused connection, a timeout, a server error
 * (5xx) or 429. A 4xx answer, a TLS failure, bytes that do not match their digest, and a stall (no byte for the
 * idle timeout, or the step's deadline reached) fail at once. When the registry says how long to wait
 * ({@code Retry-After}), that wait replaces the policy's; no wait goes past the step's deadline.
 *
 * @param maxAttempts tries in all, at least 1
 * @param firstDelay the wait before the second try
 * @param maxDelay the longest wait
 * @param sleeper how to wait; tests pass one that records instead of sleeping
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {

    /** Waits. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(sleeper, "sleeper");
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 20, not " + maxAttempts);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay");
        }
    }

    /** @return 5 tries, waiting 0.5 s, 1 s, 2 s and 4 s in between, with {@link Thread#sleep(Duration)} */
    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), Thread::sleep);
    }

    /** @return the wait before try number {@code attempt + 1}, for {@code attempt} ≥ 1 */
    public Duration delayAfter(int attempt) {
        Duration delay = firstDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** @return whether another try may cure the failure */
    public static boolean isTransient(RegistryAccessException failure) {
        if (failure instanceof RegistryStallException) {
            return false;
        }
        if (failure instanceof RegistryResponseException response) {
            return response.isTransient();
        }
        boolean io = false;
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException
                    || cause instanceof InterruptedException
                    || cause instanceof BlobMismatchException) {
                return false;
            }
            io |= cause instanceof IOException;
        }
        return io;
    }

    /**
     * Reads a {@code Retry-After} header: a number of seconds, or an HTTP date (RFC 1123).
     *
     * @param now the clock an HTTP date is measured against
     * @return the wait it asks for (zero for a date in the past); empty when there is no header or it is unreadable
     */
    public static Optional<Duration> retryAfter(String value, Clock now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // More than a day is as good as forever: the caller compares it with a deadline.
            return Optional.of(text.length() > 6 ? Duration.ofDays(1) : Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(now.instant(), when.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The bytes of a blob did not match its descriptor: another try would fetch the same wrong bytes. */
    static final class BlobMismatchException extends IOException {

        private static final long serialVersionUID = 1L;

        BlobMismatchException(String message) {
            super(message);
        }
    }
}
