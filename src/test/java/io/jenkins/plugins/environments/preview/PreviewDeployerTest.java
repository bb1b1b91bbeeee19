package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PreviewDeployer} end to end: the real helm renders, the real docker-registry resolves tags, the fabric8 mock
 * API (CRUD mode) stands in for the cluster. The mock runs no controllers, so where readiness matters the test writes
 * the Deployment's status itself, and a namespace delete does not remove what is inside it.
 */
class PreviewDeployerTest {

    private static KubernetesCli cli;
    private static DockerRegistry registry;
    private static String digestV1;
    private static String digestV2;

    @TempDir
    Path dir;

    private MockKubernetesApi api;
    private KubernetesClient client;
    private PreviewFixture fixture;
    private PreviewDeployer deployer;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void tools() throws Exception {
        cli = KubernetesCli.create();
        registry = DockerRegistry.start();
        digestV1 = RegistryImages.push(registry, PreviewFixture.IMAGE_REPOSITORY, "1.0", "one");
        digestV2 = RegistryImages.push(registry, PreviewFixture.IMAGE_REPOSITORY, "2.0", "two");
    }

    @AfterAll
    static void closeTools() {
        registry.close();
        cli.close();
    }

    @BeforeEach
    void start() throws Exception {
        api = MockKubernetesApi.start();
        client = api.client();
        fixture = new PreviewFixture(dir, api, registry.host());
        deployer = fixture.deployer(fixture.configuration(0, WhenFull.QUEUE));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private PreviewRequest.Builder chart(String pr) {
        return PreviewRequest.builder("shop")
                .image(registry.host() + "/" + PreviewFixture.IMAGE_REPOSITORY + ":1.0")
                .chart("chart")
                .pr(pr)
                .helm(cli.helm().toString())
                .waitForReady(false)
                .buildUrl("https://ci.example.com/job/shop/PR-" + pr + "/1/")
                .job("shop/PR-" + pr);
    }

    @Test
    void aPinnedPreviewsDeployIsRecordedAsPinnedWithTheExpiryOfEachDeploy() throws Exception {
        deployer.deploy(chart("1842").pinned(true).build(), fixture.tools(), log::add);
        fixture.now.set(fixture.now.get().plus(java.time.Duration.ofHours(1)));
        deployer.deploy(chart("1842").pinned(true).build(), fixture.tools(), log::add);

        List<LedgerEvent> events = fixture.ledger.events();
        assertEquals(2, events.size());
        assertEquals("true", events.get(0).details().get("pinned"));
        assertEquals("2026-12-01T12:00:00Z", events.get(0).details().get("expires"));
        assertEquals("true", events.get(1).details().get("pinned"));
        assertEquals("2026-12-01T13:00:00Z", events.get(1).details().get("expires"), "each deploy renews the TTL");
    }

    @Test
    void deployCreatesNamespaceQuotaLimitRangeAndObjectsRunningTheResolvedDigest() throws Exception {
        PreviewResult result = deployer.deploy(chart("1842").build(), fixture.tools(), log::add);

        assertEquals(
                Map.of(
                        "namespace", "pr-1842",
                        "url", "https://pr-1842.preview.example.com",
                        "digest", digestV1,
                        "expiresAt", "2026-12-01T12:00:00Z",
                        "cluster", "previews"),
                result.toStepResult());
        Namespace namespace = client.namespaces().withName("pr-1842").get();
        assertEquals("shop", namespace.getMetadata().getLabels().get("environments.jenkins.io/app"));
        assertEquals("1842", namespace.getMetadata().getLabels().get("environments.jenkins.io/pr"));
        assertEquals("preview", namespace.getMetadata().getLabels().get("environments.jenkins.io/environment"));
        assertEquals(
                "2026-12-01T12:00:00Z",
                namespace.getMetadata().getAnnotations().get("environments.jenkins.io/expires-at"));
        assertNotNull(client.resources(ResourceQuota.class)
                .inNamespace("pr-1842")
                .withName("preview-quota")
                .get());
        assertNotNull(client.resources(LimitRange.class)
                .inNamespace("pr-1842")
                .withName("preview-limits")
                .get());

        Deployment deployment = client.apps()
                .deployments()
                .inNamespace("pr-1842")
                .withName("shop")
                .get();
        var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(
                registry.host() + "/team/shop@" + digestV1, containers.get(0).getImage(), "the app is pinned");
        assertEquals("docker.io/library/nginx:1.27", containers.get(1).getImage(), "other images are left alone");
        Ingress ingress = client.network()
                .v1()
                .ingresses()
                .inNamespace("pr-1842")
                .withName("shop")
                .get();
        assertEquals(
                "pr-1842.preview.example.com",
                ingress.getSpec().getRules().get(0).getHost());
        assertEquals(
                "pr-1842.preview.example.com",
                ingress.getMetadata().getAnnotations().get("host-value"),
                "the chart got the host as the value preview.host");

        List<LedgerEvent> events = fixture.ledger.events();
        assertEquals(1, events.size());
        LedgerEvent deployed = events.get(0);
        assertEquals(LedgerEventType.DEPLOYED, deployed.type());
        assertEquals("preview", deployed.environment());
        assertEquals("1842", deployed.pr());
        assertEquals(digestV1, deployed.digest());
        assertEquals("https://pr-1842.preview.example.com", deployed.url());
        assertEquals("shop/PR-1842", deployed.details().get("job"));
        assertEquals("previews", deployed.details().get("cluster"));
        assertEquals("2026-12-01T12:00:00Z", deployed.details().get("expires"), "as the namespace's expires-at says");
        assertNull(deployed.details().get("pinned"), "not pinned");
        assertTrue(
                log.contains("Resolved " + registry.host() + "/team/shop:1.0 to " + digestV1
                        + "; the digest is what gets deployed"),
                log::toString);
    }

    @Test
    void redeployUpdatesInPlaceRenewsTheTtlAndPrunesWhatTheNewRenderNoLongerHas() throws Exception {
        deployer.deploy(chart("7").build(), fixture.tools(), log::add);
        String uid = client.namespaces().withName("pr-7").get().getMetadata().getUid();
        fixture.now.set(PreviewFixture.START.plus(Duration.ofHours(5)));

        PreviewResult again = deployer.deploy(
                chart("7")
                        .image(registry.host() + "/team/shop@" + digestV2)
                        .set(Map.of("extra", "")) // the ConfigMap's template renders nothing now
                        .build(),
                fixture.tools(),
                log::add);

        assertEquals(
                uid, client.namespaces().withName("pr-7").get().getMetadata().getUid(), "same namespace");
        assertEquals(PreviewFixture.START.plus(Duration.ofHours(77)), again.expiresAt(), "TTL renewed");
        assertEquals(List.of("ConfigMap extra"), again.pruned());
        assertNull(client.resources(ConfigMap.class)
                .inNamespace("pr-7")
                .withName("extra")
                .get());
        assertEquals(
                registry.host() + "/team/shop@" + digestV2,
                client.apps()
                        .deployments()
                        .inNamespace("pr-7")
                        .withName("shop")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage());
        assertEquals(1, client.namespaces().list().getItems().size());
    }

    @Test
    void waitsForTheDeploymentUntilItIsReady() throws Exception {
        // The mock runs no controller: this thread plays the Deployment controller and reports one ready replica.
        CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
            var deployments = client.apps().deployments().inNamespace("pr-9").withName("shop");
            deployments.waitUntilCondition(d -> d != null, 30, TimeUnit.SECONDS);
            Deployment current = deployments.get();
            current.setStatus(new DeploymentStatusBuilder()
                    .withObservedGeneration(current.getMetadata().getGeneration())
                    .withReplicas(1)
                    .withReadyReplicas(1)
                    .withUpdatedReplicas(1)
                    .withAvailableReplicas(1)
                    .build());
            deployments.updateStatus(current);
        });

