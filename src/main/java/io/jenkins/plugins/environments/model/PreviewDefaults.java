package io.jenkins.plugins.environments.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code deployPreview} makes pull-request previews unless a pipeline says otherwise.
 *
 * <ul>
 *   <li>{@code cluster}: the id of the cluster previews go to, required.
 *   <li>{@code namespacePattern}: {@code pr-{number}} when blank, see
 *       {@link NameTemplate.Kind#PREVIEW_NAMESPACE}.
 *   <li>{@code hostTemplate}: {@code pr-{number}.preview.example.com} when blank, see
 *       {@link NameTemplate.Kind#PREVIEW_HOST}.
 *   <li>{@code previewDomain}: the DNS domain preview hosts live under, see {@link PreviewDomain}; when blank,
 *       taken from the host template ({@code preview.example.com} for the default template). The host template must
 *       end in it.
 *   <li>{@code ttl}: how long a preview lives after its last deploy, 72 hours (or {@code maxTtl} if shorter) when
 *       not given; more than zero, at most {@code maxTtl}.
 *   <li>{@code maxTtl}: the longest {@code ttl} a pipeline may ask for, 30 days when not given.
 *   <li>{@code maxTimeout}: the longest {@code timeout} a pipeline may ask {@code deployPreview} to wait, 2 hours
 *       when not given.
 *   <li>{@code quota}, {@code limits}: {@link Quota#DEFAULT} and {@link Limits#DEFAULT} when not given. The
 *       default CPU and memory requests must fit in the quota, or no container could start.
 *   <li>{@code whenFull}: {@link WhenFull#QUEUE} when not given.
 * </ul>
 */
public record PreviewDefaults(
        String cluster,
        String namespacePattern,
        String hostTemplate,
        Duration ttl,
        Quota quota,
        Limits limits,
        WhenFull whenFull,
        String previewDomain,
        Duration maxTtl,
        Duration maxTimeout) {

    public static final Duration DEFAULT_TTL = Duration.ofHours(72);
    public static final Duration DEFAULT_MAX_TTL = Duration.ofDays(30);
    public static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofHours(2);

    /** How the maximum TTL is named in messages about a {@code ttl} that exceeds it. */
    public static final String MAX_TTL_OWNER = "the longest TTL the administrator allows (maxTtl)";

    /** How the maximum timeout is named in messages about a {@code timeout} that exceeds it. */
    public static final String MAX_TIMEOUT_OWNER = "the longest timeout the administrator allows (maxTimeout)";

    private static final String FIT = "not even one container with the default request would fit in a preview";

    public PreviewDefaults {
        cluster = checkCluster(cluster);
        namespacePattern = checkNamespacePattern(namespacePattern);
        hostTemplate = checkHostTemplate(hostTemplate);
        previewDomain = PreviewDomain.of(previewDomain, hostTemplate).name();
        new PreviewDomain(previewDomain).requireUnder(NameTemplate.Kind.PREVIEW_HOST.field(), hostTemplate);
        maxTtl = checkMax("maxTtl", "Maximum TTL", maxTtl, DEFAULT_MAX_TTL);
        maxTimeout = checkMax("maxTimeout", "Maximum timeout", maxTimeout, DEFAULT_MAX_TIMEOUT);
        ttl = ttl == null ? min(DEFAULT_TTL, maxTtl) : checkTtl(ttl);
        Durations.requireAtMost("ttl", "Preview TTL", Durations.format(ttl), ttl, maxTtl, MAX_TTL_OWNER);
        quota = quota == null ? Quota.DEFAULT : quota;
        limits = limits == null ? Limits.DEFAULT : limits;
        whenFull = whenFull == null ? WhenFull.QUEUE : whenFull;
        Quantities.requireAtMost(
                "defaultCpuRequest",
                "Default CPU request",
                limits.defaultCpuRequest(),
                "the quota's CPU",
                quota.cpu(),
                FIT);
        Quantities.requireAtMost(
                "defaultMemoryRequest",
                "Default memory request",
                limits.defaultMemoryRequest(),
                "the quota's memory",
                quota.memory(),
                FIT);
    }

    /** Defaults without an explicit preview domain and with the default maximum TTL and timeout. */
    public PreviewDefaults(
            String cluster,
            String namespacePattern,
            String hostTemplate,
            Duration ttl,
            Quota quota,
            Limits limits,
            WhenFull whenFull) {
        this(cluster, namespacePattern, hostTemplate, ttl, quota, limits, whenFull, null, null, null);
    }

    /** @return a copy with another quota, checked as a whole again */
    public PreviewDefaults withQuota(Quota quota) {
        return new PreviewDefaults(
                cluster,
                namespacePattern,
                hostTemplate,
                ttl,
                quota,
                limits,
                whenFull,
                previewDomain,
                maxTtl,
                maxTimeout);
    }

    /** @return the preview domain; hosts are checked against it with {@link PreviewDomain#requireUnder} */
    public PreviewDomain domain() {
        return new PreviewDomain(previewDomain);
    }

    /**
     * @param hostTemplate the host template as the form has it, for a domain taken from it; blank for the default
     * @return the domain; problems are reported for field {@code previewDomain} or {@code hostTemplate}
     */
    public static String checkPreviewDomain(String previewDomain, String hostTemplate) {
        String template = checkHostTemplate(hostTemplate);
        PreviewDomain domain = PreviewDomain.of(previewDomain, template);
        domain.requireUnder(NameTemplate.Kind.PREVIEW_HOST.field(), template);
        return domain.name();
    }

    /** @return the maximum TTL written as {@link Durations} reads it, 30 days when blank; problems for maxTtl */
    public static Duration parseMaxTtl(String maxTtl) {
        return Names.isBlank(maxTtl) ? DEFAULT_MAX_TTL : Durations.parse("maxTtl", "Maximum TTL", maxTtl);
    }

    /** @return the maximum timeout written as {@link Durations} reads it, 2 hours when blank; problems for maxTimeout */
    public static Duration parseMaxTimeout(String maxTimeout) {
        return Names.isBlank(maxTimeout)
                ? DEFAULT_MAX_TIMEOUT
                : Durations.parse("maxTimeout", "Maximum timeout", maxTimeout);
    }

    /**
     * Parses a pipeline's {@code ttl}: at most {@link #maxTtl()}.
     *
     * @return the default TTL when blank
     */
    public Duration ttlFor(String text) {
        return Names.isBlank(text) ? ttl : Durations.parse("ttl", "Preview TTL", text, maxTtl, MAX_TTL_OWNER);
    }

    /**
     * Parses a pipeline's {@code timeout}: at most {@link #maxTimeout()}.
     *
     * @param fallback the step's own default, used (shortened to the maximum) when blank
     */
    public Duration timeoutFor(String text, Duration fallback) {
        return Names.isBlank(text)
                ? min(fallback, maxTimeout)
                : Durations.parse("timeout", "Timeout", text, maxTimeout, MAX_TIMEOUT_OWNER);
    }

    private static Duration checkMax(String field, String what, Duration max, Duration fallback) {
        return max == null ? fallback : Durations.requirePositive(field, what, Durations.format(max), max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** @return the cluster id, an RFC 1123 label; problems are reported for field {@code cluster} */
    public static String checkCluster(String cluster) {
        return Names.requireLabel("cluster", "Cluster id", cluster);
    }

    /** @return the template, the default when blank; problems are reported for field {@code namespacePattern} */
    public static String checkNamespacePattern(String namespacePattern) {
        return NameTemplate.check(NameTemplate.Kind.PREVIEW_NAMESPACE, namespacePattern);
    }

    /** @return the template, the default when blank; problems are reported for field {@code hostTemplate} */
    public static String checkHostTemplate(String hostTemplate) {
        return NameTemplate.check(NameTemplate.Kind.PREVIEW_HOST, hostTemplate);
    }

    /** @return the duration, 72 hours when {@code null}; problems are reported for field {@code ttl} */
    public static Duration checkTtl(Duration ttl) {
        return ttl == null ? DEFAULT_TTL : Durations.requirePositive("ttl", "Preview TTL", ttl.toString(), ttl);
    }

    /** @return the duration written as {@link Durations} reads it, 72 hours when blank; problems for {@code ttl} */
    public static Duration parseTtl(String ttl) {
        return Names.isBlank(ttl) ? DEFAULT_TTL : Durations.parse("ttl", "Preview TTL", ttl);
    }

    /** @return the namespace of the preview of one pull request of an application */
    public String namespaceFor(String app, int pullRequest) {
        return NameTemplate.previewNamespace(namespacePattern).render(values(app, pullRequest));
    }

    /** @return the host name of the preview of one pull request of an application */
    public String hostFor(String app, int pullRequest) {
        return NameTemplate.previewHost(hostTemplate).render(values(app, pullRequest));
    }

    private static Map<String, String> values(String app, int pullRequest) {
        if (pullRequest < 1) {
            throw new IllegalArgumentException("A pull request number is positive, not " + pullRequest);
        }
        return Map.of("app", Objects.requireNonNull(app, "app"), "number", String.valueOf(pullRequest));
    }

    /** @return what is allowed but probably a mistake in these defaults, for the administrator to read */
    public List<String> warnings() {
        if (hostTemplate.endsWith(".example.com")) {
            return List.of("Preview host template " + Names.quote(hostTemplate)
                    + " uses the placeholder domain example.com: set a domain that points to the preview cluster");
        }
        return List.of();
    }
}
