package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.kubernetes.PreviewInputs;
import io.jenkins.plugins.environments.kubernetes.PreviewNamespaceSpec;
import io.jenkins.plugins.environments.kubernetes.PreviewQuota;
import io.jenkins.plugins.environments.model.ChartValues;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.ImageFieldPath;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Limits;
import io.jenkins.plugins.environments.model.NameTemplate;
import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.PreviewDefaults;
import io.jenkins.plugins.environments.model.PreviewDomain;
import io.jenkins.plugins.environments.model.Quota;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.render.RenderException;
import io.jenkins.plugins.environments.render.RenderRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link PreviewRequest} into a {@link PreviewPlan}, or refuses it with a {@link PreviewException} that says
 * which value is wrong and why. Pure: no file, process, registry or cluster is touched, so a refused request has
 * changed nothing.
 */
public final class PreviewPlanner {

    /** The chart value that carries the shared schema's name. */
    public static final String SCHEMA_KEY = "database.schema";

    /** The chart value that carries the preview's host name. */
    public static final String HOST_KEY = "preview.host";

    /** How long {@code deployPreview} waits for readiness unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private static final Set<String> QUOTA_KEYS = Set.of("cpu", "memory", "pods");
    private static final int MAX_BUILD_URL = 2048;

    private PreviewPlanner() {}

    /**
     * @throws PreviewException when previews are not configured, or any value breaks a rule
     */
    public static PreviewPlan plan(EnvironmentsConfiguration configuration, PreviewRequest request) {
        try {
            return planChecked(configuration, request);
        } catch (RenderException | IllegalArgumentException e) {
            throw new PreviewException(e.getMessage(), e);
        }
    }

    /**
     * Finds where a preview lives, for a teardown.
     *
     * @param cluster a cluster id, or {@code null} for the preview default
     * @param namespaceTemplate a namespace template, or {@code null} for the default
     * @throws PreviewException when a value breaks a rule
     */
    public static PreviewTarget target(
            EnvironmentsConfiguration configuration, String app, String pr, String cluster, String namespaceTemplate) {
        try {
            PreviewDefaults defaults = defaults(configuration);
            String checkedApp = PreviewInputs.app(app);
            int number = pullRequest(pr);
            Cluster target =
                    cluster(configuration, cluster == null || cluster.isBlank() ? defaults.cluster() : cluster);
            String namespace = name(namespaceTemplate, defaults.namespacePattern(), true, checkedApp, number);
            return new PreviewTarget(target, checkedApp, number, namespace);
        } catch (IllegalArgumentException e) {
            throw new PreviewException(e.getMessage(), e);
        }
    }

    private static PreviewPlan planChecked(EnvironmentsConfiguration configuration, PreviewRequest request) {
        PreviewDefaults defaults = defaults(configuration);
        String app = PreviewInputs.app(request.app());
        int number = pullRequest(request.pr());
        String clusterId = blank(request.cluster()) ? defaults.cluster() : request.cluster();
        Cluster cluster = cluster(configuration, clusterId);
        String job = request.job() == null ? null : checkJob(request.job());
        if (!cluster.id().equals(defaults.cluster())) {
            requireOpenToJob(configuration, cluster, job);
        }
        String namespace = name(request.namespace(), defaults.namespacePattern(), true, app, number);
        String host = host(defaults, request.host(), app, number);
        ImageReference image = ImageReference.parse("image", request.image());
        if (image.tag() != null) {
            registryFor(configuration, image);
        }
        Duration ttl = defaults.ttlFor(request.ttl());
        Duration timeout = defaults.timeoutFor(request.timeout(), DEFAULT_TIMEOUT);
        ChartValues.requireNoNulls("values", request.values());
        if (!blank(request.chart())) {
            Names.requireFitsReleaseName("app", app);
        }
        String buildUrl = checkBuildUrl(request.buildUrl());
        PreviewQuota quota = quota(defaults, request.quota());
        PreviewNamespaceSpec spec =
                new PreviewNamespaceSpec(namespace, app, number, ttl, buildUrl, request.pinned(), quota);

        DatabaseStrategy database = DatabaseStrategy.parse(request.database());
        String schema = database == DatabaseStrategy.SHARED_SCHEMA ? "pr_" + number : null;
        String helm = blank(request.helm()) ? "helm" : request.helm();
        String kubectl = blank(request.kubectl()) ? "kubectl" : request.kubectl();
        RenderRequest render = render(request, app, namespace, host, schema, helm, kubectl);
        RenderRequest databaseRender = null;
        if (database == DatabaseStrategy.EPHEMERAL) {
            if (blank(request.databaseManifests())) {
                throw new PreviewException("database 'ephemeral' needs databaseManifests: the folder of manifests that"
                        + " create the preview's database");
            }
            databaseRender = RenderRequest.manifests(request.databaseManifests(), app, namespace);
        } else if (!blank(request.databaseManifests())) {
            throw new PreviewException(
                    "databaseManifests is used only with database 'ephemeral', not '" + database.id() + "'");
        }
        if (database == DatabaseStrategy.SHARED_SCHEMA && render.kind() != RenderRequest.SourceKind.CHART) {
            throw new PreviewException("database 'shared-schema' hands the schema name to a chart as the value "
                    + SCHEMA_KEY + ": it needs chart, not kustomize or manifests");
        }
        return new PreviewPlan(
                cluster,
                defaults.whenFull(),
                spec,
                host,
                image,
                render,
                databaseRender,
                database,
                schema,
                request.waitForReady(),
                timeout,
                job,
                ImageFieldPath.parseAll(request.imageFields()));
    }

