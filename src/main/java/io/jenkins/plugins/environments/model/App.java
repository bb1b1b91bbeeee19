package io.jenkins.plugins.environments.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An application as the administrator declared it: what {@code promoteDigest} and {@code awaitApproval} take by name,
 * and everything a promotion of it may touch. Modelled on Argo CD's AppProject (source repositories, destinations)
 * and Kargo's projects: a pipeline names the app, the configuration says where it goes.
 *
 * <ul>
 *   <li>{@code name}: an RFC 1123 label; holds, history, approvals and live-in-source are keyed by it.
 *   <li>{@code image}: the image's repository with its registry, without tag or digest, such as
 *       {@code registry.example.com/team/shop}; digests are promoted from here.
 *   <li>{@code ownerJobs}: job patterns of the jobs that own the app, as {@link AllowedJobs} reads them; deny by
 *       default: no pattern, no job may promote the app.
 *   <li>{@code targets}: one {@link AppTarget} per environment the app may go to; an environment not listed is
 *       refused. At most one target per environment.
 * </ul>
 *
 * <p>Previews need no declared app: {@code deployPreview} keeps its own {@code app} parameter.
 */
public record App(String name, String image, List<String> ownerJobs, List<AppTarget> targets) {

    public App {
        name = checkName(name);
        image = checkImage("image", "Image", image);
        ownerJobs = checkOwnerJobs(ownerJobs);
        targets = targets == null ? List.of() : List.copyOf(targets);
        for (AppTarget target : targets) {
            Objects.requireNonNull(target, "target");
        }
        List<String> repeated = targets.stream()
                .collect(Collectors.groupingBy(AppTarget::environment, Collectors.counting()))
                .entrySet()
                .stream()
                .filter(e -> e.getValue() > 1)
                .map(java.util.Map.Entry::getKey)
                .sorted()
                .toList();
        if (!repeated.isEmpty()) {
            throw new InvalidConfigurationException(
                    "targets",
                    "App '" + name + "' has more than one target in " + String.join(", ", repeated)
                            + ": give each environment one target");
        }
    }

    /** @return the name, an RFC 1123 label; problems are reported for field {@code name} */
    public static String checkName(String name) {
        return Names.requireLabel("name", "App name", name);
    }

    /** @return the patterns, blank entries and repeats dropped; problems are reported for field {@code ownerJobs} */
    public static List<String> checkOwnerJobs(List<String> ownerJobs) {
        try {
            return AllowedJobs.of(ownerJobs).texts();
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException("ownerJobs", e.getMessage());
        }
    }

    /**
     * @return a repository with its registry and without tag or digest, such as
     *     {@code registry.example.com/team/shop}; problems are reported for {@code field}
     */
    public static String checkImage(String field, String what, String image) {
        Names.require(field, what, image);
        int slash = image.lastIndexOf('/');
        if (image.contains("@") || (slash >= 0 && image.indexOf(':', slash) >= 0)) {
            throw Names.invalid(
                    field,
                    what,
                    image,
                    "must be a repository without tag or digest, such as 'registry.example.com/team/shop'");
        }
        int first = image.indexOf('/');
        if (first <= 0) {
            throw Names.invalid(
                    field,
                    what,
                    image,
                    "must start with the registry's host, such as 'registry.example.com/team/shop'");
        }
        HostAndPort.parse(field, what + " registry", image.substring(0, first));
        ImageReference.checkRepository(field, image.substring(first + 1));
        return image;
    }

    /** @return the owner patterns to match with */
    public AllowedJobs owners() {
        return AllowedJobs.of(ownerJobs);
    }

    /** @return whether the job with this full name owns the app */
    public boolean ownedBy(String jobFullName) {
        return owners().permits(jobFullName);
    }

    /** @return the app's target in this environment, if the app may go there */
    public Optional<AppTarget> target(String environment) {
        return targets.stream().filter(t -> t.environment().equals(environment)).findFirst();
    }

    /** @return the app's namespace in an environment: its target's, or the environment's pattern for the app */
    public String namespaceIn(Environment environment) {
        return target(environment.name())
                .map(t -> t.namespaceIn(environment, name))
                .orElseGet(() -> environment.namespaceFor(name));
    }

    /** @return what is allowed but probably a mistake, for the administrator to read */
    public List<String> warnings() {
        if (ownerJobs.isEmpty()) {
            return List.of("App '" + name + "' has no owner jobs: no pipeline can promote it; add job patterns such as"
                    + " 'team-a/shop/**'");
        }
        if (targets.isEmpty()) {
            return List.of(
                    "App '" + name + "' has no targets: it cannot be promoted anywhere; add one per" + " environment");
        }
        return List.of();
    }
}
