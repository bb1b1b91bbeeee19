package io.jenkins.plugins.environments.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MockKubernetesApiTest {

    private MockKubernetesApi api;
    private KubernetesClient client;

    @BeforeEach
    void startServer() {
        api = MockKubernetesApi.start();
        client = api.client();
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void clientUsesOkHttpOverLoopback() {
        String transport = client.getHttpClient().getClass().getName();
        assertTrue(transport.contains("okhttp"), transport);
        assertTrue(URI.create(api.url()).getHost().matches("localhost|127\\.0\\.0\\.1"), api.url());
        assertEquals("33", client.getKubernetesVersion().getMinor());
    }

    @Test
    void namespacesAreListedByEqualityLabelSelector() {
        client.namespaces()
                .resource(namespace("preview-pr-1", Map.of("environment", "preview", "pr", "1")))
                .create();
        client.namespaces()
                .resource(namespace("production", Map.of("environment", "production")))
                .create();

        List<Namespace> previews =
                client.namespaces().withLabel("environment", "preview").list().getItems();

        assertEquals(
                List.of("preview-pr-1"),
                previews.stream().map(n -> n.getMetadata().getName()).toList());
        assertEquals("1", previews.get(0).getMetadata().getLabels().get("pr"));
        List<MockKubernetesApi.RecordedCall> gets = api.requests("GET");
        assertEquals("/api/v1/namespaces", gets.get(gets.size() - 1).path());
        assertEquals(
                Optional.of("environment=preview"), gets.get(gets.size() - 1).queryParameter("labelSelector"));
    }

    @Test
    void setBasedSelectorsAreIgnoredAsDocumented() {
        client.namespaces().resource(namespace("a", Map.of("tier", "web"))).create();
        client.namespaces().resource(namespace("b", Map.of("tier", "db"))).create();
        // A real server returns only "a"; CRUD mode drops the "in" requirement. If this starts failing,
        // fabric8 learned set-based selectors: update the MockKubernetesApi javadoc.
        assertEquals(
                2,
                client.namespaces().withLabelIn("tier", "web").list().getItems().size());
    }

    @Test
    void serverSideApplyCreatesThenUpdatesADeployment() {
        Deployment created = apply(deployment("web", 1, "nginx:1.27"));
        Deployment updated = apply(deployment("web", 3, "nginx:1.28"));

        assertEquals(1, created.getSpec().getReplicas());
        assertEquals(3, updated.getSpec().getReplicas());
        assertEquals(created.getMetadata().getUid(), updated.getMetadata().getUid());
        assertNotEquals(
                created.getMetadata().getResourceVersion(),
                updated.getMetadata().getResourceVersion());
        List<Container> containers = containers(deployments().withName("web").get());
        assertEquals(1, containers.size(), "containers are merged, not appended");
        assertEquals("nginx:1.28", containers.get(0).getImage());

        List<MockKubernetesApi.RecordedCall> patches = api.requests("PATCH");
        assertEquals(2, patches.size(), api.requests().toString());
        for (MockKubernetesApi.RecordedCall patch : patches) {
            assertEquals("/apis/apps/v1/namespaces/apps/deployments/web", patch.path());
            assertTrue(patch.contentType().startsWith("application/apply-patch+yaml"), patch.contentType());
            assertEquals(Optional.of("environment-management"), patch.queryParameter("fieldManager"));
            assertEquals(Optional.of("true"), patch.queryParameter("force"));
        }
    }

    @Test
    void serverSideApplyAcceptsYamlBodies() throws Exception {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: apps
                data:
                  mode: preview
                """;
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(api.url())
                        .resolve("/api/v1/namespaces/apps/configmaps/settings?fieldManager=kubectl"))
                .header("Content-Type", "application/apply-patch+yaml")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(yaml)));

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
        assertEquals(
                "preview",
                client.configMaps()
                        .inNamespace("apps")
                        .withName("settings")
                        .get()
                        .getData()
                        .get("mode"));
    }

    @Test
    void serverSideApplyAnswers201WhenItCreatesAnd200WhenItUpdates() throws Exception {
        // Rule (as a real API server): an apply that creates the object answers 201 Created, one that updates an
        // existing object answers 200 OK; PreviewNamespaces tells a namespace it has just created by this.
        String body = """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"pr-3","labels":{"pr":"3"}}}""";
        HttpRequest.Builder apply = HttpRequest.newBuilder(URI.create(api.url())
                        .resolve("/api/v1/namespaces/pr-3?fieldManager=environment-management&force=true"))
                .header("Content-Type", "application/apply-patch+yaml")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));

        HttpResponse<String> created = send(apply);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> updated = send(apply);
        assertEquals(200, updated.statusCode(), updated.body());

        Namespace stored = client.namespaces().withName("pr-3").get();
        assertEquals(Map.of("pr", "3"), stored.getMetadata().getLabels());
        assertEquals(
                client.getKubernetesSerialization()
                        .unmarshal(updated.body(), Namespace.class)
                        .getMetadata()
                        .getUid(),
                stored.getMetadata().getUid());
    }

    @Test
    void strategicAndJsonMergePatchesFollowJsonMergeRules() {
        client.resource(deployment("api", 2, "app:1")).create();

        deployments().withName("api").patch(PatchContext.of(PatchType.STRATEGIC_MERGE), """
                {"spec":{"template":{"spec":{"containers":[{"name":"main","image":"app:2"}]}}}}""");
        Deployment patched = deployments().withName("api").get();
        assertEquals(2, patched.getSpec().getReplicas());
        assertEquals(
                List.of("app:2"),
                containers(patched).stream().map(Container::getImage).toList());
        String contentType = api.requests("PATCH").get(0).contentType();
        assertTrue(contentType.startsWith(ApiServerDispatcher.STRATEGIC_MERGE_PATCH), contentType);

        // RFC 7386: null removes the member (fabric8's CRUD mode alone would store the null).
        deployments().withName("api").patch(PatchContext.of(PatchType.JSON_MERGE), """
                {"metadata":{"labels":{"app":null,"tier":"api"}}}""");
        assertEquals(
                Map.of("tier", "api"),
                deployments().withName("api").get().getMetadata().getLabels());
    }

    @Test
    void discoveryListsBuiltInKinds() throws Exception {
        APIResource deployments = resource("apps/v1", "deployments");
        assertEquals("Deployment", deployments.getKind());
        assertTrue(deployments.getNamespaced());
        assertTrue(deployments.getVerbs().containsAll(List.of("get", "list", "watch", "create", "patch")));
        assertFalse(resource("v1", "namespaces").getNamespaced());
        assertEquals(
                "ClusterRole",
                resource("rbac.authorization.k8s.io/v1", "clusterroles").getKind());
        assertTrue(client.getApiGroups().getGroups().stream()
                .anyMatch(g -> g.getName().equals("networking.k8s.io")));

        HttpResponse<String> raw =
                send(HttpRequest.newBuilder(URI.create(api.url()).resolve("/apis/batch/v1")));
        assertEquals(200, raw.statusCode());
        assertEquals(Optional.of("application/json"), raw.headers().firstValue("Content-Type"));
        assertTrue(raw.body().contains("\"name\":\"cronjobs\""), raw.body());
    }

    @Test
    void deploymentStatusIsWhateverTheTestWrites() {
        client.resource(deployment("worker", 2, "worker:1")).create();
        // No controller runs here: nothing would ever set readyReplicas, so the test plays the controller.
        Deployment withStatus = deployments().withName("worker").get();
        withStatus.setStatus(new DeploymentStatusBuilder()
                .withReplicas(2)
                .withReadyReplicas(2)
                .withUpdatedReplicas(2)
                .withAvailableReplicas(2)
                .withObservedGeneration(withStatus.getMetadata().getGeneration())
                .build());
        client.resource(withStatus).updateStatus();

        Deployment read = deployments().withName("worker").get();
        assertEquals(2, read.getStatus().getReadyReplicas());
        assertEquals(2, read.getStatus().getAvailableReplicas());
        assertTrue(api.requests("PUT").stream().anyMatch(c -> c.path().endsWith("/deployments/worker/status")));

        // A later apply to the main resource ignores its status stanza and keeps the written status, as on a
        // real server.
        Deployment reapplied = deployment("worker", 2, "worker:2");
        reapplied.setStatus(new DeploymentStatusBuilder().withReadyReplicas(0).build());
        apply(reapplied);
        assertEquals(2, deployments().withName("worker").get().getStatus().getReadyReplicas());
    }

    private Deployment apply(Deployment deployment) {
        return client.resource(deployment)
                .fieldManager("environment-management")
                .forceConflicts()
                .serverSideApply();
    }

    private NonNamespaceOperation<Deployment, DeploymentList, RollableScalableResource<Deployment>> deployments() {
        return client.apps().deployments().inNamespace("apps");
    }

    private APIResource resource(String groupVersion, String plural) {
        return client.getApiResources(groupVersion).getResources().stream()
                .filter(r -> r.getName().equals(plural))
                .findFirst()
                .orElseThrow(() -> new AssertionError(plural + " missing from " + groupVersion));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try (HttpClient http =
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static List<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }

    private static Namespace namespace(String name, Map<String, String> labels) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build();
    }

    private static Deployment deployment(String name, int replicas, String image) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("apps")
                .addToLabels("app", name)
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
                .withName("main")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
