package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Instant;

/**
 * What runs in one environment of one app: the last event that deployed, promoted or rolled back a digest there.
 *
 * @param type how it got there: deployed, promoted or rolled back
 * @param digest the digest, or {@code null} when the event named none
 * @param strategy how it was promoted ({@code registry}, {@code gitops}, {@code deploy}), or {@code null}
 * @param tag the registry tag that points at it, or {@code null}
 * @param version the version the promotion named, or {@code null}
 */
public record Deployment(
        String app,
        String environment,
        LedgerEventType type,
        Instant time,
        String digest,
        String namespace,
        String url,
        String actor,
        String build,
        String strategy,
        String tag,
        String version) {}
