package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.kubernetes.PreviewInventory.AppliedObject;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.MockKubernetesApi.RecordedCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pruning through the namespace's inventory annotation ({@link PreviewInventory}) instead of one LIST per kind, against
 * {@link MockKubernetesApi}. That server approximates server-side apply as create-or-merge, so it keeps the inventory
 * through a namespace apply whatever the field manager; the tests therefore also assert at the request level that the
 * inventory is written by its own field manager, which is what keeps it on a real API server.
 */
class PreviewInventoryTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final PreviewNamespaceSpec SPEC = PreviewNamespaceSpec.of("pr-7", "shop", 7, Duration.ofHours(72));

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

    private static Map<String, Object> document(String apiVersion, String kind, String name) {
        return Map.of("apiVersion", apiVersion, "kind", kind, "metadata", Map.of("name", name));
    }

    private static List<Object> chart(int configMaps) {
        List<Object> documents = new ArrayList<>();
        documents.add(document("apps/v1", "Deployment", "web"));
        documents.add(document("v1", "Service", "web"));
        for (int i = 1; i <= configMaps; i++) {
            documents.add(document("v1", "ConfigMap", "settings-" + i));
        }
        return documents;
    }

    /** One deploy as a caller makes it: ensure the namespace, then apply with the inventory it answered with. */
    /** @return the paths of the GETs sent since the last clear */
    private List<String> gets() {
        return api.requests("GET").stream().map(RecordedCall::path).toList();
    }

    private ApplyReport deploy(String deployId, List<Object> documents) {
        LivePreview live = previews.ensureNamespace(SPEC);
        return previews.apply(SPEC, deployId, documents, live.inventory());
    }

    /** The namespace's inventory annotation, its render fingerprint (64 hex digits, checked here) left out. */
    private String inventoryAnnotation() {
        String value = client.namespaces()
                .withName("pr-7")
                .get()
                .getMetadata()
                .getAnnotations()
                .get(PreviewLabels.INVENTORY);
        assertTrue(value.matches(".*,\"render\":\"[0-9a-f]{64}\",.*"), value);
        return value.replaceFirst(",\"render\":\"[0-9a-f]{64}\"", "");
    }

    @Test
    void aRedeployIsNPlusFourRequestsPlusOneDeletePerPrunedObject() {
        deploy("build-1", chart(3));
        api.clearRequests();

        // Rule: a redeploy of N objects is N + 4 writes (3 namespace PATCHes, N applies, 1 inventory PATCH) after one
        // GET of the namespace (its owner), and no LIST; each object the new render dropped adds one DELETE.
        ApplyReport unchanged = deploy("build-2", chart(3));
        List<RecordedCall> calls = api.requests();
        assertEquals(1 + 5 + 4, calls.size(), calls.toString());
        assertEquals(List.of("/api/v1/namespaces/pr-7"), gets());
        assertEquals(List.of(), api.requests("DELETE"));
        assertEquals(List.of(), unchanged.pruned());
        api.clearRequests();

        ApplyReport oneDropped = deploy("build-3", chart(2));
        calls = api.requests();
        assertEquals(1 + 4 + 4 + 1, calls.size(), calls.toString());
        assertEquals(List.of("/api/v1/namespaces/pr-7"), gets());
        assertEquals(
                List.of("/api/v1/namespaces/pr-7/configmaps/settings-3"),
                api.requests("DELETE").stream().map(RecordedCall::path).toList());
        assertEquals(List.of("ConfigMap settings-3"), oneDropped.pruned());
        assertEquals(
                List.of(
                        "GET /api/v1/namespaces/pr-7",
                        "PATCH /api/v1/namespaces/pr-7",
                        "PATCH /api/v1/namespaces/pr-7/resourcequotas/preview-quota",
                        "PATCH /api/v1/namespaces/pr-7/limitranges/preview-limits",
                        "PATCH /apis/apps/v1/namespaces/pr-7/deployments/web",
                        "PATCH /api/v1/namespaces/pr-7/services/web",
                        "PATCH /api/v1/namespaces/pr-7/configmaps/settings-1",
                        "PATCH /api/v1/namespaces/pr-7/configmaps/settings-2",
                        "DELETE /api/v1/namespaces/pr-7/configmaps/settings-3",
                        "PATCH /api/v1/namespaces/pr-7"),
                calls.stream().map(call -> call.method() + " " + call.path()).toList());
    }

    @Test
    void pruneThroughTheInventoryDeletesWhatTheNewRenderDroppedAndNothingElse() {
        List<Object> first = List.of(
                document("apps/v1", "Deployment", "web"),
                document("apps/v1", "Deployment", "worker"),
                document("v1", "ConfigMap", "settings"),
                document("rbac.authorization.k8s.io/v1", "Role", "reader"));
        assertEquals(List.of(), deploy("build-1", first).pruned());
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

        ApplyReport second = deploy(
                "build-2", List.of(document("apps/v1", "Deployment", "web"), document("v1", "ConfigMap", "settings")));

        // Rule (issue 12): every kind the inventory lists is pruned, Role included.
        assertEquals(List.of("Deployment worker", "Role reader"), second.pruned());
        RecordedCall delete = api.requests("DELETE").get(0);
        assertEquals("/apis/apps/v1/namespaces/pr-7/deployments/worker", delete.path());
        assertTrue(delete.body().contains("\"propagationPolicy\":\"Background\""), delete.body());
        assertEquals(
                "/apis/rbac.authorization.k8s.io/v1/namespaces/pr-7/roles/reader",
                api.requests("DELETE").get(1).path());
        assertEquals(2, api.requests("DELETE").size());
        assertNull(client.apps()
                .deployments()
                .inNamespace("pr-7")
                .withName("worker")
                .get());
        assertNotNull(
                client.apps().deployments().inNamespace("pr-7").withName("web").get());
        assertNotNull(
                client.configMaps().inNamespace("pr-7").withName("hand-made").get());
        assertNull(client.rbac().roles().inNamespace("pr-7").withName("reader").get());
        assertEquals(
                "{\"deployId\":\"build-2\",\"namespace\":\"pr-7\",\"objects\":{\"apps/v1\":{\"Deployment\":[\"web\"]},"
                        + "\"v1\":{\"ConfigMap\":[\"settings\"]}}}",
                inventoryAnnotation());
    }

    @Test
    void aFirstDeployIntoANamespaceItCreatedIsNPlusFourRequestsAndListsNothing() {
        // Rule: a namespace that the deploy's own apply created (HTTP 201) holds nothing of an earlier deploy, so the
        // first deploy of N objects is N + 4 writes, like a redeploy: 3 applies in ensureNamespace, N applies,
        // 1 inventory PATCH; before them one GET that finds no namespace; no LIST, no DELETE.
        LivePreview live = previews.ensureNamespace(SPEC);
        assertEquals(PreviewInventory.empty("pr-7"), live.inventory());
        ApplyReport report = previews.apply(SPEC, "build-1", chart(3), live.inventory());

        List<RecordedCall> calls = api.requests();
        assertEquals(1 + 5 + 4, calls.size(), calls.toString());
        assertEquals(List.of("/api/v1/namespaces/pr-7"), gets());
        assertEquals(List.of(), api.requests("DELETE"));
        assertEquals(List.of(), report.pruned());
        assertEquals(
                List.of(
                        "GET /api/v1/namespaces/pr-7",
                        "PATCH /api/v1/namespaces/pr-7",
                        "PATCH /api/v1/namespaces/pr-7/resourcequotas/preview-quota",
                        "PATCH /api/v1/namespaces/pr-7/limitranges/preview-limits",
                        "PATCH /apis/apps/v1/namespaces/pr-7/deployments/web",
                        "PATCH /api/v1/namespaces/pr-7/services/web",
                        "PATCH /api/v1/namespaces/pr-7/configmaps/settings-1",
                        "PATCH /api/v1/namespaces/pr-7/configmaps/settings-2",
                        "PATCH /api/v1/namespaces/pr-7/configmaps/settings-3",
                        "PATCH /api/v1/namespaces/pr-7"),
                calls.stream().map(call -> call.method() + " " + call.path()).toList());
        assertEquals(
                "{\"deployId\":\"build-1\",\"namespace\":\"pr-7\",\"objects\":{\"apps/v1\":{\"Deployment\":[\"web\"]},"
                        + "\"v1\":{\"ConfigMap\":[\"settings-1\",\"settings-2\",\"settings-3\"],"
                        + "\"Service\":[\"web\"]}}}",
                inventoryAnnotation());
        // The namespace exists now: the next ensureNamespace is an update (HTTP 200) and answers the inventory.
        assertEquals("build-1", previews.ensureNamespace(SPEC).inventory().deployId());
    }

    @Test
    void aNamespaceThatExistedWithoutInventoryIsPrunedByLabelsAndGetsOne() {
        // What an older version of the plugin (or an interrupted first deploy) left: the preview namespace with its
        // labels, labelled objects of an earlier deploy, no inventory annotation.
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("pr-7")
                        .withLabels(TestInstance.labels("shop", 7))
                        .addToAnnotations(PreviewLabels.OWNER, TestInstance.marker("shop", 7))
                        .endMetadata()
                        .build())
                .create();
        Map<String, String> oldLabels = TestInstance.labels("shop", 7);
        oldLabels.put(PreviewLabels.DEPLOY_ID, "build-1");
        client.apps()
                .deployments()
                .inNamespace("pr-7")
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("legacy")
                        .withLabels(oldLabels)
                        .endMetadata()
                        .build())
                .create();
        client.configMaps()
                .inNamespace("pr-7")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .withLabels(oldLabels)
                        .endMetadata()
                        .build())
                .create();
        api.clearRequests();

        LivePreview live = previews.ensureNamespace(SPEC);
        assertNull(live.inventory());
        ApplyReport report =
                previews.apply(SPEC, "build-2", List.of(document("v1", "ConfigMap", "settings")), live.inventory());
        List<RecordedCall> calls = api.requests();

        assertEquals(List.of("Deployment legacy"), report.pruned());
        assertNull(client.apps()
                .deployments()
                .inNamespace("pr-7")
                .withName("legacy")
                .get());
        List<RecordedCall> lists = calls.stream()
                .filter(call -> call.method().equals("GET")
                        && call.queryParameter("labelSelector").isPresent())
                .toList();
        assertEquals(PrunableKind.values().length, lists.size(), calls.toString());
        for (RecordedCall list : lists) {
            assertEquals(
                    "app.kubernetes.io/managed-by=environment-management,environments.jenkins.io/app=shop,environments.jenkins.io/deploy-id,"
                            + "environments.jenkins.io/deploy-id!=build-2",
                    list.queryParameter("labelSelector").orElseThrow());
        }
        // 1 GET of the namespace, 3 namespace PATCHes, 1 apply, 10 LISTs, 1 DELETE, 1 inventory PATCH
        assertEquals(1 + 3 + 1 + PrunableKind.values().length + 1 + 1, calls.size(), calls.toString());

        PreviewInventory next = previews.ensureNamespace(SPEC).inventory();
        assertEquals(
                new PreviewInventory(
                        "pr-7", "build-2", List.of(new AppliedObject("v1", "ConfigMap", "settings")), next.render()),
                next);
        assertEquals(64, next.render().length());
    }

    @Test
    void anUnreadableInventoryReadsAsNoneSoTheDeployFallsBackToLabels() {
        deploy("build-1", chart(1));
        client.namespaces().withName("pr-7").edit(ns -> {
            ns.getMetadata().getAnnotations().put(PreviewLabels.INVENTORY, "{\"deployId\":\"build-1\"");
            return ns;
        });
        api.clearRequests();

        ApplyReport report = deploy("build-2", chart(0));

        assertEquals(List.of("ConfigMap settings-1"), report.pruned());
        assertEquals(1 + PrunableKind.values().length, api.requests("GET").size(), "the namespace, then the LISTs");
    }

    @Test
    void whatAnInterruptedDeployCreatedIsLeftByTheInventoryAndRemovedByALabelPrune() {
        deploy("build-1", List.of(document("v1", "ConfigMap", "settings")));
        // Deploy build-2 got as far as applying a new object, then stopped before writing its inventory.
        Map<String, String> labels = TestInstance.labels("shop", 7);
        labels.put(PreviewLabels.DEPLOY_ID, "build-2");
        client.configMaps()
                .inNamespace("pr-7")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("extra")
                        .withLabels(labels)
                        .endMetadata()
                        .build())
                .create();

        // Trade-off: the inventory still names build-1's objects only, so the next deploy does not see "extra".
        assertEquals(
                List.of(),
                deploy("build-3", List.of(document("v1", "ConfigMap", "settings")))
                        .pruned());
        assertNotNull(client.configMaps().inNamespace("pr-7").withName("extra").get());

        // Applying without an inventory prunes by labels and finds it.
        ApplyReport byLabels = previews.apply(SPEC, "build-4", List.of(document("v1", "ConfigMap", "settings")));
        assertEquals(List.of("ConfigMap extra"), byLabels.pruned());
        assertNull(client.configMaps().inNamespace("pr-7").withName("extra").get());
    }

    @Test
    void theInventoryIsWrittenByItsOwnFieldManagerAndTheNamespaceApplyLeavesItOut() {
        LivePreview live = previews.ensureNamespace(SPEC);
        api.clearRequests();
        previews.apply(SPEC, "build-1", List.of(document("v1", "ConfigMap", "settings")), live.inventory());

        List<RecordedCall> calls = api.requests();
        RecordedCall write = calls.get(calls.size() - 1);
        assertEquals("PATCH", write.method());
        assertEquals("/api/v1/namespaces/pr-7", write.path());
        assertEquals("fieldManager=environment-management-inventory", write.query());
        assertEquals(
                "environment-management-inventory",
                write.queryParameter("fieldManager").orElseThrow());
        assertTrue(write.contentType().startsWith("application/merge-patch+json"), write.contentType());
        assertEquals(
                "{\"metadata\":{\"annotations\":{\"environments.jenkins.io/inventory\":"
                        + "\"{\\\"deployId\\\":\\\"build-1\\\",\\\"namespace\\\":\\\"pr-7\\\",\\\"objects\\\":{\\\"v1\\\":"
                        + "{\\\"ConfigMap\\\":[\\\"settings\\\"]}}}\"}}}",
                write.body().replaceFirst(",\\\\\"render\\\\\":\\\\\"[0-9a-f]{64}\\\\\"", ""));
        api.clearRequests();

        LivePreview again = previews.ensureNamespace(SPEC);
        RecordedCall namespaceApply = api.requests("PATCH").get(0);
        assertEquals("/api/v1/namespaces/pr-7", namespaceApply.path());
        assertEquals(
                "environment-management",
                namespaceApply.queryParameter("fieldManager").orElseThrow());
        assertFalse(namespaceApply.body().contains(PreviewLabels.INVENTORY), namespaceApply.body());
        assertEquals("build-1", again.inventory().deployId());
        assertEquals(
                List.of(new AppliedObject("v1", "ConfigMap", "settings")),
                again.inventory().objects());
    }

    @Test
    void onlyTheEmptyInventoryMayLackADeployId() {
        // Rule: the empty inventory of a namespace just created names no deploy; any inventory with objects must.
        PreviewInventory empty = PreviewInventory.empty("pr-7");
        assertNull(empty.deployId());
        assertEquals(List.of(), empty.objects());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new PreviewInventory("pr-7", null, List.of(new AppliedObject("v1", "ConfigMap", "settings"))));
        assertEquals(
                "Deploy id null is not a valid label value: 1 to 63 letters, digits, '-', '_' or '.', starting and"
                        + " ending with a letter or digit",
                e.getMessage());
    }

    @Test
    void anInventoryWrittenIntoAMissingNamespaceIsSkippedAndCreatesNothing() {
        previews.apply(SPEC, "build-1", List.of(document("v1", "ConfigMap", "settings")));
        assertNull(client.namespaces().withName("pr-7").get());
    }

    @Test
    void aRenderWhoseInventoryExceedsTheBoundIsRefusedBeforeAnyRequest() {
        LivePreview live = previews.ensureNamespace(SPEC);
        api.clearRequests();
        int count = 2100;
        List<Object> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(document("v1", "ConfigMap", String.format("%s%05d", "c".repeat(58), i)));
        }
        String prefix = "{\"deployId\":\"build-1\",\"namespace\":\"pr-7\",\"render\":\"" + "0".repeat(64)
                + "\",\"objects\":{\"v1\":{\"ConfigMap\":[";
        int bytes = prefix.length() + count * (63 + 2) + (count - 1) + "]}}}".length();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> previews.apply(SPEC, "build-1", documents, live.inventory()));

        assertEquals(
                "Deploy build-1 has 2100 objects; their inventory would take " + bytes
                        + " bytes, more than the 131072 bytes allowed in annotation environments.jenkins.io/inventory"
                        + " of namespace pr-7",
                e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @Test
    void anInventoryOfAnotherNamespaceIsRefusedBeforeAnyRequest() {
        PreviewInventory other = new PreviewInventory("pr-8", "build-1", List.of());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> previews.apply(SPEC, "build-2", chart(1), other));
        assertEquals("The inventory of namespace pr-8 cannot prune namespace pr-7", e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @Test
    void theAnnotationValueIsCompactSortedJsonThatReadsBack() {
        PreviewInventory inventory = new PreviewInventory(
                "pr-7",
                "build-9",
                List.of(
                        new AppliedObject("v1", "Service", "web"),
                        new AppliedObject("apps/v1", "Deployment", "worker"),
                        new AppliedObject("v1", "ConfigMap", "settings"),
                        new AppliedObject("apps/v1", "Deployment", "web")));
        String value = inventory.annotationValue();
        assertEquals(
                "{\"deployId\":\"build-9\",\"namespace\":\"pr-7\",\"objects\":{\"apps/v1\":{\"Deployment\":[\"web\",\"worker\"]},"
                        + "\"v1\":{\"ConfigMap\":[\"settings\"],\"Service\":[\"web\"]}}}",
                value);
        assertEquals(Optional.of(inventory), PreviewInventory.read("pr-7", value));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{\"deployId\":\"build-1\"}",
                "{\"deployId\":7,\"objects\":{}}",
                "{\"deployId\":\"build 1\",\"objects\":{}}",
                "{\"deployId\":\"build-1\",\"objects\":[]}",
                "{\"deployId\":\"build-1\",\"objects\":{\"v1\":[\"x\"]}}",
                "{\"deployId\":\"build-1\",\"objects\":{\"v1\":{\"ConfigMap\":\"x\"}}}",
                "{\"deployId\":\"build-1\",\"objects\":{\"v1\":{\"ConfigMap\":[7]}}}",
                "{\"deployId\":\"build-1\",\"objects\":{\"v1\":{\"ConfigMap\":[\"../../secrets/x\"]}}}",
                "{\"deployId\":\"build-1\",\"objects\":{\"v1\":{\"ConfigMap\":[\"\"]}}}"
            })
    void aValueThatIsNotAnInventoryReadsAsNone(String value) {
        assertEquals(Optional.empty(), PreviewInventory.read("pr-7", value));
    }

    @Test
    void prunableKindsMatchByGroupAndKindWhateverTheVersion() {
        assertEquals(
                Optional.of(PrunableKind.DEPLOYMENT),
                PrunableKind.of(new AppliedObject("apps/v1beta2", "Deployment", "web")));
        assertEquals(
                Optional.of(PrunableKind.CONFIG_MAP), PrunableKind.of(new AppliedObject("v1", "ConfigMap", "web")));
        assertEquals(
                Optional.of(PrunableKind.INGRESS),
                PrunableKind.of(new AppliedObject("networking.k8s.io/v1", "Ingress", "web")));
        assertEquals(Optional.empty(), PrunableKind.of(new AppliedObject("example.com/v1", "Deployment", "web")));
        assertEquals(
                Optional.empty(), PrunableKind.of(new AppliedObject("rbac.authorization.k8s.io/v1", "Role", "web")));
    }
}