        deployer.deploy(chart("9").waitForReady(true).timeout("30s").build(), fixture.tools(), log::add);

        controller.get(30, TimeUnit.SECONDS);
        assertTrue(log.contains("Waiting up to PT30S for Deployments and StatefulSets to be ready"), log::toString);
    }

    @Test
    void aDeploymentThatNeverBecomesReadyIsNamedWhenTheTimeoutEnds() {
        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(
                        chart("10").waitForReady(true).timeout("1s").build(), fixture.tools(), log::add));

        // Each pending workload is named once (it used to be listed twice).
        assertEquals("Not ready in namespace pr-10 after PT1S: Deployment shop: 0/1 ready", e.getMessage());
    }

    @Test
    void teardownPurgesTheSecretsDeletesTheNamespaceAndRecordsWhy() throws Exception {
        deployer.deploy(chart("12").build(), fixture.tools(), log::add);
        assertNotNull(
                client.secrets().inNamespace("pr-12").withName("session-key").get());
        api.clearRequests();

        TeardownResult result = deployer.teardown(
                PreviewPlanner.target(fixture.configuration(0, WhenFull.QUEUE), "shop", "12", null, null),
                Duration.ofSeconds(20),
                "manual",
                "alice",
                null,
                log::add);

        assertTrue(result.removed());
        assertEquals(1, result.secretsPurged());
        assertNull(client.namespaces().withName("pr-12").get());
        // The mock does not cascade: the Secret is gone because the plugin purged it, not with its namespace.
        assertNull(client.secrets().inNamespace("pr-12").withName("session-key").get());
        assertEquals(2, api.requests("DELETE").size(), "the Secrets by label, then the namespace");
        LedgerEvent tornDown = fixture.ledger.events().get(1);
        assertEquals(LedgerEventType.TORN_DOWN, tornDown.type());
        assertEquals("manual", tornDown.reason());
        assertEquals("alice", tornDown.actor());
        assertEquals(List.of(), PreviewHistory.open(fixture.ledger.events()));
    }

    @Test
    void tearingDownWhatIsNotThereSucceedsWithANoteAndRecordsNothing() throws Exception {
        TeardownResult result = deployer.teardown(
                PreviewPlanner.target(fixture.configuration(0, WhenFull.QUEUE), "shop", "77", null, null),
                Duration.ofSeconds(5),
                "manual",
                "alice",
                null,
                log::add);

        assertFalse(result.removed());
        assertEquals(List.of("Preview pr-77 on cluster 'previews' was not there; nothing to tear down"), log);
        assertEquals(List.of(), fixture.ledger.events());
    }

    @Test
    void teardownRefusesANamespaceThatHoldsAnotherAppsPreview() throws Exception {
        deployer.deploy(chart("5").build(), fixture.tools(), log::add);

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.teardown(
                        PreviewPlanner.target(fixture.configuration(0, WhenFull.QUEUE), "cart", "5", null, null),
                        Duration.ofSeconds(5),
                        "manual",
                        "alice",
                        null,
                        log::add));

        assertEquals(
                "Namespace pr-5 holds the preview of app 'shop' (PR 5) of this Jenkins; not deleting it for app 'cart'"
                        + " (PR 5)",
                e.getMessage());
        assertNotNull(client.namespaces().withName("pr-5").get());
    }

    @Test
    void ephemeralDatabaseManifestsGoIntoThePreviewNamespace() throws Exception {
        deployer.deploy(
                chart("21").database("ephemeral").databaseManifests("db").build(), fixture.tools(), log::add);

        var postgres = client.apps()
                .statefulSets()
                .inNamespace("pr-21")
                .withName("postgres")
                .get();
        assertEquals(
                "environment-management",
                postgres.getMetadata().getLabels().get("app.kubernetes.io/managed-by"),
                "labelled like the app, so it is pruned and torn down with it");
    }

    @Test
    void sharedSchemaIsHandedToTheChartAndRecordedForCleanup() throws Exception {
        fixture.write("chart/templates/schema.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: schema
                data:
                  schema: {{ .Values.database.schema | quote }}
                """);
        PreviewResult result =
                deployer.deploy(chart("31").database("shared-schema").build(), fixture.tools(), log::add);

        assertEquals("pr_31", result.schema());
        assertEquals(
                "pr_31",
                client.configMaps()
                        .inNamespace("pr-31")
                        .withName("schema")
                        .get()
                        .getData()
                        .get("schema"));
        assertEquals("pr_31", fixture.ledger.events().get(0).details().get("schema"));

        TeardownResult teardown = deployer.teardown(
                PreviewPlanner.target(fixture.configuration(0, WhenFull.QUEUE), "shop", "31", null, null),
                Duration.ofSeconds(5),
                "pr-closed",
                LedgerEvent.SYSTEM,
                null,
                log::add);
        assertEquals("pr_31", teardown.schema());
        assertEquals("pr_31", fixture.ledger.events().get(1).details().get("schema"));
        assertTrue(log.contains("Shared schema pr_31 is no longer used by this preview and can be dropped"));
    }

    @Test
    void aSecretInAValuesFileStopsTheDeployBeforeAnythingRunsAndIsNotPrinted() throws Exception {
        fixture.write("values/pr.yaml", "replicas: 1\ndb:\n  password: hunter2-very-secret\n");

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(
                        chart("3").values(List.of("values/pr.yaml")).build(), fixture.tools(), log::add));

        assertTrue(e.getMessage().contains("values/pr.yaml:3"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(String.join("\n", log).contains("hunter2"));
        assertEquals(List.of(), api.requests(), "nothing reached the cluster");
    }

    @Test
    void anImageNotUsedByTheRenderIsRefused() {
        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(
                        chart("4")
                                .image(registry.host() + "/team/other@" + digestV1)
                                .build(),
                        fixture.tools(),
                        log::add));

        assertEquals("image " + registry.host() + "/team/other is used by no container", e.getMessage());
        assertEquals(List.of(), api.requests());
    }
}
