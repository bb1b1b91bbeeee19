package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A hand-written ledger for a test: events one minute apart from {@link #T0}, in the order they are added. */
final class Events {

    static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    final List<LedgerEvent> events = new ArrayList<>();

    static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    /** @return the time the next event gets */
    Instant next() {
        return T0.plusSeconds(60L * events.size());
    }

    LedgerEvent add(LedgerEvent.Builder builder) {
        LedgerEvent event = builder.time(next()).build();
        events.add(event);
        return event;
    }

    /** Adds an event of the type with the digest ({@code ' '} for none) by build {@code job/<app>/job/main/<n>/}. */
    LedgerEvent add(LedgerEventType type, String app, String environment, char digest) {
        return add(LedgerEvent.builder(type, app, environment)
                .digest(digest == ' ' ? null : digest(digest))
                .actor("alice")
                .build(build(app))
                .detail("strategy", "registry"));
    }

    LedgerEvent deploy(String app, String environment, char digest) {
        return add(LedgerEventType.DEPLOYED, app, environment, digest);
    }

    LedgerEvent requested(String app, String environment, char digest, String request) {
        return add(LedgerEvent.builder(LedgerEventType.APPROVAL_REQUESTED, app, environment)
                .digest(digest(digest))
                .actor("alice")
                .build("job/" + app + "/job/main/" + (events.size() + 1) + "/")
                .detail("request", request)
                .detail("required", "2")
                .detail("eligible", "bob,ops-team")
                .detail("page", "job/" + app + "/job/main/1/environment-approvals/"));
    }

    LedgerEvent decided(
            LedgerEventType type, String app, String environment, char digest, String request, String state) {
        LedgerEvent.Builder builder = LedgerEvent.builder(type, app, environment)
                .digest(digest(digest))
                .actor("bob")
                .detail("request", request);
        if (state != null) {
            builder.detail("state", state);
        }
        return add(builder);
    }

    private String build(String app) {
        return "job/" + app + "/job/main/" + (events.size() + 1) + "/";
    }
}
