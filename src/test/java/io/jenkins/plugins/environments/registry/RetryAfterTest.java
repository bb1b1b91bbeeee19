package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy#retryAfter}: the two forms of {@code Retry-After} (RFC 9110, section 10.2.3). */
class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T07:28:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAreTakenAsTheyAre() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryPolicy.retryAfter("120", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.retryAfter(" 0 ", NOW));
    }

    @Test
    void anAbsurdNumberOfSecondsIsADayNotAnOverflow() {
        assertEquals(Optional.of(Duration.ofDays(1)), RetryPolicy.retryAfter("99999999999999999999999", NOW));
    }

    @Test
    void anHttpDateIsMeasuredFromNow() {
        assertEquals(Optional.of(Duration.ofMinutes(2)), RetryPolicy.retryAfter("Mon, 07 Dec 2026 07:30:00 GMT", NOW));
    }

    @Test
    void anHttpDateInThePastMeansNoWait() {
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.retryAfter("Mon, 07 Dec 2026 07:00:00 GMT", NOW));
    }

    @Test
    void anUnreadableOrMissingValueIsIgnored() {
        assertFalse(RetryPolicy.retryAfter("soon", NOW).isPresent());
        assertFalse(RetryPolicy.retryAfter("-5", NOW).isPresent());
        assertFalse(RetryPolicy.retryAfter("", NOW).isPresent());
        assertFalse(RetryPolicy.retryAfter(null, NOW).isPresent());
    }

    @Test
    void aStallIsNeverRetried() {
        RegistryStallException stall = new RegistryStallException("Registry 'x' at h stalled");
        stall.initCause(new java.io.IOException("closed"));
        assertFalse(RetryPolicy.isTransient(stall));
    }
}
