package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.testing.HookedChart;
import io.jenkins.plugins.environments.testing.JobController;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A preview of a chart with CRDs, hooks and tests ({@link HookedChart}), rendered by the real helm and deployed into
 * the fabric8 mock API, whose request log shows the order of the writes. The mock runs no controllers: this test plays
 * the Job controller ({@link JobController}), marking each hook Job {@code Complete}, or {@code Failed} for the names
 * it is told to fail, shortly after it is created.
 */
class PreviewHooksTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String REGISTRY = "registry.example.com";
    private static final String NS = "pr-7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KubernetesCli cli;

    @TempDir
    Path dir;

    private MockKubernetesApi api;
    private KubernetesClient client;
    private PreviewFixture fixture;
    private PreviewDeployer deployer;
    private JobController jobs;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void tools() {
        cli = KubernetesCli.create();
    }

    @AfterAll
    static void closeTools() {
        cli.close();
    }

    @BeforeEach
    void start() throws Exception {
        api = MockKubernetesApi.start();
        client = api.client();
        fixture = new PreviewFixture(dir, api, REGISTRY);
        HookedChart.write(
                fixture.workspace.resolve("hooked"), REGISTRY + "/" + PreviewFixture.IMAGE_REPOSITORY + ":1.0");
        deployer = fixture.deployer(fixture.configuration(0, WhenFull.QUEUE));
        jobs = new JobController(api.newClient(), NS);
        // The chart's CRD is on the cluster, as a cluster administrator installed it.
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName(HookedChart.CRD)
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("example.com")
                        .withScope("Namespaced")
                        .withNewNames()
                        .withKind("Widget")
                        .withPlural("widgets")
                        .endNames()
                        .endSpec()
                        .build())
                .create();
        api.clearRequests();
    }

    @AfterEach
    void stop() {
        jobs.close();
        api.close();
    }

    private PreviewRequest request() {
        return PreviewRequest.builder("shop")
                .image(REGISTRY + "/" + PreviewFixture.IMAGE_REPOSITORY + "@" + DIGEST)
                .chart("hooked")
                .pr("7")
                .helm(cli.helm().toString())
                .waitForReady(false)
                .timeout("60s")
                .buildUrl("https://ci.example.com/job/shop/PR-7/1/")
                .job("shop/PR-7")
                .build();
    }

    private PreviewResult deploy() throws InterruptedException {
        return deployer.deploy(request(), fixture.tools(), log::add);
    }

    /** Writes to the preview's namespace as {@code METHOD kind/name}, without the Job controller's status writes. */
    private List<String> writes() {
        List<String> writes = new ArrayList<>();
        for (MockKubernetesApi.RecordedCall call : api.requests()) {
            if (call.method().equals("GET") || call.path().endsWith("/status")) {
                continue;
            }
            String path = call.path();
            int at = path.indexOf("/namespaces/" + NS + "/");
            String what = at < 0
                    ? path.substring(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1)
                    : path.substring(at + ("/namespaces/" + NS + "/").length());
            if (call.method().equals("POST")) {
                what += "/" + name(call.body());
            }
            writes.add(call.method() + " " + what);
        }
        return writes;
    }

    private static String name(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("metadata").path("name").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void firstDeployIsAnInstallPreHooksByWeightThenTheReleaseThenThePostHook() throws Exception {
        deploy();

        assertEquals(
                List.of(
                        "PATCH namespaces/" + NS,
                        "PATCH resourcequotas/preview-quota",
                        "PATCH limitranges/preview-limits",
                        "DELETE jobs/migrate-schema",
                        "POST jobs/migrate-schema",
                        "POST jobs/warm-cache",
                        "DELETE jobs/warm-cache",
                        "POST jobs/migrate-data",
                        "DELETE jobs/migrate-data",
                        "DELETE configmaps/seed",
                        "POST configmaps/seed",
                        "PATCH services/shop",
                        "PATCH deployments/shop",
                        "PATCH namespaces/" + NS,
                        "POST jobs/notify",
                        "DELETE jobs/notify"),
                writes());
        assertEquals(
                List.of("migrate-schema", "warm-cache", "migrate-data", "notify"),
                jobs.finished(),
                "the Jobs in the order they ran to completion");
    }

    @Test
    void testHooksAndHooksOfOtherEventsNeverReachTheCluster() throws Exception {
        deploy();
        deploy();

        for (MockKubernetesApi.RecordedCall call : api.requests()) {
            for (String never : List.of(
                    HookedChart.TEST_POD, HookedChart.LEGACY_TEST_POD, HookedChart.CLEANUP, HookedChart.SKIPPED)) {
                assertTrue(
                        !call.path().contains(never) && !call.body().contains("\"" + never + "\""),
                        never + " reached the cluster: " + call.method() + " " + call.path());
            }
        }
        for (String line : List.of(
                "Pod test-connection (helm.sh/hook: test: run by helm test, never on deploy)",
                "Pod legacy-test (helm.sh/hook: test-success: run by helm test, never on deploy)")) {
            assertTrue(
                    log.stream().anyMatch(l -> l.startsWith("Not applied: Document ") && l.endsWith(line)),
                    line + " in " + log);
        }
    }

    @Test
    void aRedeployIsAnUpgradeThatReplacesKeptHooksAndSkipsInstallOnlyOnes() throws Exception {
        deploy();
        api.clearRequests();
        jobs.finished().clear();

        deploy();

        List<String> writes = writes();
        assertEquals(
                List.of(
                        "DELETE jobs/migrate-schema",
                        "POST jobs/migrate-schema",
                        "POST jobs/warm-cache",
                        "DELETE jobs/warm-cache",
                        "POST jobs/migrate-data",
                        "DELETE jobs/migrate-data",
                        "PATCH services/shop",
                        "PATCH deployments/shop",
                        "PATCH namespaces/" + NS,
                        "POST jobs/notify",
                        "DELETE jobs/notify"),
                writes.subList(writes.indexOf("DELETE jobs/migrate-schema"), writes.size()));
        assertTrue(writes.stream().noneMatch(w -> w.endsWith("/seed")), "seed is a pre-install hook only: " + writes);
        assertTrue(log.contains("Running hook Job migrate-schema (pre-upgrade, weight -5)"), log.toString());
    }

    @Test
    void deletePoliciesLeaveOnlyTheHooksThatKeepTheirLastRun() throws Exception {
        deploy();

        assertNotNull(job(HookedChart.MIGRATE_SCHEMA), "before-hook-creation (the default) keeps the last run");
        assertNull(job(HookedChart.MIGRATE_DATA), "hook-succeeded");
        assertNull(job(HookedChart.ARGO_PRESYNC), "HookSucceeded");
        assertNull(job(HookedChart.NOTIFY), "hook-succeeded,hook-failed");
        assertNotNull(
                client.configMaps().inNamespace(NS).withName(HookedChart.SEED).get());
        assertEquals(
                "shop",
                job(HookedChart.MIGRATE_SCHEMA).getMetadata().getLabels().get("environments.jenkins.io/app"),
                "a hook carries the preview's labels");
        assertNull(
                job(HookedChart.MIGRATE_SCHEMA).getMetadata().getLabels().get("environments.jenkins.io/deploy-id"),
                "but no deploy id: label pruning never sees it");
    }

    @Test
    void hooksAreNotInTheInventoryAndAreNeverPruned() throws Exception {
        deploy();
        deploy();

        String inventory = client.namespaces()
                .withName(NS)
                .get()
                .getMetadata()
                .getAnnotations()
                .get("environments.jenkins.io/inventory");
        // The inventory lists the release's objects only: no hook Job or ConfigMap.
        assertEquals(
                "{\"apps/v1\":{\"Deployment\":[\"shop\"]},\"v1\":{\"Service\":[\"shop\"]}}",
                JSON.writeValueAsString(JSON.readTree(inventory).get("objects")));
        assertNotNull(job(HookedChart.MIGRATE_SCHEMA));
        assertTrue(log.stream().noneMatch(l -> l.contains("pruned")), log.toString());
    }

    @Test
    void aFailedPreHookStopsTheDeployBeforeAnyReleaseObjectNamingTheJobAndWhy() throws Exception {
        jobs.fail(HookedChart.MIGRATE_DATA);

        PreviewException e = assertThrows(PreviewException.class, this::deploy);

        assertEquals(
                "Hook Job migrate-data (pre-install, weight 0) failed in namespace pr-7: BackoffLimitExceeded: Job"
                        + " has reached the specified backoff limit; the deploy stopped before applying the"
                        + " release's objects",
                e.getMessage());
        List<String> writes = writes();
        assertTrue(
                writes.stream().noneMatch(w -> w.contains("services/") || w.contains("deployments/")),
                "nothing of the release written: " + writes);
        assertEquals("POST jobs/migrate-data", writes.get(writes.size() - 1), writes.toString());
        assertNotNull(job(HookedChart.MIGRATE_DATA), "hook-succeeded only: the failed run is kept to read its logs");
        assertTrue(
                fixture.ledger.events().stream().noneMatch(ev -> ev.type() == LedgerEventType.DEPLOYED),
                "no deploy recorded");
    }

    @Test
    void aFailedPostHookWithHookFailedPolicyIsDeletedAndFailsTheDeployAfterTheRelease() throws Exception {
        jobs.fail(HookedChart.NOTIFY);

        PreviewException e = assertThrows(PreviewException.class, this::deploy);

        assertEquals(
                "Hook Job notify (post-install, weight 0) failed in namespace pr-7: BackoffLimitExceeded: Job has"
                        + " reached the specified backoff limit; the release's objects were applied, the hooks after"
                        + " it did not all run",
                e.getMessage());
        assertNull(job(HookedChart.NOTIFY), "hook-failed");
        assertNotNull(
                client.apps().deployments().inNamespace(NS).withName("shop").get());
    }

    @Test
    void aPreviewNeverWritesTheChartsCrdAndSaysSo() throws Exception {
        deploy();

        assertTrue(
                api.requests().stream()
                        .filter(c -> c.path().contains("customresourcedefinitions"))
                        .allMatch(c -> c.method().equals("GET")),
                "reads only");
        assertTrue(
                log.contains("CustomResourceDefinition widgets.example.com is already on cluster 'previews'; not"
                        + " applied (a preview never writes cluster-scoped objects)"),
                log.toString());
    }

    @Test
    void aPreviewOfAChartWhoseCrdIsNotOnTheClusterIsRefusedBeforeAnyWrite() throws Exception {
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(HookedChart.CRD)
                .delete();
        api.clearRequests();

        PreviewException e = assertThrows(PreviewException.class, this::deploy);

        assertEquals(
                "CustomResourceDefinition widgets.example.com (from the chart's crds/) is not on cluster 'previews':"
                        + " a preview never creates cluster-scoped objects; have a cluster administrator install it"
                        + " first (for example kubectl apply -f <chart>/crds/)",
                e.getMessage());
        assertEquals(
                List.of("GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com"),
                api.requests().stream()
                        .map(c -> c.method() + " " + c.path())
                        .filter(c -> !c.equals("GET /apis/batch/v1/namespaces/pr-7/jobs")) // the Job controller's
                        .toList(),
                "one read, nothing written");
        assertNull(client.namespaces().withName(NS).get());
    }

    @Test
    void aHookThatNeverFinishesFailsTheDeployWithinTheStepTimeoutNamingIt() throws Exception {
        jobs.hang(HookedChart.MIGRATE_SCHEMA);
        PreviewRequest quick = request().toBuilder().timeout("2s").build();

        long started = System.nanoTime();
        PreviewException e =
                assertThrows(PreviewException.class, () -> deployer.deploy(quick, fixture.tools(), log::add));

        assertTrue(
                e.getMessage()
                        .startsWith("Hook not finished after PT2S: Job migrate-schema (pre-install, weight -5): still"
                                + " running"),
                e.getMessage());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 30, "bounded by the timeout");
        assertTrue(writes().stream().noneMatch(w -> w.contains("deployments/")));
    }

    private Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    }
}
