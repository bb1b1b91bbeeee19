package io.jenkins.plugins.environments.model;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How long a remote party (a registry, its token service, a Git remote, a Kubernetes API server) may keep the plugin
 * waiting at each stage of one call; the overall bound of a step is its {@link Deadline}.
 *
 * @param connect how long opening a connection may take
 * @param idle how long a call may go without a single byte moving, in either direction, before it counts as stalled
 *     <p>Clients made without timeouts of their own use {@link #configured()}: the standard ones, unless the JVM was
 *     started with other values ({@code -Dio.jenkins.plugins.environments.idleTimeout=2m}).
 */
public record Timeouts(Duration connect, Duration idle) {

    /** Connect 10 s, idle 30 s. */
    public static final Timeouts STANDARD = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));

    /** The system property that replaces the standard connect timeout, a duration such as {@code 20s}. */
    public static final String CONNECT_PROPERTY = "io.jenkins.plugins.environments.connectTimeout";

    /** The system property that replaces the standard idle timeout, a duration such as {@code 2m}. */
    public static final String IDLE_PROPERTY = "io.jenkins.plugins.environments.idleTimeout";

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(idle, "idle");
        if (connect.isNegative() || connect.isZero() || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException(
                    "timeouts must be longer than zero: connect " + connect + ", idle " + idle);
        }
    }

    /**
     * @return the timeouts the JVM was started with ({@link #CONNECT_PROPERTY}, {@link #IDLE_PROPERTY}), each
     *     {@link #STANDARD} when not set
     * @throws InvalidConfigurationException naming the property when a value is not a duration
     */
    public static Timeouts configured() {
        return from(System::getProperty);
    }

    /** @return the timeouts given by {@code properties} (a property lookup), each {@link #STANDARD} when not set */
    static Timeouts from(UnaryOperator<String> properties) {
        return new Timeouts(
                duration(properties, CONNECT_PROPERTY, "Connect timeout", STANDARD.connect()),
                duration(properties, IDLE_PROPERTY, "Idle timeout", STANDARD.idle()));
    }

    private static Duration duration(UnaryOperator<String> properties, String name, String what, Duration standard) {
        String value = properties.apply(name);
        return Names.isBlank(value) ? standard : Durations.parse(name, what, value.trim());
    }

    /** @return the idle timeout in whole seconds, at least one, for APIs that count in seconds (JGit) */
    public int idleSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (idle.toMillis() + 999) / 1000));
    }
}
