package io.jenkins.plugins.environments.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything an administrator configures: clusters, registries, environments, the apps that may be promoted and,
 * optionally, the preview defaults. Each entry checks itself when it is made; {@link #validate()} adds the rules that span entries:
 * ids and names are unique, every reference (an environment's cluster, the previews' cluster, an
 * environment's {@code promotesFrom}) names something configured, and environments do not promote from each
 * other in a circle, and the rules of apps ({@link #appErrors}). A production-like environment without gates is a warning, not an error, as are the
 * entries' own warnings. Lookups return the first entry of a name. A {@code null} list means an empty one;
 * the lists must not contain {@code null}, and {@code previewDefaults} may be {@code null} (no previews).
 */
public record EnvironmentsConfiguration(
        List<Cluster> clusters,
        List<Registry> registries,
        List<Environment> environments,
        PreviewDefaults previewDefaults,
        List<App> apps) {

    public EnvironmentsConfiguration {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        registries = registries == null ? List.of() : List.copyOf(registries);
        environments = environments == null ? List.of() : List.copyOf(environments);
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    /** A configuration without declared apps: previews only, nothing can be promoted. */
    public EnvironmentsConfiguration(
            List<Cluster> clusters,
            List<Registry> registries,
            List<Environment> environments,
            PreviewDefaults previewDefaults) {
        this(clusters, registries, environments, previewDefaults, List.of());
    }

    /** @return the same configuration with these apps declared */
    public EnvironmentsConfiguration withApps(List<App> declared) {
        return new EnvironmentsConfiguration(clusters, registries, environments, previewDefaults, declared);
    }

    /** @return the rules that span entries, checked, and every entry's warnings */
    public ValidationReport validate() {
        List<String> errors = new ArrayList<>();
        duplicates(clusters, Cluster::id, "Cluster", "id", errors);
        duplicates(registries, Registry::id, "Registry", "id", errors);
        duplicates(environments, Environment::name, "Environment", "name", errors);
        Set<String> clusterIds = names(clusters, Cluster::id);
        Set<String> environmentNames = names(environments, Environment::name);
        for (Environment environment : environments) {
            String subject = "Environment '" + environment.name() + "'";
            unknown(subject + " uses cluster", environment.cluster(), clusterIds, "clusters", errors);
            if (environment.promotesFrom() != null) {
                unknown(
                        subject + " promotes from",
                        environment.promotesFrom(),
                        environmentNames,
                        "environments",
                        errors);
            }
        }
        if (previewDefaults != null) {
            unknown("Preview defaults use cluster", previewDefaults.cluster(), clusterIds, "clusters", errors);
        }
        appErrors(environmentNames, errors);
        for (List<String> cycle : PromotionGraph.of(environments).cycles()) {
            errors.add("Environments promote from each other in a circle: " + String.join(" → ", cycle)
                    + "; change promotesFrom of one of them");
        }
        List<String> warnings = Stream.of(
                        clusters.stream().map(Cluster::warnings),
                        registries.stream().map(Registry::warnings),
                        environments.stream().map(Environment::warnings),
                        apps.stream().map(App::warnings),
                        Stream.ofNullable(previewDefaults).map(PreviewDefaults::warnings))
                .flatMap(Function.identity())
                .flatMap(List::stream)
                .toList();
        return new ValidationReport(errors, warnings);
    }

    /**
     * The rules of apps that span entries: unique names, targets in configured environments, images and target
     * repositories in configured registries, and no two apps sharing a registry tag or a GitOps key in one
     * environment (one app could otherwise move the other's).
     */
    private void appErrors(Set<String> environmentNames, List<String> errors) {
        duplicates(apps, App::name, "App", "name", errors);
        Set<String> hosts = names(registries, Registry::host);
        Map<String, String> claimed = new LinkedHashMap<>();
        for (App app : apps) {
            String subject = "App '" + app.name() + "'";
            unknown(subject + " has its image in registry", registryOf(app.image()), hosts, "registries", errors);
            for (AppTarget target : app.targets()) {
                String where = subject + " in '" + target.environment() + "'";
                unknown(
                        subject + " has a target in environment",
                        target.environment(),
                        environmentNames,
                        "environments",
                        errors);
                String repository = target.repositoryOr(app.image());
                if (target.repository() != null) {
                    unknown(where + " promotes into registry", registryOf(repository), hosts, "registries", errors);
                }
                claim(
                        claimed,
                        target.environment() + " " + repository + ":" + target.tagOrEnvironment(),
                        app.name(),
                        "tag " + repository + ":" + target.tagOrEnvironment() + " in '" + target.environment() + "'",
                        errors);
                environment(target.environment())
                        .map(target::gitOpsIn)
                        .ifPresent(g -> claim(
                                claimed,
                                target.environment() + " " + g.repositoryUrl() + " " + g.valuesFile() + " "
                                        + g.digestKey(),
                                app.name(),
                                "GitOps key " + g.digestKey() + " of " + g.valuesFile() + " in '" + target.environment()
                                        + "'",
                                errors));
            }
        }
    }

    private static void claim(Map<String, String> claimed, String key, String app, String what, List<String> errors) {
        String owner = claimed.putIfAbsent(key, app);
        if (owner != null && !owner.equals(app)) {
            errors.add("Apps '" + owner + "' and '" + app + "' both promote into " + what
                    + ": give each app its own target");
        }
    }

    private static String registryOf(String repository) {
        return repository.substring(0, repository.indexOf('/'));
    }

    private static <T> void duplicates(
            List<T> entries, Function<T, String> id, String kind, String key, List<String> errors) {
        Map<String, Long> counts = entries.stream()
                .map(id)
                .collect(Collectors.groupingBy(i -> i, LinkedHashMap::new, Collectors.counting()));
        counts.forEach((name, count) -> {
            if (count > 1) {
                errors.add(kind + " " + key + " '" + name + "' is used more than once: give each "
                        + kind.toLowerCase(Locale.ROOT) + " its own " + key);
            }
        });
    }

    private static void unknown(String subject, String name, Set<String> known, String nouns, List<String> errors) {
        if (!known.contains(name)) {
            errors.add(subject + " '" + name + "', which is not configured: "
                    + (known.isEmpty()
                            ? "no " + nouns + " are configured"
                            : "known " + nouns + " are " + String.join(", ", known)));
        }
    }

    private static <T> Set<String> names(List<T> entries, Function<T, String> id) {
        return entries.stream().map(id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** @return the first cluster with this id */
    public Optional<Cluster> cluster(String id) {
        return clusters.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** @return the first registry with this id */
    public Optional<Registry> registry(String id) {
        return registries.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** @return the first app with this name */
    public Optional<App> app(String name) {
        return apps.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** @return the first environment with this name */
    public Optional<Environment> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * @return the environments a digest passes through to reach {@code name}, the first source first and the
     *     environment itself last (for {@code prod}, say, {@code [dev, staging, prod]}); as far as the sources
     *     resolve and never round a cycle twice; empty for an unknown name
     */
    public List<Environment> promotionChain(String name) {
        return PromotionGraph.of(environments).chain(name).stream()
                .map(n -> environment(n).orElseThrow())
                .toList();
    }
}
