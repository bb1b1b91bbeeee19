package io.jenkins.plugins.environments.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A place a digest is promoted through, such as {@code dev}, {@code staging} or {@code prod}.
 *
 * <ul>
 *   <li>{@code name}: as pipelines write it ({@code promoteDigest to: 'prod'}), an RFC 1123 label.
 *   <li>{@code tier}: required; see {@link Tier}.
 *   <li>{@code cluster}: the id of the cluster it runs on, required (that the cluster exists is checked by
 *       {@link EnvironmentsConfiguration#validate()}).
 *   <li>{@code namespacePattern}: the namespace of an application here, {@code {app}-{env}} when blank;
 *       see {@link NameTemplate.Kind#ENVIRONMENT_NAMESPACE}.
 *   <li>{@code region}, {@code owner}, {@code costCenter}: optional free text for people, one line each.
 *   <li>{@code dataPolicy}: what data it may hold, {@link DataPolicy#NONE} when not given.
 *   <li>{@code promotesFrom}: optional name of the environment digests must come from; not itself.
 *   <li>{@code gates}: what a promotion needs, {@link Gates#NONE} when not given.
 *   <li>{@code allowedJobs}: the job patterns permitted to deploy or promote here, blank entries and
 *       repeats dropped. No pattern means no job (deny by default), see {@link AllowedJobs}.
 *   <li>{@code gitOps}: optional; when set, promotions are committed to this GitOps target.
 * </ul>
 */
public record Environment(
        String name,
        Tier tier,
        String cluster,
        String namespacePattern,
        String region,
        DataPolicy dataPolicy,
        String promotesFrom,
        String owner,
        String costCenter,
        Gates gates,
        List<String> allowedJobs,
        GitOpsTarget gitOps) {

    public Environment {
        name = checkName(name);
        tier = checkTier(tier);
        cluster = checkCluster(cluster);
        namespacePattern = checkNamespacePattern(namespacePattern);
        region = checkRegion(region);
        dataPolicy = dataPolicy == null ? DataPolicy.NONE : dataPolicy;
        promotesFrom = checkPromotesFrom(name, promotesFrom);
        owner = checkOwner(owner);
        costCenter = checkCostCenter(costCenter);
        gates = gates == null ? Gates.NONE : gates;
        allowedJobs = checkAllowedJobs(allowedJobs);
    }

    /** @return the name, an RFC 1123 label; problems are reported for field {@code name} */
    public static String checkName(String name) {
        return Names.requireLabel("name", "Environment name", name);
    }

    /** @return the tier, which is required; problems are reported for field {@code tier} */
    public static Tier checkTier(Tier tier) {
        // Parsing nothing throws the message that lists the tiers.
        return tier != null ? tier : Tier.parse(null);
    }

    /** @return the region, or {@code null}; problems are reported for field {@code region} */
    public static String checkRegion(String region) {
        return Names.optionalText("region", "Region", region);
    }

    /** @return the owner, or {@code null}; problems are reported for field {@code owner} */
    public static String checkOwner(String owner) {
        return Names.optionalText("owner", "Owner", owner);
    }

    /** @return the cost center, or {@code null}; problems are reported for field {@code costCenter} */
    public static String checkCostCenter(String costCenter) {
        return Names.optionalText("costCenter", "Cost center", costCenter);
    }

    /** @return the cluster id, an RFC 1123 label; problems are reported for field {@code cluster} */
    public static String checkCluster(String cluster) {
        return Names.requireLabel("cluster", "Cluster id", cluster);
    }

    /** @return the template, the default when blank; problems are reported for field {@code namespacePattern} */
    public static String checkNamespacePattern(String namespacePattern) {
        return NameTemplate.check(NameTemplate.Kind.ENVIRONMENT_NAMESPACE, namespacePattern);
    }

    /**
     * @param name the environment's own name
     * @return the name promoted from, or {@code null}; problems are reported for field {@code promotesFrom}
     */
    public static String checkPromotesFrom(String name, String promotesFrom) {
        String from = Names.optionalLabel("promotesFrom", "Promotes from", promotesFrom);
        if (from != null && from.equals(name)) {
            throw new InvalidConfigurationException(
                    "promotesFrom",
                    "Environment '" + name + "' cannot promote from itself: name the environment its digests come"
                            + " from, or leave it empty");
        }
        return from;
    }

    /** @return the patterns, blank entries and repeats dropped; problems are reported for field {@code allowedJobs} */
    public static List<String> checkAllowedJobs(List<String> allowedJobs) {
        return AllowedJobs.of(allowedJobs).texts();
    }

    /** @return the allowed jobs as patterns to match with */
    public AllowedJobs jobAccess() {
        return AllowedJobs.of(allowedJobs);
    }

    /** @return whether the job with this full name may deploy or promote here */
    public boolean permitsJob(String fullName) {
        return jobAccess().permits(fullName);
    }

    /**
     * @param app the application's name
     * @return the application's namespace in this environment
     * @throws InvalidConfigurationException when the result is not a valid namespace, for instance because
     *     the application's name is too long
     */
    public String namespaceFor(String app) {
        Objects.requireNonNull(app, "app");
        return NameTemplate.environmentNamespace(namespacePattern).render(Map.of("app", app, "env", name));
    }

    /** @return what is allowed but probably a mistake in this environment, for the administrator to read */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        String prefix = "Environment '" + name + "' ";
        if (tier.isProductionLike() && gates.isEmpty()) {
            warnings.add(prefix + "is production-like (" + tier.id() + ") but has no gates: any allowed job can"
                    + " promote any digest to it; require approvals, a signature or a scan");
        }
        if (allowedJobs.isEmpty()) {
            warnings.add(prefix + "allows no job: add job patterns such as 'team-a/**' to let pipelines deploy"
                    + " or promote to it");
        }
        gates.warnings().forEach(w -> warnings.add(prefix + "gates: " + w));
        return List.copyOf(warnings);
    }
}
