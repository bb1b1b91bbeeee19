package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.kubernetes.NamespaceOwner;
import io.jenkins.plugins.environments.kubernetes.PreviewLabels;
import io.jenkins.plugins.environments.kubernetes.SweptPreview;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.MockKubernetesApi.RecordedCall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule: a preview touches only what it owns. A preview namespace belongs to one Jenkins (its instance id), one app and
 * one pull request, as its labels and its owner marker say ({@link NamespaceOwner}). {@code deployPreview} goes only
 * into a namespace that does not exist or that it owns; {@code teardownPreview}, the TTL sweep and the pull-request job
 * listener delete only what they own. Every refusal names the namespace and its owner, sends no write to the cluster
 * (the mock API's request log holds reads only) and leaves the ledger as it was.
 */
class PreviewOwnershipTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER_INSTANCE = "99999999999999999999999999999999";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @TempDir
    Path dir;

    private MockKubernetesApi api;
    private KubernetesClient client;
    private PreviewFixture fixture;
    private EnvironmentsConfiguration configuration;
    private PreviewDeployer deployer;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = MockKubernetesApi.start();
        client = api.client();
        fixture = new PreviewFixture(dir, api, "127.0.0.1:5000");
        configuration = fixture.configuration(0, WhenFull.QUEUE);
        deployer = fixture.deployer(configuration);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** How a namespace that is in the way looks, before the step runs. */
    private record Existing(Map<String, String> labels, Map<String, String> annotations) {

        Namespace build(String name) {
            return new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withLabels(labels)
                    .withAnnotations(annotations)
                    .endMetadata()
                    .build();
        }
    }

    private static Map<String, String> labels(String instance, String app, String pr) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PreviewLabels.MANAGED_BY, PreviewLabels.MANAGED_BY_VALUE);
        labels.put(PreviewLabels.ENVIRONMENT, PreviewLabels.ENVIRONMENT_PREVIEW);
        if (instance != null) {
            labels.put(PreviewLabels.INSTANCE, instance);
        }
        if (app != null) {
            labels.put(PreviewLabels.APP, app);
        }
        if (pr != null) {
            labels.put(PreviewLabels.PULL_REQUEST, pr);
        }
        return labels;
    }

    /** A preview as a Jenkins makes it: labels and a matching marker, expired an hour before the test's start. */
    private static Existing preview(String instance, String app, int pr) {
        return marked(labels(instance, app, String.valueOf(pr)), instance + "/" + app + "/" + pr);
    }

    private static Existing marked(Map<String, String> labels, String marker) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(
                PreviewLabels.EXPIRES_AT,
                PreviewFixture.START.minus(Duration.ofHours(1)).toString());
        if (marker != null) {
            annotations.put(PreviewLabels.OWNER, marker);
        }
        return new Existing(labels, annotations);
    }

    private static Existing foreign(Map<String, String> labels) {
        return new Existing(labels, Map.of());
    }

    private static final String NOT_CREATED = "was not created by environment-management";
    private static final String UNCONFIRMED = NOT_CREATED + ": it has preview labels, but its owner marker"
            + " environments.jenkins.io/owner is missing or does not match them";

    /** Namespaces that hold pr-1842 when shop's PR 1842 comes, and what the refusal says about each owner. */
    static Stream<Arguments> notOurs() {
        String self = PreviewFixture.INSTANCE;
        return Stream.of(
                Arguments.of(Named.of("a namespace without any label", foreign(Map.of())), NOT_CREATED),
                Arguments.of(Named.of("a namespace of another team", foreign(Map.of("team", "payments"))), NOT_CREATED),
                Arguments.of(
                        Named.of(
                                "app.kubernetes.io/managed-by of another tool",
                                foreign(Map.of(PreviewLabels.MANAGED_BY, "helm"))),
                        NOT_CREATED),
                Arguments.of(
                        Named.of("app billing's preview of this Jenkins", preview(self, "billing", 1842)),
                        "holds the preview of app 'billing' (PR 1842) of this Jenkins"),
                Arguments.of(
                        Named.of("shop's preview of another Jenkins", preview(OTHER_INSTANCE, "shop", 1842)),
                        "holds the preview of app 'shop' (PR 1842) of another Jenkins (instance '" + OTHER_INSTANCE
                                + "')"),
                Arguments.of(
                        Named.of("preview labels, no marker", marked(labels(self, "shop", "1842"), null)), UNCONFIRMED),
                Arguments.of(
                        Named.of(
                                "preview labels, marker of another PR",
                                marked(labels(self, "shop", "1842"), self + "/shop/7")),
                        UNCONFIRMED),
                Arguments.of(
                        Named.of(
                                "preview labels, marker of another app",
                                marked(labels(self, "shop", "1842"), self + "/billing/1842")),
                        UNCONFIRMED),
                Arguments.of(
                        Named.of(
                                "marker of this Jenkins, instance label of another",
                                marked(labels(OTHER_INSTANCE, "shop", "1842"), self + "/shop/1842")),
                        UNCONFIRMED),
                Arguments.of(
                        Named.of(
                                "marker without an instance label",
                                marked(labels(null, "shop", "1842"), self + "/shop/1842")),
                        UNCONFIRMED),
                Arguments.of(
                        Named.of(
                                "marker with a PR label that is not a number",
                                marked(labels(self, "shop", "01842"), self + "/shop/01842")),
                        UNCONFIRMED),
                Arguments.of(
                        Named.of(
                                "marker without the environment=preview label",
                                marked(
                                        Map.of(
                                                PreviewLabels.MANAGED_BY,
                                                PreviewLabels.MANAGED_BY_VALUE,
                                                PreviewLabels.INSTANCE,
                                                self,
                                                PreviewLabels.APP,
                                                "shop",
                                                PreviewLabels.PULL_REQUEST,
                                                "1842"),
                                        self + "/shop/1842")),
                        NOT_CREATED));
    }

    private PreviewRequest.Builder shop(String pr) {
        return PreviewRequest.builder("shop")
                .image(fixture.image(DIGEST))
                .manifests("manifests")
                .pr(pr)
                .job("shop/PR-" + pr)
                .waitForReady(false);
    }

    private Namespace create(String name, Existing existing) {
        return client.namespaces().resource(existing.build(name)).create();
    }

    /** Rule: a refusal sends no write; the cluster saw reads only. */
    private void assertNoWrite() {
        List<RecordedCall> writes = api.requests().stream()
                .filter(call -> WRITES.contains(call.method()))
                .toList();
        assertEquals(List.of(), writes, "writes sent: " + writes);
    }

    private static Map<String, String> metadataOf(Namespace namespace) {
        Map<String, String> all = new LinkedHashMap<>();
        if (namespace.getMetadata().getLabels() != null) {
            namespace.getMetadata().getLabels().forEach((k, v) -> all.put("label " + k, v));
        }
        if (namespace.getMetadata().getAnnotations() != null) {
            namespace.getMetadata().getAnnotations().forEach((k, v) -> all.put("annotation " + k, v));
        }
        return all;
    }

    @ParameterizedTest(name = "deploy refused: {0}")
    @MethodSource("notOurs")
    void deployGoesOnlyIntoANamespaceItOwns(Existing existing, String owner) throws Exception {
        Namespace before = create("pr-1842", existing);
        List<LedgerEvent> ledger = fixture.ledger.events();
        api.clearRequests();

        PreviewException e = assertThrows(
                PreviewException.class, () -> deployer.deploy(shop("1842").build(), fixture.tools(), log::add));

        assertEquals("Namespace pr-1842 " + owner + "; not deploying app 'shop' (PR 1842) into it", e.getMessage());
        assertNoWrite();
        assertEquals(ledger, fixture.ledger.events(), "ledger unchanged");
        Namespace after = client.namespaces().withName("pr-1842").get();
        assertEquals(metadataOf(before), metadataOf(after), "labels and annotations unchanged");
        assertEquals(
                List.of(), client.configMaps().inNamespace("pr-1842").list().getItems());
        assertNull(client.apps()
                .deployments()
                .inNamespace("pr-1842")
                .withName("shop")
                .get());
    }

    @ParameterizedTest(name = "teardown refused: {0}")
    @MethodSource("notOurs")
    void teardownDeletesOnlyANamespaceItOwns(Existing existing, String owner) throws Exception {
        create("pr-1842", existing);
        List<LedgerEvent> ledger = fixture.ledger.events();
        api.clearRequests();

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.teardown(
                        PreviewPlanner.target(configuration, "shop", "1842", null, null),
                        Duration.ofSeconds(5),
                        "manual",
                        "alice",
                        null,
                        log::add));

        assertEquals("Namespace pr-1842 " + owner + "; not deleting it for app 'shop' (PR 1842)", e.getMessage());
        assertNoWrite();
        assertEquals(ledger, fixture.ledger.events(), "ledger unchanged");
        assertNotNull(client.namespaces().withName("pr-1842").get());
    }

    @Test
    void aNamespaceTemplateCannotReachTheSameAppsPreviewOfAnotherPullRequest() throws Exception {
        // pr-1{number} for PR 23 and pr-{number} for PR 123 both give pr-123.
        deployer.deploy(shop("123").build(), fixture.tools(), log::add);
        List<LedgerEvent> ledger = fixture.ledger.events();
        api.clearRequests();

        PreviewException deploy = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(shop("23").namespace("pr-1{number}").build(), fixture.tools(), log::add));
        PreviewException teardown = assertThrows(
                PreviewException.class,
                () -> deployer.teardown(
                        PreviewPlanner.target(configuration, "shop", "23", null, "pr-1{number}"),
                        Duration.ofSeconds(5),
                        "manual",
                        "alice",
                        null,
                        log::add));

        assertEquals(
                "Namespace pr-123 holds the preview of app 'shop' (PR 123) of this Jenkins; not deploying app 'shop'"
                        + " (PR 23) into it",
                deploy.getMessage());
        assertEquals(
                "Namespace pr-123 holds the preview of app 'shop' (PR 123) of this Jenkins; not deleting it for app"
                        + " 'shop' (PR 23)",
                teardown.getMessage());
        assertNoWrite();
        assertEquals(ledger, fixture.ledger.events());
        assertEquals(
                "123",
                client.namespaces()
                        .withName("pr-123")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get(PreviewLabels.PULL_REQUEST));
    }

    @Test
    void anotherJenkinsSharingTheClusterCanNeitherRedeployNorRemoveThisJenkinsPreview() throws Exception {
        deployer.deploy(shop("5").build(), fixture.tools(), log::add);
        PreviewDeployer other = fixture.deployer(configuration, OTHER_INSTANCE);
        List<LedgerEvent> ledger = fixture.ledger.events();
        api.clearRequests();

        PreviewException deploy = assertThrows(
                PreviewException.class, () -> other.deploy(shop("5").build(), fixture.tools(), log::add));
        PreviewException teardown = assertThrows(
                PreviewException.class,
                () -> other.teardown(
                        PreviewPlanner.target(configuration, "shop", "5", null, null),
                        Duration.ofSeconds(5),
                        "manual",
                        "alice",
                        null,
                        log::add));

        String owner = "Namespace pr-5 holds the preview of app 'shop' (PR 5) of another Jenkins (instance '"
                + PreviewFixture.INSTANCE + "')";
        assertEquals(owner + "; not deploying app 'shop' (PR 5) into it", deploy.getMessage());
        assertEquals(owner + "; not deleting it for app 'shop' (PR 5)", teardown.getMessage());
        assertNoWrite();
        assertEquals(ledger, fixture.ledger.events());
    }

    @Test
    void aRedeployIntoItsOwnNamespaceIsAcceptedAndCarriesTheMarker() throws Exception {
        deployer.deploy(shop("8").build(), fixture.tools(), log::add);
        deployer.deploy(shop("8").build(), fixture.tools(), log::add);

        Namespace namespace = client.namespaces().withName("pr-8").get();
        assertEquals(
                PreviewFixture.INSTANCE + "/shop/8",
                namespace.getMetadata().getAnnotations().get(PreviewLabels.OWNER));
        assertEquals(
                PreviewFixture.INSTANCE, namespace.getMetadata().getLabels().get(PreviewLabels.INSTANCE));
        assertEquals(
                PreviewFixture.INSTANCE,
                client.apps()
                        .deployments()
                        .inNamespace("pr-8")
                        .withName("shop")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get(PreviewLabels.INSTANCE));
        assertEquals(2, fixture.ledger.events().size());
    }

    @Test
    void theSweepDeletesOnlyExpiredPreviewsOfThisJenkinsAndReportsUnconfirmedOnes() throws Exception {
        String self = PreviewFixture.INSTANCE;
        create("pr-1", preview(self, "shop", 1)); // ours, expired: swept
        create("pr-2", preview(OTHER_INSTANCE, "shop", 2)); // another Jenkins': its own sweep's business
        create("pr-3", marked(labels(self, "shop", "3"), null)); // preview labels without the marker
        create("pr-4", marked(labels(self, "shop", "4"), self + "/billing/4")); // marker that contradicts
        create("pr-5", new Existing(Map.of(), Map.of(PreviewLabels.EXPIRES_AT, "2000-01-01T00:00:00Z"))); // by hand
        PreviewCleanup cleanup = new PreviewCleanup(
                configuration,
                cluster -> api.newClient(),
                deployer,
                fixture.ledger,
                fixture.coordinator,
                fixture.clock);
        api.clearRequests();

        List<SweptPreview> swept = cleanup.sweepExpired(log::add);

        assertEquals(
                List.of("pr-1"),
                swept.stream().map(s -> s.preview().namespace()).toList());
        assertEquals(
                List.of("DELETE /api/v1/namespaces/pr-1"),
                api.requests().stream()
                        .filter(call -> WRITES.contains(call.method()))
                        .map(call -> call.method() + " " + call.path())
                        .toList());
        for (String name : List.of("pr-2", "pr-3", "pr-4", "pr-5")) {
            assertNotNull(client.namespaces().withName(name).get(), name);
        }
        assertEquals(
                List.of(
                        "Cluster 'previews': Namespace pr-3 " + UNCONFIRMED + "; left alone",
                        "Cluster 'previews': Namespace pr-4 " + UNCONFIRMED + "; left alone",
                        "Removed expired preview pr-1 on cluster 'previews' (expired at 2026-11-28T11:00:00Z)"),
                log);
        List<LedgerEvent> events = fixture.ledger.events();
        assertEquals(1, events.size());
        assertEquals(LedgerEventType.TORN_DOWN, events.get(0).type());
        assertEquals("pr-1", events.get(0).namespace());
    }

    @Test
    void theJobListenerLeavesANamespaceThatIsNoLongerItsPreview() throws Exception {
        deployer.deploy(shop("6").build(), fixture.tools(), log::add);
        // Someone deleted the preview by hand and made a namespace of the same name for something else.
        client.namespaces().withName("pr-6").delete();
        client.namespaces()
                .resource(foreign(Map.of("team", "payments")).build("pr-6"))
                .create();
        PreviewCleanup cleanup = new PreviewCleanup(
                configuration,
                cluster -> api.newClient(),
                deployer,
                fixture.ledger,
                fixture.coordinator,
                fixture.clock);
        List<LedgerEvent> ledger = fixture.ledger.events();
        api.clearRequests();
        log.clear();

        List<TeardownResult> done = cleanup.forRemovedJob("shop/PR-6", Duration.ofSeconds(5), log::add);

        assertEquals(List.of(), done);
        assertEquals(
                List.of("Could not tear down pr-6 on cluster 'previews': Namespace pr-6 " + NOT_CREATED
                        + "; not deleting it for app 'shop' (PR 6)"),
                log);
        assertNoWrite();
        assertEquals(ledger, fixture.ledger.events());
        assertEquals(
                "payments",
                client.namespaces()
                        .withName("pr-6")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get("team"));
    }

    @Test
    void theOwnerMarkerSaysInstanceAppAndPullRequest() {
        NamespaceOwner owner = new NamespaceOwner(PreviewFixture.INSTANCE, "shop", 1842);
        assertEquals(PreviewFixture.INSTANCE + "/shop/1842", owner.marker());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new NamespaceOwner("not/an id", "shop", 1842));
        assertEquals(
                "Jenkins instance id 'not/an id' is not a valid label value: 1 to 63 letters, digits, '-', '_' or '.',"
                        + " starting and ending with a letter or digit",
                e.getMessage());
        assertTrue(Instant.parse("2026-11-28T11:00:00Z").isBefore(PreviewFixture.START));
    }

    @Test
    void aDeployThatWaitedForASlotLooksAgainBeforeItWrites() throws Exception {
        EnvironmentsConfiguration capped = fixture.configuration(1, WhenFull.QUEUE);
        PreviewDeployer queued = fixture.deployer(capped);
        queued.deploy(shop("1").build(), fixture.tools(), log::add);
        java.util.concurrent.CompletableFuture<PreviewResult> second =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return queued.deploy(shop("2").build(), fixture.tools(), line -> {});
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        // While the second deploy waits for the only slot, someone makes pr-2 by hand.
        for (int i = 0;
                api.requests("GET").stream().noneMatch(call -> call.path().equals("/api/v1/namespaces/pr-2"));
                i++) {
            assertTrue(i < 1500, "the second deploy never read pr-2");
            Thread.sleep(20);
        }
        create("pr-2", foreign(Map.of("team", "payments")));
        api.clearRequests();

        queued.teardown(
                PreviewPlanner.target(capped, "shop", "1", null, null),
                Duration.ofSeconds(5),
                "manual",
                "alice",
                null,
                log::add);
        java.util.concurrent.ExecutionException e = assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> second.get(30, java.util.concurrent.TimeUnit.SECONDS));

        assertEquals(
                "Namespace pr-2 " + NOT_CREATED + "; not deploying app 'shop' (PR 2) into it",
                e.getCause().getMessage());
        assertEquals(
                List.of(),
                api.requests().stream()
                        .filter(call ->
                                WRITES.contains(call.method()) && call.path().contains("pr-2"))
                        .toList(),
                "nothing written to pr-2");
        assertEquals(
                "payments",
                client.namespaces()
                        .withName("pr-2")
                        .get()
                        .getMetadata()
                        .getLabels()
                        .get("team"));
    }
}