    /**
     * Rule: a preview may go to another cluster than the preview default only from a job that every environment on
     * that cluster allows; otherwise any pull request could deploy into, say, the production cluster with its
     * credentials.
     */
    private static void requireOpenToJob(EnvironmentsConfiguration configuration, Cluster cluster, String job) {
        for (Environment environment : configuration.environments()) {
            if (environment.cluster().equals(cluster.id()) && (job == null || !environment.permitsJob(job))) {
                throw new PreviewException("cluster '" + cluster.id() + "' runs environment '" + environment.name()
                        + "', which does not allow job " + (job == null ? "(unknown)" : PreviewInputs.quote(job))
                        + ": a preview may go to a cluster other than the preview default only from a job that"
                        + " every environment on it allows");
            }
        }
    }

    /** @return the configured registry that holds the image, needed to resolve a tag */
    static Registry registryFor(EnvironmentsConfiguration configuration, ImageReference image) {
        return configuration.registries().stream()
                .filter(r -> image.isServedBy(r.host()))
                .findFirst()
                .orElseThrow(() -> new PreviewException("image " + PreviewInputs.quote(image.toString())
                        + " names a tag, and no registry is configured for host "
                        + PreviewInputs.quote(image.registry())
                        + " to resolve it: configure the registry, or give the image by digest"));
    }

    private static PreviewDefaults defaults(EnvironmentsConfiguration configuration) {
        if (configuration.previewDefaults() == null) {
            throw new PreviewException("Previews are not configured: set the preview cluster under Manage Jenkins »"
                    + " Environment Management » Previews");
        }
        return configuration.previewDefaults();
    }

    private static int pullRequest(String pr) {
        if (blank(pr)) {
            throw new PreviewException("pr is required: pass pr, or run in a multibranch pull-request build, where"
                    + " CHANGE_ID gives it");
        }
        return PreviewInputs.pullRequest(pr);
    }

    private static Cluster cluster(EnvironmentsConfiguration configuration, String id) {
        return configuration
                .cluster(id)
                .orElseThrow(() -> new PreviewException("cluster " + PreviewInputs.quote(id)
                        + " is not configured; configured clusters: "
                        + (configuration.clusters().isEmpty()
                                ? "none"
                                : configuration.clusters().stream()
                                        .map(Cluster::id)
                                        .collect(Collectors.joining(", ")))));
    }

