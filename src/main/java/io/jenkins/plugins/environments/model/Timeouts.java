package io.jenkins.plugins.environments.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a remote party (a registry, its token service, a Git remote, a Kubernetes API server) may keep the plugin
 * waiting at each stage of one call; the overall bound of a step is its {@link Deadline}.
 *
 * @param connect how long opening a connection may take
 * @param idle how long a call may go without a single byte moving, in either direction, before it counts as stalled
 */
public record Timeouts(Duration connect, Duration idle) {

    /** Connect 10 s, idle 30 s. */
    public static final Timeouts STANDARD = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(idle, "idle");
        if (connect.isNegative() || connect.isZero() || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException(
                    "timeouts must be longer than zero: connect " + connect + ", idle " + idle);
        }
    }

    /** @return the idle timeout in whole seconds, at least one, for APIs that count in seconds (JGit) */
    public int idleSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (idle.toMillis() + 999) / 1000));
    }
}
