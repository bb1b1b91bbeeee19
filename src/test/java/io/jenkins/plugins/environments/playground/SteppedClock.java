package io.jenkins.plugins.environments.playground;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The playground's time: while the history is built it stands still at a moment the story moves forward step by
 * step (so that a week of promotions happens in seconds), then {@link #followRealTime() follows the system clock}.
 */
final class SteppedClock extends Clock {

    private final AtomicReference<Instant> fixed;

    SteppedClock(Instant start) {
        this.fixed = new AtomicReference<>(start);
    }

    /** Moves the story's time forward; never past the real time. */
    void advance(Duration step) {
        fixed.updateAndGet(now -> {
            if (now == null) {
                throw new IllegalStateException("the clock follows real time already");
            }
            Instant next = now.plus(step);
            Instant real = Instant.now();
            return next.isAfter(real) ? real : next;
        });
    }

    /** From now on the clock is the system's. */
    void followRealTime() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant now = fixed.get();
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
