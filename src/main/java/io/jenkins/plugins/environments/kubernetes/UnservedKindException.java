package io.jenkins.plugins.environments.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * Rendered objects of kinds that the cluster does not serve (no CRD installed, a version the cluster no longer offers),
 * or serves only cluster-scoped, found by discovery before anything was written ({@link ServedKinds#requireServed}).
 * The kinds are named as {@code Kind (apiVersion)}; never an object's content.
 */
public final class UnservedKindException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> unserved;
    private final List<String> clusterScoped;

    UnservedKindException(List<String> unserved, List<String> clusterScoped) {
        super(describe(unserved, clusterScoped, "the cluster"));
        this.unserved = List.copyOf(unserved);
        this.clusterScoped = List.copyOf(clusterScoped);
    }

    /** @return the kinds not served, each as {@code Kind (apiVersion)} */
    public List<String> unserved() {
        return unserved;
    }

    /** @return the kinds served only cluster-scoped, each as {@code Kind (apiVersion)} */
    public List<String> clusterScoped() {
        return clusterScoped;
    }

    /**
     * @param cluster the configured cluster's id
     * @return the message naming the cluster, such as {@code kind Rollout (argoproj.io/v1alpha1) is not served by
     *     cluster 'dev-eu': install its CRD first; nothing was applied}
     */
    public String messageFor(String cluster) {
        return describe(unserved, clusterScoped, "cluster '" + cluster + "'");
    }

    private static String describe(List<String> unserved, List<String> clusterScoped, String cluster) {
        List<String> parts = new ArrayList<>();
        if (!unserved.isEmpty()) {
            parts.add((unserved.size() == 1
                            ? "kind " + unserved.get(0) + " is"
                            : "kinds " + String.join(", ", unserved) + " are")
                    + " not served by " + cluster + ": install " + (unserved.size() == 1 ? "its CRD" : "their CRDs")
                    + " first, or render a version the cluster serves");
        }
        if (!clusterScoped.isEmpty()) {
            parts.add((clusterScoped.size() == 1
                            ? "kind " + clusterScoped.get(0) + " is"
                            : "kinds " + String.join(", ", clusterScoped) + " are")
                    + " cluster-scoped on " + cluster + "; only namespaced objects are deployed");
        }
        return String.join("; ", parts) + "; nothing was applied";
    }
}
