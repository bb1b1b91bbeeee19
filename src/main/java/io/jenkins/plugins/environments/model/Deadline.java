package io.jenkins.plugins.environments.model;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The moment by which a step's remote work must be done, derived from the step's {@code timeout}: every registry,
 * Git, Kubernetes and process call made for the step is bounded by what is left of it. Measured on a monotonic clock
 * ({@link System#nanoTime()}), so a change of the wall clock neither extends nor cuts it.
 */
public final class Deadline {

    private static final Duration UNBOUNDED = Duration.ofDays(3650);

    private final Duration total;
    private final long endNanos;
    private final LongSupplier nanoTime;

    private Deadline(Duration total, LongSupplier nanoTime) {
        this.total = total;
        this.nanoTime = nanoTime;
        this.endNanos = nanoTime.getAsLong() + total.toNanos();
    }

    /** @return a deadline {@code timeout} from now */
    public static Deadline after(Duration timeout) {
        return after(timeout, System::nanoTime);
    }

    /** @return a deadline {@code timeout} from now on the given monotonic clock (for tests) */
    public static Deadline after(Duration timeout, LongSupplier nanoTime) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(nanoTime, "nanoTime");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a deadline must lie in the future, not " + timeout + " from now");
        }
        return new Deadline(timeout.compareTo(UNBOUNDED) > 0 ? UNBOUNDED : timeout, nanoTime);
    }

    /** @return a deadline so far away that only the idle and connect timeouts bound a call (about ten years) */
    public static Deadline none() {
        return after(UNBOUNDED);
    }

    /** @return the timeout this deadline was made from, for messages */
    public Duration total() {
        return total;
    }

    /** @return what is left, zero once it has passed */
    public Duration remaining() {
        long left = endNanos - nanoTime.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** @return whether it has passed */
    public boolean expired() {
        return endNanos - nanoTime.getAsLong() <= 0;
    }

    /** @return {@code limit} or what is left, whichever is shorter */
    public Duration atMost(Duration limit) {
        Duration left = remaining();
        return limit.compareTo(left) < 0 ? limit : left;
    }

    /** @return {@code the step's timeout of 5 m}, for messages */
    public String describe() {
        return "the step's timeout of " + Durations.format(total);
    }

    @Override
    public String toString() {
        return "Deadline[" + Durations.format(total) + ", " + Durations.format(remaining()) + " left]";
    }
}
