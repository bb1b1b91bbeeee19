package io.jenkins.plugins.environments.dashboard;

import java.time.Instant;

/**
 * A promotion into one environment that started, or one that failed.
 *
 * @param digest the digest being promoted, or {@code null} when the event named none
 * @param time when it started, or when it failed
 * @param from the environment it promotes from, or {@code null}
 * @param deadline after this instant a started promotion without an outcome counts as abandoned; {@code null} when
 *     the event named none
 * @param reason why it failed, one line; {@code null} for a started promotion
 */
public record PromotionAttempt(
        String digest,
        Instant time,
        String actor,
        String build,
        String strategy,
        String from,
        Instant deadline,
        String reason) {}
