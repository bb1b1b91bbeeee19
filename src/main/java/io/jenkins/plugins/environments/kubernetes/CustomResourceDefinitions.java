package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The CustomResourceDefinitions of a chart's {@code crds/} folder (every {@code CustomResourceDefinition} of a render,
 * see {@link ReleasePhases}), handled as Helm handles them: installed before anything else when absent, never updated
 * when present (an update could drop a version that stored objects use), never deleted by pruning or teardown (that
 * would delete every object of the kind, cluster-wide).
 *
 * <p>A CRD is cluster-scoped and shared by everyone on the cluster, so a preview (code of a pull request) never
 * creates one: {@link #requirePresent} only reads, and refuses the deploy before its first write when a CRD is missing.
 * An environment's deploy ({@code promoteDigest} strategy {@code deploy}, from the main branch) creates the missing ones
 * with {@link #createAbsent}, as {@code helm upgrade --install} would.
 */
public final class CustomResourceDefinitions {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private CustomResourceDefinitions() {}

    /**
     * For a preview: one GET per CRD, no write.
     *
     * @param cluster the cluster's id, for the message
     * @throws IllegalStateException naming the first CRD the cluster does not have
     */
    public static void requirePresent(
            KubernetesClient client, List<Map<String, Object>> documents, String cluster, Consumer<String> log) {
        for (CustomResourceDefinition crd : typed(documents)) {
            String name = crd.getMetadata().getName();
            if (client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(name)
                            .get()
                    == null) {
                throw new IllegalStateException("CustomResourceDefinition " + name + " (from the chart's crds/) is not"
                        + " on cluster '" + cluster + "': a preview never creates cluster-scoped objects; have a"
                        + " cluster administrator install it first (for example kubectl apply -f <chart>/crds/)");
            }
            log.accept("CustomResourceDefinition " + name + " is already on cluster '" + cluster
                    + "'; not applied (a preview never writes cluster-scoped objects)");
        }
    }

    /**
     * For an environment: creates each CRD the cluster does not have (GET, then POST) and waits until it is
     * {@code Established}; leaves those it has as they are.
     *
     * @return the CRDs created, for example {@code CustomResourceDefinition widgets.example.com}
     */
    public static List<String> createAbsent(
            KubernetesClient client, List<Map<String, Object>> documents, Duration timeout, Consumer<String> log)
            throws ClusterWaitTimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> created = new ArrayList<>();
        for (CustomResourceDefinition crd : typed(documents)) {
            String name = crd.getMetadata().getName();
            var resource =
                    client.apiextensions().v1().customResourceDefinitions().withName(name);
            if (resource.get() != null) {
                log.accept("CustomResourceDefinition " + name + " is already on the cluster; left as it is (as Helm"
                        + " does, CRDs are never updated)");
                continue;
            }
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(crd)
                    .create();
            created.add("CustomResourceDefinition " + name);
            try {
                resource.waitUntilCondition(
                        CustomResourceDefinitions::established,
                        Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (KubernetesClientTimeoutException e) {
                throw new ClusterWaitTimeoutException(
                        "CustomResourceDefinition not established", timeout, List.of(name + ": not Established"));
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting for CustomResourceDefinition " + name);
            }
            log.accept("Created CustomResourceDefinition " + name);
        }
        return created;
    }

    private static boolean established(CustomResourceDefinition crd) {
        if (crd == null || crd.getStatus() == null || crd.getStatus().getConditions() == null) {
            return false;
        }
        for (CustomResourceDefinitionCondition c : crd.getStatus().getConditions()) {
            if ("Established".equals(c.getType()) && "True".equals(c.getStatus())) {
                return true;
            }
        }
        return false;
    }

    private static List<CustomResourceDefinition> typed(List<Map<String, Object>> documents) {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            if (!"apiextensions.k8s.io/v1".equals(document.get("apiVersion"))) {
                throw new IllegalArgumentException(
                        "CustomResourceDefinition " + nameOf(document) + " uses " + document.get("apiVersion")
                                + ", which Kubernetes no longer serves: use apiextensions.k8s.io/v1");
            }
            CustomResourceDefinition crd = SERIALIZATION.convertValue(document, CustomResourceDefinition.class);
            if (crd.getMetadata() == null || crd.getMetadata().getName() == null) {
                throw new IllegalArgumentException("A CustomResourceDefinition has no name");
            }
            crd.getMetadata().setNamespace(null);
            crds.add(crd);
        }
        return crds;
    }

    private static String nameOf(Map<String, Object> document) {
        return document.get("metadata") instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : "";
    }
}
