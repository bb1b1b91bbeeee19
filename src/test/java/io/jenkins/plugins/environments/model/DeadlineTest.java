package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Deadline} and {@link Timeouts}, on a monotonic clock the test moves by hand. */
class DeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void aDeadlineCountsDownOnItsClockAndStopsAtZero() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(5), now::get);
        assertEquals(Duration.ofSeconds(5), deadline.remaining());
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(Duration.ofSeconds(2), deadline.remaining());
        assertFalse(deadline.expired());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(deadline.expired());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Duration.ZERO, deadline.remaining());
        assertEquals("the step's timeout of 5s", deadline.describe());
    }

    @Test
    void atMostIsTheShorterOfTheLimitAndWhatIsLeft() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1), now::get);
        assertEquals(Duration.ofSeconds(30), deadline.atMost(Duration.ofSeconds(30)));
        now.addAndGet(Duration.ofSeconds(50).toNanos());
        assertEquals(Duration.ofSeconds(10), deadline.atMost(Duration.ofSeconds(30)));
    }

    @Test
    void aDeadlineMustLieInTheFutureAndAHugeOneIsCappedWithoutOverflow() {
        assertThrows(IllegalArgumentException.class, () -> Deadline.after(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Deadline.after(Duration.ofSeconds(-1)));
        Deadline far = Deadline.after(Duration.ofSeconds(Long.MAX_VALUE), now::get);
        assertFalse(far.expired());
        assertEquals(Duration.ofDays(3650), far.total());
    }

    @Test
    void timeoutsMustBeLongerThanZeroAndRoundTheIdleTimeoutUpToSeconds() {
        assertThrows(IllegalArgumentException.class, () -> new Timeouts(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(-1)));
        assertEquals(2, new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(1500)).idleSeconds());
        assertEquals(1, new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(10)).idleSeconds());
        assertEquals(30, Timeouts.STANDARD.idleSeconds());
    }

    @Test
    void theTimeoutsCanBeSetWithSystemPropertiesAndABadValueNamesTheProperty() {
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        assertEquals(Timeouts.STANDARD, Timeouts.from(properties::get));
        properties.put("io.jenkins.plugins.environments.idleTimeout", "2m");
        assertEquals(new Timeouts(Duration.ofSeconds(10), Duration.ofMinutes(2)), Timeouts.from(properties::get));
        properties.put("io.jenkins.plugins.environments.connectTimeout", "5 seconds");
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> Timeouts.from(properties::get));
        assertEquals("io.jenkins.plugins.environments.connectTimeout", e.field());
        assertTrue(e.getMessage().startsWith("Connect timeout '5 seconds' "), e.getMessage());
    }
}
