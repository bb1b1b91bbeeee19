package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.MockKubernetesApi.RecordedCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PreviewNamespaces} against {@link MockKubernetesApi}. That server approximates server-side apply as
 * create-or-merge, so these tests check the stored result and, at the request level, that a real apply was sent
 * (PATCH, {@code application/apply-patch+yaml}, {@code fieldManager}, {@code force=true}). It runs no controllers:
 * Deployments become ready only when a test writes their status.
 */
class PreviewNamespacesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration TTL = Duration.ofHours(72);

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

    private static PreviewNamespaceSpec spec(int pr) {
        return new PreviewNamespaceSpec(
                "pr-" + pr,
                "shop",
                pr,
                TTL,
                "https://ci.example.com/job/shop/PR-" + pr + "/3/",
                false,
                PreviewQuota.standard());
    }

    @Test
    void ensureNamespaceAppliesNamespaceQuotaAndLimitRange() {
        LivePreview live = previews.ensureNamespace(spec(42));
        List<RecordedCall> calls = api.requests();

        // Rule: the apply that created the namespace answers the empty inventory (nothing of an earlier deploy).
        assertEquals(
                new LivePreview("pr-42", "shop", 42, NOW.plus(TTL), false, NOW, PreviewInventory.empty("pr-42")), live);
        Namespace namespace = client.namespaces().withName("pr-42").get();
        assertEquals(
                Map.of(
                        "app.kubernetes.io/managed-by", "environment-management",
                        "environments.jenkins.io/app", "shop",
                        "environments.jenkins.io/pr", "42",
                        "environments.jenkins.io/environment", "preview",
                        "environments.jenkins.io/instance", TestInstance.ID),
                namespace.getMetadata().getLabels());
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        assertEquals(TestInstance.ID + "/shop/42", annotations.get("environments.jenkins.io/owner"));
        assertEquals("2026-12-01T12:00:00Z", annotations.get("environments.jenkins.io/expires-at"));
        assertEquals("2026-11-28T12:00:00Z", annotations.get("environments.jenkins.io/last-deploy"));
        assertEquals("https://ci.example.com/job/shop/PR-42/3/", annotations.get("environments.jenkins.io/build-url"));
        assertFalse(annotations.containsKey("environments.jenkins.io/pinned"));

        ResourceQuota quota = client.resourceQuotas()
                .inNamespace("pr-42")
                .withName(PreviewNamespaces.QUOTA_NAME)
                .get();
        assertEquals("2", quota.getSpec().getHard().get("cpu").toString());
        assertEquals("4Gi", quota.getSpec().getHard().get("memory").toString());
        assertEquals("20", quota.getSpec().getHard().get("pods").toString());
        assertEquals("shop", quota.getMetadata().getLabels().get(PreviewLabels.APP));
        LimitRange limits = client.limitRanges()
                .inNamespace("pr-42")
                .withName(PreviewNamespaces.LIMIT_RANGE_NAME)
                .get();
        var limit = limits.getSpec().getLimits().get(0);
        assertEquals("Container", limit.getType());
        assertEquals("100m", limit.getDefaultRequest().get("cpu").toString());
        assertEquals("512Mi", limit.getDefault().get("memory").toString());

        // Rule: ownership is decided by a read before the first write.
        assertEquals(
                "GET /api/v1/namespaces/pr-42",
                calls.get(0).method() + " " + calls.get(0).path());
        calls = calls.subList(1, calls.size());
        assertEquals(
                List.of(
                        "/api/v1/namespaces/pr-42",
                        "/api/v1/namespaces/pr-42/resourcequotas/preview-quota",
                        "/api/v1/namespaces/pr-42/limitranges/preview-limits"),
                calls.stream().map(RecordedCall::path).toList());
        assertEquals(3, calls.size(), "three writes only: " + calls);
        for (RecordedCall call : calls) {
            assertEquals("PATCH", call.method());
            assertTrue(call.contentType().startsWith("application/apply-patch+yaml"), call.contentType());
            assertEquals(
                    "environment-management",
                    call.queryParameter("fieldManager").orElseThrow());
            assertEquals("true", call.queryParameter("force").orElseThrow());
            // The namespace apply goes out as a raw request; it asks exactly what fabric8 asks for the other two.
            assertEquals("fieldManager=environment-management&force=true", call.query());
        }
    }

    @Test
    void ensureNamespaceAgainRenewsExpiry() {
        previews.ensureNamespace(spec(42));
        PreviewNamespaces later = new PreviewNamespaces(
                client, Clock.fixed(NOW.plus(Duration.ofHours(5)), ZoneOffset.UTC), TestInstance.ID);
        LivePreview renewed = later.ensureNamespace(spec(42));
        assertEquals(NOW.plus(Duration.ofHours(77)), renewed.expiresAt());
        assertEquals(
                "2026-12-01T17:00:00Z",
                client.namespaces()
                        .withName("pr-42")
                        .get()
                        .getMetadata()
                        .getAnnotations()
                        .get(PreviewLabels.EXPIRES_AT));
    }

    @Test
    void aPinnedSpecSetsThePinAndTheSweepSkipsIt() {
        PreviewNamespaceSpec pinned =
                new PreviewNamespaceSpec("pr-5", "shop", 5, Duration.ofMinutes(1), null, true, PreviewQuota.standard());
        assertTrue(previews.ensureNamespace(pinned).pinned());
        assertEquals(
                "true",
                client.namespaces()
                        .withName("pr-5")
                        .get()
                        .getMetadata()
                        .getAnnotations()
                        .get(PreviewLabels.PINNED));
        assertEquals(List.of(), previews.sweepExpired(NOW.plus(Duration.ofDays(30))));
        assertNotNull(client.namespaces().withName("pr-5").get());
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage("registry.example.com/shop/" + name + "@sha256:" + "a".repeat(64))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Map<String, Object> configMapDocument(String name) {
        return Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                Map.of("name", name, "labels", Map.of("tier", "web")),
                "data",
                Map.of("greeting", "hello"));
    }

    @Test
    void applyCreatesThenPrunesWhatTheNextRenderDropped() {
        PreviewNamespaceSpec spec = spec(7);
        previews.ensureNamespace(spec);
        api.clearRequests();

        List<Object> first = List.of(deployment("web", 2), deployment("worker", 1), configMapDocument("settings"));
        ApplyReport report = previews.apply(spec, "build-1", first);
        assertApplyRequests(3, 0);

        assertEquals(List.of("Deployment web", "Deployment worker", "ConfigMap settings"), report.applied());
        assertEquals(List.of(), report.pruned());
        Deployment web =
                client.apps().deployments().inNamespace("pr-7").withName("web").get();
        assertEquals("build-1", web.getMetadata().getLabels().get(PreviewLabels.DEPLOY_ID));
        assertEquals("environment-management", web.getMetadata().getLabels().get(PreviewLabels.MANAGED_BY));
        assertEquals("7", web.getMetadata().getLabels().get(PreviewLabels.PULL_REQUEST));
        assertEquals("preview", web.getMetadata().getLabels().get(PreviewLabels.ENVIRONMENT));
        var settings =
                client.configMaps().inNamespace("pr-7").withName("settings").get();
        assertEquals("web", settings.getMetadata().getLabels().get("tier"));
        assertEquals("hello", settings.getData().get("greeting"));
        assertTrue(((Deployment) first.get(0)).getMetadata().getLabels().isEmpty(), "the caller's object is unchanged");

        // An object not made by the plugin must survive the prune.
        client.configMaps()
                .inNamespace("pr-7")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("hand-made")
                        .addToLabels(PreviewLabels.DEPLOY_ID, "someone-else")
                        .endMetadata()
                        .build())
                .create();
        api.clearRequests();

        ApplyReport second =
                previews.apply(spec, "build-2", List.of(deployment("web", 3), configMapDocument("settings")));
        assertApplyRequests(2, 1);
        RecordedCall delete = api.requests("DELETE").get(0);
        assertEquals("/apis/apps/v1/namespaces/pr-7/deployments/worker", delete.path());

        assertEquals(List.of("Deployment web", "ConfigMap settings"), second.applied());
        assertEquals(List.of("Deployment worker"), second.pruned());
        assertNull(client.apps()
                .deployments()
                .inNamespace("pr-7")
                .withName("worker")
                .get());
        Deployment updated =
                client.apps().deployments().inNamespace("pr-7").withName("web").get();
        assertEquals(3, updated.getSpec().getReplicas());
        assertEquals("build-2", updated.getMetadata().getLabels().get(PreviewLabels.DEPLOY_ID));
        assertEquals(
                "build-2",
                client.configMaps()
                        .inNamespace("pr-7")
                        .withName("settings")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get(PreviewLabels.DEPLOY_ID));
        assertNotNull(
                client.configMaps().inNamespace("pr-7").withName("hand-made").get());
    }

    /**
     * N applies, then one equality-selector LIST per prunable kind (no inventory was handed over), then one DELETE per
     * pruned object, then the one PATCH that writes the inventory.
     */
    private void assertApplyRequests(int applied, int pruned) {
        List<RecordedCall> calls = api.requests();
        List<RecordedCall> patches = api.requests("PATCH");
        List<RecordedCall> lists = api.requests("GET");
        assertEquals(applied + 1, patches.size(), calls.toString());
        for (RecordedCall patch : patches.subList(0, applied)) {
            assertTrue(patch.contentType().startsWith("application/apply-patch+yaml"));
            assertEquals(
                    "environment-management",
                    patch.queryParameter("fieldManager").orElseThrow());
            assertEquals("true", patch.queryParameter("force").orElseThrow());
        }
        RecordedCall inventory = calls.get(calls.size() - 1);
        assertEquals("PATCH", inventory.method());
        assertEquals("/api/v1/namespaces/pr-7", inventory.path());
        assertEquals(
                "environment-management-inventory",
                inventory.queryParameter("fieldManager").orElseThrow());
        assertEquals(PrunableKind.values().length, lists.size(), calls.toString());
        for (RecordedCall list : lists) {
            assertEquals(
                    "app.kubernetes.io/managed-by=environment-management,environments.jenkins.io/app=shop,environments.jenkins.io/deploy-id,"
                            + "environments.jenkins.io/deploy-id!=" + (applied == 3 ? "build-1" : "build-2"),
                    list.queryParameter("labelSelector").orElseThrow());
        }
        assertEquals(pruned, api.requests("DELETE").size(), calls.toString());
        assertEquals(applied + PrunableKind.values().length + pruned + 1, calls.size(), calls.toString());
    }

    private void markReady(String name, int replicas) {
        Deployment current =
                client.apps().deployments().inNamespace("pr-7").withName(name).get();
        current.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(current.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .build());
        client.apps().deployments().inNamespace("pr-7").resource(current).updateStatus();
    }

    @Test
    void awaitReadyReturnsOnceTheTestWritesReadyStatus() throws Exception {
        PreviewNamespaceSpec spec = spec(7);
        List<HasMetadata> objects = List.of(deployment("web", 2), deployment("worker", 1));
        previews.apply(spec, "build-1", objects);
        // The mock runs no Deployment controller: the test plays its part and writes the status.
        markReady("web", 2);
        markReady("worker", 1);

        previews.awaitReady("pr-7", objects, Duration.ofSeconds(30));
    }

    @Test
    void awaitReadyWakesUpOnAStatusWrittenWhileWaiting() throws Exception {
        PreviewNamespaceSpec spec = spec(7);
        List<HasMetadata> objects = List.of(deployment("web", 2));
        previews.apply(spec, "build-1", objects);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            markReady("web", 2);
        });
        writer.start();
        previews.awaitReady("pr-7", objects, Duration.ofSeconds(30));
        writer.join();
        assertTrue(
                api.requests().stream()
                        .anyMatch(call -> call.queryParameter("watch").isPresent()),
                "waited by watching: " + api.requests());
    }

    @Test
    void awaitReadyTimesOutNamingEachWorkloadThatIsNotReady() throws Exception {
        PreviewNamespaceSpec spec = spec(7);
        List<HasMetadata> objects = List.of(deployment("web", 2), deployment("worker", 1), deployment("api", 1));
        previews.apply(spec, "build-1", objects);
        markReady("worker", 1);

        ClusterWaitTimeoutException e = assertThrows(
                ClusterWaitTimeoutException.class, () -> previews.awaitReady("pr-7", objects, Duration.ofMillis(300)));

        assertEquals(List.of("Deployment web: 0/2 ready", "Deployment api: 0/1 ready"), e.pending());
        assertEquals(
                "Not ready in namespace pr-7 after PT0.3S: Deployment web: 0/2 ready; Deployment api: 0/1 ready",
                e.getMessage());
    }

    @Test
    void removePreviewRemovesItAndSaysWhenItWasNotThere() throws Exception {
        previews.ensureNamespace(spec(9));

        PreviewNamespaces.Removal removal = previews.removePreview("pr-9", "shop", 9, Duration.ofSeconds(30));
        assertEquals(NamespaceRemoval.DELETED, removal.outcome());
        assertNull(client.namespaces().withName("pr-9").get());
        RecordedCall delete = api.requests("DELETE").get(1);
        assertEquals("/api/v1/namespaces/pr-9", delete.path());
        assertTrue(delete.body().contains("\"propagationPolicy\":\"Background\""), delete.body());

        assertEquals(
                NamespaceRemoval.WAS_NOT_THERE,
                previews.removePreview("pr-9", "shop", 9, Duration.ofSeconds(30))
                        .outcome());
        assertEquals(
                2, api.requests("DELETE").size(), "the Secrets by label, then the namespace; nothing the second time");
    }

    @Test
    void removePreviewRefusesANamespaceThatIsNotAPreview() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("payments")
                        .endMetadata()
                        .build())
                .create();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> previews.removePreview("payments", "shop", 9, Duration.ofSeconds(5)));
        assertEquals(
                "Namespace payments was not created by environment-management; not deleting it for app 'shop' (PR 9)",
                e.getMessage());
        assertNotNull(client.namespaces().withName("payments").get());
        assertEquals(0, api.requests("DELETE").size());
    }

    private void preview(String namespace, String app, int pr, Instant expiresAt, boolean pinned) {
        Namespace ns = new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .withLabels(TestInstance.labels(app, pr))
                .addToAnnotations(PreviewLabels.OWNER, TestInstance.marker(app, pr))
                .addToAnnotations(PreviewLabels.EXPIRES_AT, expiresAt.toString())
                .addToAnnotations(
                        PreviewLabels.LAST_DEPLOY, expiresAt.minus(TTL).toString())
                .endMetadata()
                .build();
        if (pinned) {
            ns.getMetadata().getAnnotations().put(PreviewLabels.PINNED, "true");
        }
        client.namespaces().resource(ns).create();
    }

    @Test
    void listPreviewsReadsLabelsAndAnnotations() {
        preview("pr-1", "shop", 1, NOW.minusSeconds(60), false);
        preview("pr-2", "shop", 2, NOW.plusSeconds(60), true);
        preview("blog-pr-3", "blog", 3, NOW.plusSeconds(60), false);
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("default")
                        .endMetadata()
                        .build())
                .create();
        api.clearRequests();

        assertEquals(
                List.of(
                        new LivePreview(
                                "pr-1",
                                "shop",
                                1,
                                NOW.minusSeconds(60),
                                false,
                                NOW.minusSeconds(60).minus(TTL)),
                        new LivePreview(
                                "pr-2",
                                "shop",
                                2,
                                NOW.plusSeconds(60),
                                true,
                                NOW.plusSeconds(60).minus(TTL))),
                previews.listPreviews("shop").stream()
                        .sorted(java.util.Comparator.comparing(LivePreview::namespace))
                        .toList());
        assertEquals(3, previews.listPreviews(null).size());
        assertEquals(2, api.requests().size());
        assertEquals(
                "app.kubernetes.io/managed-by=environment-management,environments.jenkins.io/environment=preview,"
                        + "environments.jenkins.io/app=shop",
                api.requests().get(0).queryParameter("labelSelector").orElseThrow());
    }

    @Test
    void sweepExpiredDeletesOnlyExpiredUnpinnedPreviewsWithOneListAndOneDeleteEach() {
        preview("pr-1", "shop", 1, NOW.minusSeconds(1), false);
        preview("pr-2", "shop", 2, NOW.minus(Duration.ofDays(3)), true);
        preview("pr-3", "shop", 3, NOW.plusSeconds(1), false);
        preview("blog-pr-4", "blog", 4, NOW, false);
        api.clearRequests();

        List<SweptPreview> swept = previews.sweepExpired(NOW);

        assertEquals(
                List.of("blog-pr-4", "pr-1"),
                swept.stream().map(s -> s.preview().namespace()).sorted().toList());
        assertTrue(swept.stream().allMatch(s -> s.reason().equals("ttl")));
        List<RecordedCall> calls = api.requests();
        assertEquals(3, calls.size(), calls.toString());
        assertEquals("GET", calls.get(0).method());
        assertEquals("/api/v1/namespaces", calls.get(0).path());
        assertEquals(
                List.of("/api/v1/namespaces/blog-pr-4", "/api/v1/namespaces/pr-1"),
                calls.subList(1, 3).stream()
                        .peek(call -> assertEquals("DELETE", call.method()))
                        .map(RecordedCall::path)
                        .sorted()
                        .toList());
        assertNotNull(client.namespaces().withName("pr-2").get());
        assertNotNull(client.namespaces().withName("pr-3").get());
    }
}
