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
 *   <li>{@code ttl}: how long a preview lives after its last deploy, 72 hours when not given; more than
 *       zero.
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
        WhenFull whenFull) {

    public static final Duration DEFAULT_TTL = Duration.ofHours(72);

    private static final String FIT = "not even one container with the default request would fit in a preview";

    public PreviewDefaults {
        cluster = checkCluster(cluster);
        namespacePattern = checkNamespacePattern(namespacePattern);
        hostTemplate = checkHostTemplate(hostTemplate);
        ttl = checkTtl(ttl);
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
