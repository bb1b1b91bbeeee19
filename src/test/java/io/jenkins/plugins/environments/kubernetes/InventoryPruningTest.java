package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.MockKubernetesApi.RecordedCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pruning through the inventory for every kind (issue 12, item 1) and refusal of kinds the cluster does not serve
 * (item 6), against {@link MockKubernetesApi}, whose discovery serves the built-in groups plus Argo Rollouts,
 * ServiceMonitors and a cluster-scoped ClusterIssuer, and nothing else custom. Requests are counted in the server's
 * log: writes, LISTs (a GET of a collection in the namespace), discovery reads and DELETEs.
 */
class InventoryPruningTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Pattern LIST = Pattern.compile(".*/namespaces/[^/]+/[^/]+");
    private static final Pattern DISCOVERY = Pattern.compile("/apis/[^/]+/[^/]+|/apis|/api|/api/v1|/apis/[^/]+");
    private static final String ROLLOUT_GV = "argoproj.io/v1alpha1";

    private MockKubernetesApi api;
    private KubernetesClient client;
    private PreviewNamespaces previews;

    @BeforeEach
    void start() {
        api = MockKubernetesApi.start();
        client = api.client();
        previews = new PreviewNamespaces(client, Clock.fixed(NOW, ZoneOffset.UTC), TestInstance.ID);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    // ---- documents ----

    private static Map<String, Object> doc(String apiVersion, String kind, String name, Map<String, Object> spec) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", apiVersion);
        document.put("kind", kind);
        document.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        if (spec != null) {
            document.put("spec", spec);
        }
        return document;
    }

    private static Map<String, Object> networkPolicy(String name) {
        return doc(
                "networking.k8s.io/v1",
                "NetworkPolicy",
                name,
                Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress")));
    }

    private static Map<String, Object> rollout(String name) {
        return doc(ROLLOUT_GV, "Rollout", name, Map.of("replicas", 1));
    }

    /** One object of each of 15 kinds, a custom resource (Argo Rollout) among them. */
    private static List<Map<String, Object>> fifteenKinds(String suffix) {
        return new ArrayList<>(List.of(
                doc("apps/v1", "Deployment", "web" + suffix, Map.of("replicas", 1)),
                doc("v1", "Service", "web" + suffix, Map.of("ports", List.of(Map.of("port", 80)))),
                doc("v1", "ConfigMap", "settings" + suffix, null),
                doc("v1", "Secret", "token" + suffix, null),
                doc("v1", "ServiceAccount", "runner" + suffix, null),
                networkPolicy("deny-all" + suffix),
                doc("apps/v1", "ReplicaSet", "legacy" + suffix, Map.of("replicas", 1)),
                doc("policy/v1", "PodDisruptionBudget", "web" + suffix, Map.of("minAvailable", 1)),
                doc("autoscaling/v2", "HorizontalPodAutoscaler", "web" + suffix, Map.of("maxReplicas", 3)),
                doc("rbac.authorization.k8s.io/v1", "Role", "reader" + suffix, null),
                doc("rbac.authorization.k8s.io/v1", "RoleBinding", "reader" + suffix, null),
                doc("batch/v1", "CronJob", "nightly" + suffix, Map.of("schedule", "0 3 * * *")),
                doc("batch/v1", "Job", "migrate" + suffix, null),
                doc("networking.k8s.io/v1", "Ingress", "web" + suffix, null),
                rollout("canary" + suffix)));
    }

    // ---- deploys ----

    private static PreviewNamespaceSpec spec(int pr) {
        return PreviewNamespaceSpec.of("pr-" + pr, "shop", pr, Duration.ofHours(72));
    }

    /** A preview deploy as {@code PreviewDeployer} makes it: check, ensureNamespace, apply with the inventory. */
    private ApplyReport deploy(PreviewNamespaces previews, int pr, String deployId, List<Map<String, Object>> docs) {
        PreviewNamespaceSpec spec = spec(pr);
        List<HasMetadata> objects = KubernetesObjects.forNamespace(spec.namespace(), docs);
        LivePreview live = previews.ensureNamespace(previews.check(spec, objects));
        return previews.apply(spec, deployId, docs, live.inventory());
    }

    private void environmentNamespace(String name) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
    }

    // ---- counting ----

    private List<RecordedCall> lists() {
        return api.requests("GET").stream()
                .filter(c -> LIST.matcher(c.path()).matches())
                .toList();
    }

    private List<String> discoveryReads() {
        return api.requests("GET").stream()
                .map(RecordedCall::path)
                .filter(p -> DISCOVERY.matcher(p).matches())
                .toList();
    }

    private List<String> deletes() {
        return api.requests("DELETE").stream().map(RecordedCall::path).toList();
    }

    private long writes() {
        return api.requests().stream().filter(c -> !c.method().equals("GET")).count();
    }

    // ---- the defect as reported ----

    @Test
    void redeployWithoutThirteenNetworkPoliciesDeletesAllThirteen() {
        List<Map<String, Object>> withPolicies = new ArrayList<>();
        withPolicies.add(doc("apps/v1", "Deployment", "web", Map.of("replicas", 1)));
        withPolicies.add(networkPolicy("deny-all"));
        for (int i = 1; i < 13; i++) {
            withPolicies.add(networkPolicy("allow-" + i));
        }
        deploy(previews, 1, "build-1", withPolicies);
        api.clearRequests();

        ApplyReport report = deploy(previews, 1, "build-2", withPolicies.subList(0, 1));

        // Rule (issue 12, item 1): a redeploy deletes exactly inventory minus render, for any namespaced kind.
        assertEquals(13, deletes().size(), deletes().toString());
        assertTrue(deletes().contains("/apis/networking.k8s.io/v1/namespaces/pr-1/networkpolicies/deny-all"));
        assertEquals(13, report.pruned().size());
        assertTrue(
                report.pruned().contains("NetworkPolicy deny-all"),
                report.pruned().toString());
        assertEquals(List.of(), lists());
        assertTrue(client.network()
                .networkPolicies()
                .inNamespace("pr-1")
                .list()
                .getItems()
                .isEmpty());
    }

    @Test
    void redeployWithoutAReplicaSetDeletesIt() {
        deploy(
                previews,
                2,
                "build-1",
                List.of(
                        doc("apps/v1", "ReplicaSet", "legacy", Map.of("replicas", 1)),
                        doc("v1", "ConfigMap", "settings", null)));
        api.clearRequests();

        ApplyReport report = deploy(previews, 2, "build-2", List.of(doc("v1", "ConfigMap", "settings", null)));

        assertEquals(List.of("ReplicaSet legacy"), report.pruned());
        assertEquals(List.of("/apis/apps/v1/namespaces/pr-2/replicasets/legacy"), deletes());
        assertNull(client.apps()
                .replicaSets()
                .inNamespace("pr-2")
                .withName("legacy")
                .get());
    }

    // ---- request budget across 15 kinds ----

    @Test
    void firstDeployOfFifteenKindsListsNothingAndCostsNPlusFivePlusOneDiscoveryRead() {
        List<Map<String, Object>> docs = fifteenKinds("");

        ApplyReport report = deploy(previews, 3, "build-1", docs);

        assertEquals(15, report.applied().size());
        assertEquals(List.of(), lists());
        // Rule: built-in GA kinds need no discovery; the one custom group-version is read once.
        assertEquals(List.of("/apis/" + ROLLOUT_GV), discoveryReads());
        // 1 GET of the namespace + 3 namespace/quota/limit-range applies + N applies + 1 inventory write, + 1
        // discovery.
        assertEquals(15 + 5 + 1, api.requests().size(), api.requests().toString());
        assertEquals(15 + 4, writes());
    }

    @Test
    void redeployOfTheSameFifteenKindsWithTheSameClientCostsNPlusFive() {
        deploy(previews, 4, "build-1", fifteenKinds(""));
        api.clearRequests();

        ApplyReport report = deploy(previews, 4, "build-2", fifteenKinds(""));

        assertEquals(List.of(), report.pruned());
        // Rule: discovery is cached per client.
        assertEquals(List.of(), discoveryReads());
        assertEquals(15 + 5, api.requests().size(), api.requests().toString());
    }

    @Test
    void redeployDroppingFourteenKindsDeletesExactlyThoseObjectsOnePerObject() {
        List<Map<String, Object>> first = fifteenKinds("");
        first.addAll(fifteenKinds("-b"));
        deploy(previews, 5, "build-1", first);
        api.clearRequests();

        List<Map<String, Object>> kept = List.of(doc("apps/v1", "Deployment", "web", Map.of("replicas", 1)));
        ApplyReport report = deploy(previews, 5, "build-2", kept);

        assertEquals(29, report.pruned().size(), report.pruned().toString());
        assertEquals(29, deletes().size());
        assertEquals(List.of(), lists());
        // 1 GET + 3 + 1 apply + 1 inventory write + 29 DELETEs, nothing else.
        assertEquals(1 + 3 + 1 + 1 + 29, api.requests().size(), api.requests().toString());
        for (String path : List.of(
                "/api/v1/namespaces/pr-5/services/web",
                "/api/v1/namespaces/pr-5/configmaps/settings",
                "/api/v1/namespaces/pr-5/secrets/token",
                "/api/v1/namespaces/pr-5/serviceaccounts/runner",
                "/apis/networking.k8s.io/v1/namespaces/pr-5/networkpolicies/deny-all",
                "/apis/apps/v1/namespaces/pr-5/replicasets/legacy",
                "/apis/policy/v1/namespaces/pr-5/poddisruptionbudgets/web",
                "/apis/autoscaling/v2/namespaces/pr-5/horizontalpodautoscalers/web",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/pr-5/roles/reader",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/pr-5/rolebindings/reader",
                "/apis/batch/v1/namespaces/pr-5/cronjobs/nightly",
                "/apis/batch/v1/namespaces/pr-5/jobs/migrate",
                "/apis/networking.k8s.io/v1/namespaces/pr-5/ingresses/web",
                "/apis/argoproj.io/v1alpha1/namespaces/pr-5/rollouts/canary",
                "/apis/apps/v1/namespaces/pr-5/deployments/web-b")) {
            assertTrue(deletes().contains(path), path + " in " + deletes());
        }
        assertFalse(deletes().contains("/apis/apps/v1/namespaces/pr-5/deployments/web"));
        assertNotNull(
                client.apps().deployments().inNamespace("pr-5").withName("web").get());
    }

    @Test
    void aCustomResourceDroppedFromTheRenderIsDeleted() {
        deploy(previews, 6, "build-1", List.of(rollout("canary"), doc("v1", "ConfigMap", "settings", null)));
        api.clearRequests();

        ApplyReport report = deploy(previews, 6, "build-2", List.of(doc("v1", "ConfigMap", "settings", null)));

        assertEquals(List.of("Rollout canary"), report.pruned());
        assertEquals(List.of("/apis/argoproj.io/v1alpha1/namespaces/pr-6/rollouts/canary"), deletes());
        ResourceDefinitionContext rollouts =
                ServedKinds.of(client).resolve(ROLLOUT_GV, "Rollout").orElseThrow();
        assertNull(client.genericKubernetesResources(rollouts)
                .inNamespace("pr-6")
                .withName("canary")
                .get());
    }

    // ---- the inventory ----

    @Test
    void theInventoryRecordsGroupVersionKindNamespaceAndNameOfEveryObject() {
        deploy(previews, 7, "build-1", List.of(rollout("canary"), networkPolicy("deny-all")));

        String value = client.namespaces()
                .withName("pr-7")
                .get()
                .getMetadata()
                .getAnnotations()
                .get(PreviewLabels.INVENTORY);
        PreviewInventory inventory = PreviewInventory.read("pr-7", value).orElseThrow();
        assertEquals(
                List.of(
                        new PreviewInventory.AppliedObject(ROLLOUT_GV, "Rollout", "canary"),
                        new PreviewInventory.AppliedObject("networking.k8s.io/v1", "NetworkPolicy", "deny-all")),
                inventory.objects());
        assertEquals("argoproj.io", inventory.objects().get(0).group());
        assertTrue(value.contains("\"namespace\":\"pr-7\""), value);
        assertNotNull(inventory.render());
    }

    @Test
    void anInventoryThatNamesAnotherNamespaceDoesNotRead() {
        String value = new PreviewInventory(
                        "pr-8", "build-1", List.of(new PreviewInventory.AppliedObject("v1", "ConfigMap", "a")))
                .annotationValue();

        assertEquals(Optional.empty(), PreviewInventory.read("pr-9", value));
        assertEquals(
                1, PreviewInventory.read("pr-8", value).orElseThrow().objects().size());
    }

    @Test
    void anInventoryWrittenBeforeNamespacesWereRecordedStillReads() {
        String old = "{\"deployId\":\"build-1\",\"objects\":{\"v1\":{\"ConfigMap\":[\"a\"]}}}";

        PreviewInventory inventory = PreviewInventory.read("pr-10", old).orElseThrow();

        assertEquals("pr-10", inventory.namespace());
        assertNull(inventory.render());
        assertEquals(List.of(new PreviewInventory.AppliedObject("v1", "ConfigMap", "a")), inventory.objects());
    }

    @Test
    void anObjectAppliedAsARemovedBetaVersionIsPrunedThroughTheGaVersion() {
        deploy(previews, 11, "build-1", List.of(doc("apps/v1", "Deployment", "web", Map.of("replicas", 1))));
        PreviewInventory old = new PreviewInventory(
                "pr-11", "build-0", List.of(new PreviewInventory.AppliedObject("apps/v1beta2", "Deployment", "web")));
        api.clearRequests();

        ApplyReport report = previews.apply(spec(11), "build-2", List.of(doc("v1", "ConfigMap", "c", null)), old);

        assertEquals(List.of("Deployment web"), report.pruned());
        assertEquals(List.of("/apis/apps/v1/namespaces/pr-11/deployments/web"), deletes());
        assertEquals(List.of(), report.notPruned());
    }

    // ---- kinds the cluster does not serve ----

    @Test
    void aKindTheClusterDoesNotServeIsRefusedBeforeAnyWrite() {
        List<Map<String, Object>> docs = new ArrayList<>(fifteenKinds(""));
        docs.add(doc("cert-manager.io/v1", "Certificate", "web-tls", Map.of("secretName", "web-tls")));
        List<HasMetadata> objects = KubernetesObjects.forNamespace("pr-12", docs);

        UnservedKindException e = assertThrows(UnservedKindException.class, () -> previews.check(spec(12), objects));

        // Rule (issue 12, item 6): refused by discovery, naming the kind, before the first write.
        assertEquals(
                "kind Certificate (cert-manager.io/v1) is not served by the cluster: install its CRD first, or render"
                        + " a version the cluster serves; nothing was applied",
                e.getMessage());
        assertEquals(
                "kind Certificate (cert-manager.io/v1) is not served by cluster 'dev-eu': install its CRD first, or"
                        + " render a version the cluster serves; nothing was applied",
                e.messageFor("dev-eu"));
        assertEquals(0, writes());
        assertNull(client.namespaces().withName("pr-12").get());
    }

    @Test
    void everyUnservedKindIsNamedAndNoObjectIsDumped() {
        List<HasMetadata> objects = KubernetesObjects.forNamespace(
                "pr-13",
                List.of(
                        doc("cert-manager.io/v1", "Certificate", "web-tls", null),
                        doc("example.com/v2", "Widget", "w", Map.of("size", 3)),
                        doc("example.com/v2", "Widget", "w2", null)));

        UnservedKindException e = assertThrows(UnservedKindException.class, () -> previews.check(spec(13), objects));

        assertEquals(List.of("Certificate (cert-manager.io/v1)", "Widget (example.com/v2)"), e.unserved());
        assertTrue(
                e.getMessage()
                        .startsWith("kinds Certificate (cert-manager.io/v1), Widget (example.com/v2) are not served by"
                                + " the cluster: install their CRDs first"),
                e.getMessage());
        // Rule: no fabric8 object dump (toString of an object) in any message.
        assertFalse(e.getMessage().contains("GenericKubernetesResource"), e.getMessage());
        assertFalse(e.getMessage().contains("size"), e.getMessage());
        assertEquals(0, writes());
    }

    @Test
    void aKindServedClusterScopedIsRefusedBeforeAnyWrite() {
        List<HasMetadata> objects = KubernetesObjects.forNamespace(
                "pr-14", List.of(doc("cert-manager.io/v1", "ClusterIssuer", "letsencrypt", null)));

        UnservedKindException e = assertThrows(UnservedKindException.class, () -> previews.check(spec(14), objects));

        assertEquals(
                "kind ClusterIssuer (cert-manager.io/v1) is cluster-scoped on cluster 'dev-eu'; only namespaced"
                        + " objects are deployed; nothing was applied",
                e.messageFor("dev-eu"));
        assertEquals(0, writes());
    }

    @Test
    void applyWithoutACheckAlsoRefusesAnUnservedKindBeforeApplyingAnyObject() {
        previews.ensureNamespace(spec(15));
        api.clearRequests();

        assertThrows(
                UnservedKindException.class,
                () -> previews.apply(
                        spec(15),
                        "build-1",
                        List.of(doc("v1", "ConfigMap", "a", null), doc("example.com/v1", "Widget", "w", null)),
                        PreviewInventory.empty("pr-15")));

        assertEquals(0, writes());
    }

    @Test
    void aServedCustomKindIsResolvedThroughDiscoveryOnce() {
        ServedKinds kinds = ServedKinds.of(client);

        ResourceDefinitionContext rollouts =
                kinds.resolve(ROLLOUT_GV, "Rollout").orElseThrow();
        kinds.resolve(ROLLOUT_GV, "Rollout");
        kinds.resolve(ROLLOUT_GV, "AnalysisRun");

        assertEquals("rollouts", rollouts.getPlural());
        assertTrue(rollouts.isNamespaceScoped());
        assertEquals(Optional.empty(), kinds.resolve(ROLLOUT_GV, "AnalysisRun"));
        assertEquals(List.of("/apis/" + ROLLOUT_GV), discoveryReads());
        assertEquals(
                "servicemonitors",
                kinds.resolve("monitoring.coreos.com/v1", "ServiceMonitor")
                        .orElseThrow()
                        .getPlural());
    }

    @Test
    void builtInGaKindsAreResolvedWithoutAnyRequest() {
        ServedKinds kinds = ServedKinds.of(client);

        assertEquals(
                "networkpolicies",
                kinds.resolve("networking.k8s.io/v1", "NetworkPolicy")
                        .orElseThrow()
                        .getPlural());
        assertEquals(
                "horizontalpodautoscalers",
                kinds.resolve("autoscaling/v2", "HorizontalPodAutoscaler")
                        .orElseThrow()
                        .getPlural());
        assertEquals(
                "rolebindings",
                kinds.resolve("rbac.authorization.k8s.io/v1", "RoleBinding")
                        .orElseThrow()
                        .getPlural());

        assertEquals(List.of(), api.requests());
    }

    @Test
    void anInventoryKindTheClusterNoLongerServesIsReportedNotSilentlySkipped() {
        deploy(
                previews,
                16,
                "build-1",
                List.of(rollout("canary"), networkPolicy("deny-all"), doc("v1", "ConfigMap", "c", null)));
        api.stopServing(ROLLOUT_GV);
        try (KubernetesClient fresh = api.newClient()) {
            PreviewNamespaces again = new PreviewNamespaces(fresh, Clock.fixed(NOW, ZoneOffset.UTC), TestInstance.ID);
            api.clearRequests();

            ApplyReport report = deploy(again, 16, "build-2", List.of(doc("v1", "ConfigMap", "c", null)));

            assertEquals(List.of("NetworkPolicy deny-all"), report.pruned());
            assertEquals(
                    List.of("Rollout canary (kind Rollout (argoproj.io/v1alpha1) is no longer served by the cluster;"
                            + " delete it by hand if it is served again)"),
                    report.notPruned());
            assertTrue(report.describePruning().contains("; NOT pruned Rollout canary"), report.describePruning());
            assertTrue(report.changed());
            assertEquals(List.of("/apis/networking.k8s.io/v1/namespaces/pr-16/networkpolicies/deny-all"), deletes());
        }
    }

    // ---- environment namespaces (the deploy strategy) ----

    @Test
    void firstDeployOfAnAppIntoAnExistingEnvironmentNamespaceListsNothing() {
        environmentNamespace("shop-prod");
        api.clearRequests();

        ApplyReport report =
                new EnvironmentNamespaces(client).apply("shop-prod", "shop", "prod", "p1", fifteenKinds(""));

        assertTrue(report.changed());
        // Rule (issue 12, item 8): no LIST per kind on an app's first deploy into an existing namespace.
        assertEquals(List.of(), lists());
        // 1 GET of the namespace, 1 discovery read, 15 GETs (none exists yet), 15 applies, 1 inventory write.
        assertEquals(1 + 1 + 15 + 15 + 1, api.requests().size(), api.requests().toString());
    }

    @Test
    void environmentRedeployCostsNPlusTwoPlusOneDeletePerPrunedObject() {
        environmentNamespace("shop-prod");
        EnvironmentNamespaces environments = new EnvironmentNamespaces(client);
        environments.apply("shop-prod", "shop", "prod", "p1", fifteenKinds(""));
        api.clearRequests();

        List<Map<String, Object>> fewer = fifteenKinds("");
        fewer.removeIf(
                d -> d.get("kind").equals("NetworkPolicy") || d.get("kind").equals("Rollout"));
        ApplyReport report = environments.apply("shop-prod", "shop", "prod", "p2", fewer);

        assertEquals(List.of("Rollout canary", "NetworkPolicy deny-all"), report.pruned());
        assertEquals(13 + 2 + 2, api.requests().size(), api.requests().toString());
        assertEquals(List.of(), lists());
    }

    @Test
    void environmentRerunOfTheSameRenderIsUnchangedAndADifferentOneIsChanged() {
        environmentNamespace("shop-prod");
        EnvironmentNamespaces environments = new EnvironmentNamespaces(client);
        List<Map<String, Object>> docs = List.of(doc("v1", "ConfigMap", "settings", Map.of()));

        assertTrue(environments.apply("shop-prod", "shop", "prod", "p1", docs).changed());
        assertFalse(environments.apply("shop-prod", "shop", "prod", "p2", docs).changed());
        assertTrue(environments
                .apply("shop-prod", "shop", "prod", "p3", List.of(doc("v1", "ConfigMap", "settings", Map.of("a", 1))))
                .changed());
    }

    @Test
    void environmentPruningNeverReachesAnotherAppsObjects() {
        environmentNamespace("shared");
        EnvironmentNamespaces environments = new EnvironmentNamespaces(client);
        environments.apply("shared", "billing", "prod", "p1", List.of(networkPolicy("deny-all-billing")));
        environments.apply("shared", "shop", "prod", "p1", List.of(networkPolicy("deny-all-shop")));
        api.clearRequests();

        ApplyReport report =
                environments.apply("shared", "shop", "prod", "p2", List.of(doc("v1", "ConfigMap", "c", null)));

        assertEquals(List.of("NetworkPolicy deny-all-shop"), report.pruned());
        assertNotNull(client.network()
                .networkPolicies()
                .inNamespace("shared")
                .withName("deny-all-billing")
                .get());
    }

    @Test
    void environmentDeployOfAnUnservedKindWritesNothing() {
        environmentNamespace("shop-prod");
        api.clearRequests();

        UnservedKindException e = assertThrows(
                UnservedKindException.class,
                () -> new EnvironmentNamespaces(client)
                        .apply(
                                "shop-prod",
                                "shop",
                                "prod",
                                "p1",
                                List.of(
                                        doc("v1", "ConfigMap", "c", null),
                                        rollout("canary"),
                                        doc("argoproj.io/v1alpha1", "Experiment", "e", null))));

        assertEquals(List.of("Experiment (argoproj.io/v1alpha1)"), e.unserved());
        assertEquals(0, writes());
    }

    @Test
    void environmentDeployWithAnUnreadableInventoryStillPrunesByLabels() {
        environmentNamespace("shop-prod");
        EnvironmentNamespaces environments = new EnvironmentNamespaces(client);
        environments.apply("shop-prod", "shop", "prod", "p1", List.of(doc("v1", "ConfigMap", "old", null)));
        client.namespaces().withName("shop-prod").edit(ns -> {
            ns.getMetadata().getAnnotations().put(EnvironmentNamespaces.inventoryKey("shop"), "{cut short");
            return ns;
        });
        api.clearRequests();

        ApplyReport report =
                environments.apply("shop-prod", "shop", "prod", "p2", List.of(doc("v1", "ConfigMap", "new", null)));

        assertEquals(List.of("ConfigMap old"), report.pruned());
        assertEquals(PrunableKind.values().length, lists().size());
    }

    @Test
    void aGenericObjectIsAppliedThroughTheDiscoveredResource() {
        deploy(previews, 17, "build-1", List.of(rollout("canary")));

        List<RecordedCall> applies = api.requests("PATCH").stream()
                .filter(c -> c.path().contains("rollouts"))
                .toList();
        assertEquals(1, applies.size());
        assertEquals(
                "/apis/argoproj.io/v1alpha1/namespaces/pr-17/rollouts/canary",
                applies.get(0).path());
        GenericKubernetesResource stored = client.genericKubernetesResources(
                        ServedKinds.of(client).resolve(ROLLOUT_GV, "Rollout").orElseThrow())
                .inNamespace("pr-17")
                .withName("canary")
                .get();
        assertEquals("build-1", stored.getMetadata().getLabels().get(PreviewLabels.DEPLOY_ID));
    }
}
