package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.render.RenderedManifests;
import io.jenkins.plugins.environments.testing.CrdController;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CustomResourceDefinitions} and the hook side of {@link EnvironmentNamespaces} against the fabric8 mock API.
 * The mock runs no API extension controller: where a CRD must become {@code Established}, the test plays it
 * ({@link CrdController}).
 */
class ReleaseCrdsAndHooksTest {

    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
            """;

    private MockKubernetesApi api;
    private KubernetesClient client;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() {
        api = MockKubernetesApi.start();
        client = api.client();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private List<MockKubernetesApi.RecordedCall> crdWrites() {
        return api.requests().stream()
                .filter(c -> c.path().contains("customresourcedefinitions")
                        && !c.method().equals("GET"))
                .toList();
    }

    @Test
    void anEnvironmentDeployCreatesAnAbsentCrdAndWaitsUntilItIsEstablished() throws Exception {
        try (CrdController apiServer = new CrdController(api.newClient())) {
            List<String> created = CustomResourceDefinitions.createAbsent(
                    client, RenderedManifests.parse(CRD, "crds"), Duration.ofSeconds(30), log::add);

            assertEquals(List.of("CustomResourceDefinition widgets.example.com"), created);
            assertEquals(List.of("Created CustomResourceDefinition widgets.example.com"), log);
        }
        List<String> writes = crdWrites().stream()
                .filter(c -> !c.path().endsWith("/status"))
                .map(c -> c.method() + " " + c.path())
                .toList();
        assertEquals(List.of("POST /apis/apiextensions.k8s.io/v1/customresourcedefinitions"), writes);
    }

    @Test
    void aCrdThatIsThereIsNeverUpdatedAsHelmLeavesIt() throws Exception {
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName("widgets.example.com")
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("example.com")
                        .withScope("Cluster")
                        .withNewNames()
                        .withKind("Widget")
                        .withPlural("widgets")
                        .endNames()
                        .endSpec()
                        .build())
                .create();
        api.clearRequests();

        List<String> created = CustomResourceDefinitions.createAbsent(
                client, RenderedManifests.parse(CRD, "crds"), Duration.ofSeconds(5), log::add);

        assertEquals(List.of(), created);
        assertEquals(List.of(), crdWrites());
        assertEquals(
                List.of("CustomResourceDefinition widgets.example.com is already on the cluster; left as it is (as"
                        + " Helm does, CRDs are never updated)"),
                log);
        assertEquals(
                "Cluster",
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("widgets.example.com")
                        .get()
                        .getSpec()
                        .getScope(),
                "the cluster's CRD as it was, not the chart's (Namespaced)");
    }

    @Test
    void aCrdOfAVersionKubernetesNoLongerServesIsRefusedBeforeAnyRequest() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CustomResourceDefinitions.requirePresent(
                        client,
                        RenderedManifests.parse(
                                CRD.replace("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1"), "crds"),
                        "previews",
                        log::add));

        assertEquals(
                "CustomResourceDefinition widgets.example.com uses apiextensions.k8s.io/v1beta1, which Kubernetes no"
                        + " longer serves: use apiextensions.k8s.io/v1",
                e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @Test
    void anEnvironmentDeployRefusesAHookSomeoneElseOwnsBeforeAnyHookRuns() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("shop-prod")
                        .endMetadata()
                        .build())
                .create();
        client.batch()
                .v1()
                .jobs()
                .inNamespace("shop-prod")
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName("migrate")
                        .endMetadata()
                        .build())
                .create();
        ReleasePhases phases = ReleasePhases.of("shop-prod", RenderedManifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  annotations: {helm.sh/hook: pre-upgrade}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: m, image: registry.example.com/team/shop:1}]
                """, "render"));
        api.clearRequests();
        AtomicBoolean ran = new AtomicBoolean();

        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new EnvironmentNamespaces(client)
                        .apply("shop-prod", "shop", "prod", "p1", phases.release(), phases.hookObjects(), install -> {
                            ran.set(true);
                        }));

        assertEquals(
                "Job migrate already exists in namespace shop-prod and was not created by environment-management;"
                        + " not adopting it",
                e.getMessage());
        assertFalse(ran.get(), "no hook ran");
        assertTrue(api.requests().stream().allMatch(c -> c.method().equals("GET")), "reads only");
        assertNotNull(client.batch()
                .v1()
                .jobs()
                .inNamespace("shop-prod")
                .withName("migrate")
                .get());
    }

    @Test
    void anEnvironmentsFirstDeployIsAnInstallAndItsNextAnUpgrade() throws Exception {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("shop-prod")
                        .endMetadata()
                        .build())
                .create();
        List<Boolean> installs = new ArrayList<>();
        EnvironmentNamespaces namespaces = new EnvironmentNamespaces(client);
        List<Map<String, Object>> documents =
                RenderedManifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n", "render");

        namespaces.apply("shop-prod", "shop", "prod", "p1", documents, List.of(), installs::add);
        namespaces.apply("shop-prod", "shop", "prod", "p2", documents, List.of(), installs::add);

        assertEquals(List.of(true, false), installs);
    }

    @Test
    void aPodHookIsAwaitedUntilItsPhaseIsFinalAndAFailedOneNamesWhy() throws Exception {
        ReleasePhases phases = ReleasePhases.of("shop-prod", RenderedManifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: smoke
                  annotations: {helm.sh/hook: post-upgrade, helm.sh/hook-delete-policy: hook-succeeded}
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: registry.example.com/team/smoke:1}]
                """, "render"));
        // The mock runs no kubelet: this thread plays it, failing the Pod once it exists.
        ScheduledExecutorService kubelet = Executors.newSingleThreadScheduledExecutor();
        try (KubernetesClient second = api.newClient()) {
            kubelet.scheduleWithFixedDelay(
                    () -> {
                        Pod pod = second.pods()
                                .inNamespace("shop-prod")
                                .withName("smoke")
                                .get();
                        if (pod != null && pod.getStatus() == null) {
                            pod.setStatus(new PodStatusBuilder()
                                    .withPhase("Failed")
                                    .withReason("Error")
                                    .withMessage("exit code 3")
                                    .build());
                            second.pods().inNamespace("shop-prod").resource(pod).updateStatus();
                        }
                    },
                    20,
                    20,
                    TimeUnit.MILLISECONDS);

            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> ReleaseHooks.forEnvironment(client, "shop-prod", "shop", "prod")
                            .run(phases.after(false), false, Deadline.after(Duration.ofSeconds(30)), log::add));

            assertEquals(
                    "Hook Pod smoke (post-upgrade, weight 0) failed in namespace shop-prod: Error: exit code 3; the"
                            + " release's objects were applied, the hooks after it did not all run",
                    e.getMessage());
        } finally {
            kubelet.shutdownNow();
        }
        assertNotNull(
                client.pods().inNamespace("shop-prod").withName("smoke").get(),
                "hook-succeeded only: a failed Pod is kept");
        assertEquals(List.of("Running hook Pod smoke (post-upgrade, weight 0)"), log);
    }
}
