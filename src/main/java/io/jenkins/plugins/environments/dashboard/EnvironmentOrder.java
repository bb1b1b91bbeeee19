package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.PromotionGraph;
import io.jenkins.plugins.environments.model.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of the matrix: environments in the order digests flow through them. Environments without a source come
 * first, then those one promotion away, and so on (the length of an environment's chain of {@code promotesFrom});
 * environments at the same distance keep the order they are configured in. Disaster-recovery and sandbox environments
 * (tier {@code dr} or {@code sandbox}) come last, in the same order among themselves.
 */
public final class EnvironmentOrder {

    private EnvironmentOrder() {}

    /** @return the environments in column order; the first of each name, repeats dropped */
    public static List<Environment> of(List<Environment> environments) {
        Map<String, Environment> unique = new LinkedHashMap<>();
        environments.forEach(e -> unique.putIfAbsent(e.name(), e));
        PromotionGraph graph = PromotionGraph.of(environments);
        List<String> configured = new ArrayList<>(unique.keySet());
        List<Environment> ordered = new ArrayList<>(unique.values());
        ordered.sort(Comparator.comparing((Environment e) -> isLast(e.tier()))
                .thenComparingInt(e -> graph.chain(e.name()).size())
                .thenComparingInt(e -> configured.indexOf(e.name())));
        return List.copyOf(ordered);
    }

    /** @return the names of the environments in column order */
    public static List<String> names(List<Environment> environments) {
        return of(environments).stream().map(Environment::name).toList();
    }

    /** @return whether environments of the tier go to the end: disaster recovery and sandboxes */
    static boolean isLast(Tier tier) {
        return tier == Tier.DR || tier == Tier.SANDBOX;
    }
}