    /**
     * Renders a namespace or host template. A template that passed its check with the sample values but fails with
     * this request's app is the app's fault, and the message says so.
     */
    private static String name(String template, String fallback, boolean namespace, String app, int number) {
        String chosen = blank(template) ? fallback : template;
        NameTemplate parsed = namespace ? NameTemplate.previewNamespace(chosen) : NameTemplate.previewHost(chosen);
        try {
            return parsed.render(Map.of("app", app, "number", String.valueOf(number)));
        } catch (InvalidConfigurationException e) {
            String sampleApp = NameTemplate.SAMPLE_VALUES.get("app");
            if (!chosen.contains("{app}")
                    || !succeeds(() -> parsed.render(Map.of("app", sampleApp, "number", String.valueOf(number))))) {
                throw e;
            }
            String noun = namespace ? "namespace" : "host name";
            int max = namespace ? 63 : 253;
            String result = chosen.replace("{app}", app).replace("{number}", String.valueOf(number));
            throw new PreviewException("app " + PreviewInputs.quote(app) + " (" + app.length() + " characters) is"
                    + " too long: it becomes the " + noun + " " + Names.quote(result) + " of template "
                    + Names.quote(chosen) + ", which is not valid (labels have at most 63 characters"
                    + (namespace ? "" : ", a host name at most " + max) + "); use a shorter app name");
        }
    }

    private static boolean succeeds(Runnable check) {
        try {
            check.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The preview's host: the pipeline's template (or the default one) rendered, and checked to lie under the preview
     * domain ({@link PreviewDomain}); a pipeline's own template is named {@code host} in the message.
     */
    private static String host(PreviewDefaults defaults, String template, String app, int number) {
        PreviewDomain domain = defaults.domain();
        if (!blank(template)) {
            NameTemplate.previewHost(template);
            domain.requireUnder("host", template);
        }
        String host = name(template, defaults.hostTemplate(), false, app, number);
        return domain.requireHost("host", host);
    }

    private static PreviewQuota quota(PreviewDefaults defaults, Map<String, String> override) {
        for (String key : override.keySet()) {
            if (key != null && !QUOTA_KEYS.contains(key)) {
                throw new PreviewException(
                        "quota key " + PreviewInputs.quote(key) + " is not known: use cpu, memory" + " or pods");
            }
        }
        ChartValues.requireNoNulls("quota", override);
        Quota base = defaults.quota();
        String pods = override.get("pods");
        Quota quota = new Quota(
                override.getOrDefault("cpu", base.cpu()),
                override.getOrDefault("memory", base.memory()),
                pods == null ? base.pods() : podCount(pods));
        Limits limits = defaults.limits();
        // The same rule as the global defaults: the default request must fit in the quota.
        defaults.withQuota(quota);
        return new PreviewQuota(
                quota.cpu(),
                quota.memory(),
                quota.pods(),
                limits.defaultCpuRequest(),
                limits.defaultMemoryRequest(),
                limits.defaultCpuLimit(),
                limits.defaultMemoryLimit());
    }

    private static int podCount(String text) {
        if (!text.matches("[1-9][0-9]{0,3}")) {
            throw new InvalidConfigurationException(
                    "quota", "quota pods " + PreviewInputs.quote(text) + " must be a number from 1 to 9999");
        }
        return Integer.parseInt(text);
    }

    private static RenderRequest render(
            PreviewRequest request,
            String app,
            String namespace,
            String host,
            String schema,
            String helm,
            String kubectl) {
        Map<String, String> chartValues = new LinkedHashMap<>();
        chartValues.put(HOST_KEY, host);
        if (schema != null) {
            chartValues.put(SCHEMA_KEY, schema);
        }
        return RenderRequest.of(
                request.chart(),
                request.kustomize(),
                request.manifests(),
                request.values(),
                chartValues,
                request.set(),
                request.setString(),
                request.setFile(),
                app,
                namespace,
                helm,
                kubectl);
    }

    private static String checkBuildUrl(String url) {
        if (blank(url)) {
            return null;
        }
        if (url.length() > MAX_BUILD_URL) {
            throw new PreviewException("build URL is longer than " + MAX_BUILD_URL + " characters");
        }
        return url;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Job names as Jenkins writes full names: no control characters, bounded. */
    private static String checkJob(String job) {
        if (job.isBlank() || job.length() > 1024 || job.chars().anyMatch(Character::isISOControl)) {
            throw new PreviewException("job " + PreviewInputs.quote(job) + " is not a job's full name");
        }
        return job;
    }
}
