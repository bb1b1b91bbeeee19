package io.jenkins.plugins.environments.ledger;

import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Names;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One entry of the ledger: something that happened to an app in an environment.
 *
 * <p>Only {@code type}, {@code time}, {@code app} and {@code environment} are required. The other text fields are
 * {@code null} when unknown; a blank value counts as unknown and becomes {@code null}, so the ledger never holds
 * empty strings. {@code details} is never {@code null}, is sorted by key and cannot be changed.
 *
 * @param type what happened
 * @param time when it happened
 * @param app the app's name
 * @param environment the environment's name, for example {@code prod}, or {@code preview} for previews
 * @param pr the pull request's number or id for previews, else {@code null}
 * @param digest the image digest, {@code sha256:} and 64 lower-case hex digits, or {@code null}
 * @param namespace the Kubernetes namespace, or {@code null}
 * @param url where the deployment answers, or {@code null}
 * @param actor the id of the user who acted, or {@code system} for the plugin itself, or {@code null}
 * @param reason why, for example {@code ttl}, {@code pr-closed} or {@code manual}, or {@code null}
 * @param build the URL of the build that acted, or {@code null}
 * @param details anything else worth keeping: approvers, strategy, a summary of gate results
 */
public record LedgerEvent(
        LedgerEventType type,
        Instant time,
        String app,
        String environment,
        String pr,
        String digest,
        String namespace,
        String url,
        String actor,
        String reason,
        String build,
        Map<String, String> details) {

    /** The longest actor, reason, URL, namespace, build or detail key kept; longer ones are cut with a marker. */
    public static final int MAX_FIELD = 1024;

    /** The longest detail value kept; a longer one is cut with a marker ({@link Names#truncate}). */
    public static final int MAX_DETAIL = 4096;

    /** The actor the plugin writes when nobody in particular acted. */
    public static final String SYSTEM = "system";

    private static final Pattern PR = Pattern.compile("[A-Za-z0-9._-]+");

    /** Validates the event and normalises blank optional values to {@code null}. */
    public LedgerEvent {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (time == null) {
            throw new IllegalArgumentException("time is required");
        }
        if (isBlank(app)) {
            throw new IllegalArgumentException("app must not be blank");
        }
        if (isBlank(environment)) {
            throw new IllegalArgumentException("environment must not be blank");
        }
        pr = blankToNull(pr);
        if (pr != null && !PR.matcher(pr).matches()) {
            throw new IllegalArgumentException("pr must be letters, digits, '.', '_' or '-', not '" + pr + "'");
        }
        digest = blankToNull(digest);
        if (digest != null && !Digests.isDigest(digest)) {
            throw new IllegalArgumentException(
                    "digest must be 'sha256:' followed by 64 lower-case hex digits, not '" + digest + "'");
        }
        namespace = bounded(namespace, MAX_FIELD);
        url = bounded(url, MAX_FIELD);
        actor = bounded(actor, MAX_FIELD);
        reason = bounded(reason, MAX_FIELD);
        build = bounded(build, MAX_FIELD);
        details = copyDetails(details);
    }

    /** @return a builder for an event of the type for the app in the environment */
    public static Builder builder(LedgerEventType type, String app, String environment) {
        return new Builder(type, app, environment);
    }

    /** @return whether the event concerns a pull request's preview, that is whether it names a PR */
    public boolean isPreview() {
        return pr != null;
    }

    private static Map<String, String> copyDetails(Map<String, String> details) {
        if (details == null || details.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        details.forEach((key, value) -> {
            if (isBlank(key)) {
                throw new IllegalArgumentException("details keys must not be blank");
            }
            if (value == null) {
                throw new IllegalArgumentException("details value for '" + key + "' must not be null");
            }
            copy.put(Names.truncate(key, MAX_FIELD), Names.truncate(value, MAX_DETAIL));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String bounded(String value, int max) {
        return Names.truncate(blankToNull(value), max);
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }

    /** Builds an event field by field; {@link #build()} validates it. */
    public static final class Builder {
        private final LedgerEventType type;
        private final String app;
        private final String environment;
        private Instant time;
        private String pr;
        private String digest;
        private String namespace;
        private String url;
        private String actor;
        private String reason;
        private String build;
        private final TreeMap<String, String> details = new TreeMap<>();

        private Builder(LedgerEventType type, String app, String environment) {
            this.type = type;
            this.app = app;
            this.environment = environment;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder pr(String pr) {
            this.pr = pr;
            return this;
        }

        public Builder pr(int pr) {
            return pr(Integer.toString(pr));
        }

        public Builder digest(String digest) {
            this.digest = digest;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder build(String build) {
            this.build = build;
            return this;
        }

        public Builder detail(String key, String value) {
            details.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** @return whether a time was set; {@link Ledger#append(Builder)} stamps the ledger's clock otherwise */
        boolean hasTime() {
            return time != null;
        }

        /** @return the validated event */
        public LedgerEvent build() {
            return new LedgerEvent(
                    type, time, app, environment, pr, digest, namespace, url, actor, reason, build, details);
        }
    }
}
