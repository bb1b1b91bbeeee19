package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.approval.ApprovalPolicy;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.approval.ApprovalSettings;
import io.jenkins.plugins.environments.approval.Decision;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.Reviewer;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.Tier;
import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.registry.RetryPolicy;
import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.JGitIsolation;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, promotion classes 1, 2, 4 and 6 end to end: a pipeline cannot choose its way past the configuration.
 *
 * <p>A real docker-registry behind a {@link CountingProxy} holds {@code team/shop} and {@code team/billing}; the
 * fabric8 mock API is the staging cluster (its request log shows every call); a bare git repository is prod's GitOps
 * repository; the ledger is a temp file. Every refusal asserts its exact message and that nothing was tagged,
 * committed or recorded, and (for everything decided before the gates) that no registry, cluster or git connection
 * was even asked for.
 */
class PromotionIntegrityTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String APPS = "Manage Jenkins » System » Environment Management » Apps";

    private static DockerRegistry registry;
    private static CountingProxy proxy;
    private static String digestA;
    private static String digestB;
    private static String digestC;
    private static String billingProd;

    @TempDir
    Path dir;

    private Ledger ledger;
    private BareGitRepository gitops;
    private MockKubernetesApi api;
    private final List<String> connections = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final AtomicInteger processes = new AtomicInteger();

    @BeforeAll
    static void registries() throws Exception {
        JGitIsolation.install();
        registry = DockerRegistry.start();
        digestA = RegistryImages.push(registry, "team/shop", "build-a", "a");
        digestB = RegistryImages.push(registry, "team/shop", "build-b", "b");
        digestC = RegistryImages.push(registry, "team/shop", "build-c", "c");
        RegistryImages.push(registry, "team/shop", "prod", "a");
        billingProd = RegistryImages.push(registry, "team/billing", "prod", "billing");
        proxy = CountingProxy.start(registry.host());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        registry.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        ledger = Ledger.open(dir.resolve("ledger.jsonl"), CLOCK);
        gitops = BareGitRepository.create(Map.of(
                "prod/values.yaml", "image:\n  digest: none\n", "billing/values.yaml", "image:\n  digest: none\n"));
        api = MockKubernetesApi.start();
        proxy.reset();
    }

    @AfterEach
    void tearDown() {
        api.close();
        gitops.close();
    }

    private static String image(String repository) {
        return proxy.host() + "/" + repository;
    }

    private EnvironmentsConfiguration configuration(boolean liveInSource, int approvals) {
        Gates prodGates = new Gates(
                approvals, approvals == 0 ? List.of() : List.of("alice"), true, false, null, null, null, liveInSource);
        Environment sandbox = new Environment(
                "sandbox", Tier.DEV, "eu", null, null, null, null, null, null, null, List.of("shop/**"), null);
        Environment staging = new Environment(
                "staging",
                Tier.STAGING,
                "eu",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("shop/**", "ops/**"),
                null);
        Environment prod = new Environment(
                "prod",
                Tier.PROD,
                "eu",
                null,
                null,
                null,
                "staging",
                null,
                null,
                prodGates,
                List.of("shop/**", "billing/**", "docs/**"),
                new GitOpsTarget(gitops.uri().toString(), null, null, "prod/values.yaml", null));
        App shop = new App(
                "shop",
                image("team/shop"),
                List.of("shop/**", "ops/**"),
                List.of(
                        new AppTarget("staging", null, null, "shop-live", null, null),
                        new AppTarget("prod", null, "prod", null, null, null)));
        App billing = new App(
                "billing",
                image("team/billing"),
                List.of("billing/**"),
                List.of(new AppTarget("prod", null, null, null, "billing/values.yaml", null)));
        App docs = new App(
                "docs-site",
                image("team/shop"),
                List.of("docs/**"),
                List.of(new AppTarget("prod", image("team/docs"), null, null, "docs/values.yaml", null)));
        return new EnvironmentsConfiguration(
                List.of(new Cluster("eu", "https://k8s.example.com:6443", "k8s", null, false, 0)),
                List.of(new Registry("builds", proxy.host(), null, true, false)),
                List.of(sandbox, staging, prod),
                null,
                List.of(shop, billing, docs));
    }

    private Promoter promoter(boolean liveInSource, int approvals) {
        FixturePorts anonymous = FixturePorts.anonymous();
        PromotionPorts ports = anonymous
                .withRegistries(r -> {
                    connections.add("registry " + r.id());
                    return FixturePorts.anonymousSession(r);
                })
                .withClusters(cluster -> {
                    connections.add("cluster " + cluster.id());
                    return api.newClient();
                })
                .withRepositories(environment -> {
                    connections.add("git " + environment.name());
                    return anonymous.gitOps(environment);
                })
                .withKeys(credentialsId -> {
                    connections.add("key " + credentialsId);
                    return anonymous.publicKey(credentialsId);
                });
        return new Promoter(
                configuration(liveInSource, approvals),
                ports,
                ledger,
                CLOCK,
                new GitOpsPromotion(CLOCK, dir),
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
    }

    private void promoted(String environment, String digest) throws Exception {
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", environment)
                .digest(digest)
                .actor("earlier"));
    }

    private static PromotionRequest.Builder request(String digest) {
        return PromotionRequest.builder("shop", null, "prod")
                .digest(digest)
                .strategy("registry")
                .job("shop/main")
                .buildUrl("https://ci.example.com/job/shop/job/main/3/");
    }

    /** The digest a tag names, asked of the registry itself (not through the counting proxy). */
    private static String tagDigest(String repository, String tag) throws Exception {
        try (RegistrySession session = new RegistrySession(
                new RegistryAccess("check", registry.host(), true, new RegistryCredential.Anonymous(), null))) {
            HttpResponse<byte[]> head = session.send(RegistryRequest.head("/v2/" + repository + "/manifests/" + tag)
                    .withHeader("Accept", RegistryImages.OCI_MANIFEST));
            return head.statusCode() == 404
                    ? null
                    : head.headers().firstValue("Docker-Content-Digest").orElse(null);
        }
    }

    private static Arguments row(String name, UnaryOperator<PromotionRequest.Builder> change, String message) {
        return Arguments.of(Named.of(name, change), message);
    }

    /**
     * Rules 1, 2 and 4: requests decided from the configuration alone. Each is refused before anything is asked for:
     * no registry, cluster, git or key connection, no request to the registry, the cluster or the repository.
     */
    static Stream<Arguments> refusedBeforeAnyConnection() {
        String fixed = " from the Jenkinsfile (an administrator changes apps under " + APPS + ")";
        return Stream.of(
                // 1. the pipeline picks the identity
                row(
                        "an app nobody declared",
                        b -> b.app("scratch"),
                        "app 'scratch' is not configured, nothing was promoted: promoteDigest promotes only apps an"
                                + " administrator declared under " + APPS),
                row(
                        "a look-alike app name",
                        b -> b.app("shop-hotfix"),
                        "app 'shop-hotfix' is not configured, nothing was promoted: promoteDigest promotes only apps"
                                + " an administrator declared under " + APPS),
                row(
                        "another team's app",
                        b -> b.app("billing"),
                        "job 'shop/main' does not own app 'billing', nothing was promoted: an administrator lists the"
                                + " jobs that own an app under " + APPS),
                row(
                        "a job that owns no app",
                        b -> b.job("marketing/site/main"),
                        "job 'marketing/site/main' does not own app 'shop', nothing was promoted: an administrator"
                                + " lists the jobs that own an app under " + APPS),
                row(
                        "targetImage into another team's repository",
                        b -> b.targetImage("{proxy}/team/billing"),
                        "targetImage '{proxy}/team/billing' is refused: the configuration of app 'shop' fixes its"
                                + " target repository in 'prod' as '{proxy}/team/shop'; remove targetImage" + fixed),
                row(
                        "targetTag of another environment",
                        b -> b.targetTag("staging"),
                        "targetTag 'staging' is refused: the configuration of app 'shop' fixes its target tag in"
                                + " 'prod' as 'prod'; remove targetTag" + fixed),
                row(
                        "image of another team",
                        b -> b.image("{proxy}/team/billing"),
                        "image '{proxy}/team/billing' is refused: the configuration of app 'shop' fixes its image as"
                                + " '{proxy}/team/shop'; remove image" + fixed),
                row(
                        "an environment the app has no target in",
                        b -> b.to("sandbox"),
                        "app 'shop' has no target in 'sandbox', nothing was promoted: an administrator adds one under "
                                + APPS),
                // 2. the pipeline picks the chain
                row(
                        "from a sandbox into prod",
                        b -> b.from("sandbox"),
                        "from 'sandbox' is refused: 'prod' promotes from 'staging', as configured; remove from, the"
                                + " configuration's promotesFrom decides where digests come from"),
                row(
                        "from prod itself",
                        b -> b.from("prod"),
                        "from 'prod' is refused: 'prod' promotes from 'staging', as configured; remove from, the"
                                + " configuration's promotesFrom decides where digests come from"),
                row(
                        "from an environment that does not exist",
                        b -> b.from("qa"),
                        "from 'qa' is refused: 'prod' promotes from 'staging', as configured; remove from, the"
                                + " configuration's promotesFrom decides where digests come from"),
                row(
                        "a source for the first environment of a chain",
                        b -> b.to("staging").from("sandbox"),
                        "from 'sandbox' is refused: 'staging' is the first environment of its chain and promotes from"
                                + " none; remove from, the configuration's promotesFrom decides where digests come"
                                + " from"),
                row(
                        "a rollback with another source",
                        b -> b.digest(null).rollback(true).from("sandbox"),
                        "from 'sandbox' is refused: 'prod' promotes from 'staging', as configured; remove from, the"
                                + " configuration's promotesFrom decides where digests come from"),
                // 4. allowed jobs first, and nothing else for a refused job
                row(
                        "an owner job that the environment does not allow",
                        b -> b.job("ops/tools/main"),
                        "allowed-jobs failed, nothing was promoted: job 'ops/tools/main' may not promote to 'prod'"
                                + " (allowed: shop/**, billing/**, docs/**)"),
                row(
                        "a refused job asking for a rollback",
                        b -> b.job("ops/tools/main").digest(null).rollback(true),
                        "allowed-jobs failed, nothing was promoted: job 'ops/tools/main' may not promote to 'prod'"
                                + " (allowed: shop/**, billing/**, docs/**)"),
                row(
                        "a refused job asking for a GitOps commit",
                        b -> b.job("ops/tools/main").strategy("gitops"),
                        "allowed-jobs failed, nothing was promoted: job 'ops/tools/main' may not promote to 'prod'"
                                + " (allowed: shop/**, billing/**, docs/**)"),
                row(
                        "a refused job with a bad digest",
                        b -> b.job("ops/tools/main").digest("latest"),
                        "allowed-jobs failed, nothing was promoted: job 'ops/tools/main' may not promote to 'prod'"
                                + " (allowed: shop/**, billing/**, docs/**)"),
                row("no job at all", b -> b.job(null), "Job is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBeforeAnyConnection")
    void refusedBeforeAnyConnectionAndNothingWritten(UnaryOperator<PromotionRequest.Builder> change, String message)
            throws Exception {
        promoted("staging", digestB);
        promoted("prod", digestA);
        promoted("prod", digestC);
        try (KubernetesClient client = api.newClient()) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("shop-live")
                            .endMetadata()
                            .build())
                    .create();
        }
        api.clearRequests();
        String head = gitops.mainCommitId();
        String shopProd = tagDigest("team/shop", "prod");
        PromotionRequest request = resolve(change.apply(request(digestB)).build());

        PromotionException e =
                assertThrows(PromotionException.class, () -> promoter(true, 0).promote(request, log::add));

        assertEquals(message.replace("{proxy}", proxy.host()), e.getMessage());
        assertEquals(List.of(), connections, "no registry, cluster, git or key connection was asked for");
        assertEquals(0, proxy.requests(), () -> "registry requests: " + proxy.requestsByPattern());
        assertEquals(List.of(), api.requests(), "cluster requests");
        assertEquals(head, gitops.mainCommitId(), "nothing committed");
        assertEquals(3, ledger.events().size(), "nothing recorded");
        assertEquals(shopProd, tagDigest("team/shop", "prod"), "shop's prod tag untouched");
        assertEquals(billingProd, tagDigest("team/billing", "prod"), "billing's prod tag untouched");
        assertFalse(e.getMessage().contains(digestB), "the digest running in staging is not shown");
        assertFalse(e.getMessage().contains(digestC), "the digest running in prod is not shown");
        assertTrue(log.stream().noneMatch(l -> l.contains(digestB) || l.contains("shop-live")), log::toString);
    }

    private static PromotionRequest resolve(PromotionRequest request) {
        return new PromotionRequest(
                request.app(),
                request.image() == null ? null : request.image().replace("{proxy}", proxy.host()),
                request.digest(),
                request.to(),
                request.from(),
                request.strategy(),
                request.targetImage() == null ? null : request.targetImage().replace("{proxy}", proxy.host()),
                request.targetTag(),
                request.changeTicket(),
                request.rollback(),
                request.releaseHold(),
                request.job(),
                request.buildUrl(),
                request.actor(),
                request.approvals(),
                request.scanReportName(),
                request.scanReport(),
                request.waiversName(),
                request.waivers(),
                request.deploy(),
                request.awaitRollout(),
                request.timeout(),
                request.gitOpsRender());
    }

    @Test
    void aRefusedJobLogsOnlyItsOwnRefusal() {
        assertThrows(
                PromotionException.class,
                () -> promoter(true, 0)
                        .promote(request(digestB).job("ops/tools/main").build(), log::add));

        assertEquals(
                List.of("FAIL allowed-jobs: job 'ops/tools/main' may not promote to 'prod' (allowed: shop/**,"
                        + " billing/**, docs/**)"),
                log);
    }

    @Test
    void aRefusedJobStartsNoRenderingProcessForTheDeployStrategy() {
        CommandRunner counting = (command, environment, workingDirectory, timeout) -> {
            processes.incrementAndGet();
            throw new AssertionError("no process for a refused job: " + command);
        };
        DeployInputs deploy = new DeployInputs(
                null,
                null,
                "k8s",
                null,
                null,
                null,
                null,
                false,
                null,
                new PreviewTools(counting, new LocalWorkspace(dir), Map.of()));

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(false, 0)
                        .promote(
                                request(digestB)
                                        .job("ops/tools/main")
                                        .strategy("deploy")
                                        .deploy(deploy)
                                        .build(),
                                log::add));

        assertTrue(e.getMessage().startsWith("allowed-jobs failed, nothing was promoted: "), e.getMessage());
        assertEquals(0, processes.get(), "processes started");
        assertEquals(List.of(), connections);
    }

    @Test
    void fromThatNamesTheConfiguredSourceIsAccepted() throws Exception {
        promoted("staging", digestB);

        PromotionResult result =
                promoter(false, 0).promote(request(digestB).from("staging").build(), log::add);

        assertEquals("staging", result.from());
        assertEquals(digestB, tagDigest("team/shop", "prod"));
    }

    @Test
    void withoutFromTheSourceIsTheConfiguredOneAndADigestNeverInStagingIsRefused() throws Exception {
        promoted("sandbox", digestC);
        promoted("staging", digestB);
        String before = tagDigest("team/shop", "prod");

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(false, 0).promote(request(digestC).build(), log::add));

        assertEquals("1 of 6 gates failed, nothing was promoted: live-in-source", e.getMessage());
        assertTrue(
                log.contains("FAIL live-in-source: staging runs " + digestB
                        + " for shop as far as the ledger knows, not " + digestC),
                log::toString);
        assertEquals(before, tagDigest("team/shop", "prod"));
        assertEquals(0, proxy.requests(CountingProxy.pattern("PUT", "/v2/team/shop/manifests/prod")));
        assertEquals(4, ledger.events().size(), "only the attempt is recorded: started, failed");
        assertEquals(LedgerEventType.PROMOTION_FAILED, ledger.events().get(3).type());
    }

    @Test
    void liveInSourceAsksTheNamespaceOfTheConfiguredAppOnly() throws Exception {
        try (KubernetesClient client = api.newClient()) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("shop-live")
                            .endMetadata()
                            .build())
                    .create();
            client.apps()
                    .deployments()
                    .inNamespace("shop-live")
                    .resource(new DeploymentBuilder()
                            .withNewMetadata()
                            .withName("shop")
                            .addToLabels("app.kubernetes.io/name", "shop")
                            .endMetadata()
                            .withNewSpec()
                            .withNewSelector()
                            .addToMatchLabels("app.kubernetes.io/name", "shop")
                            .endSelector()
                            .withNewTemplate()
                            .withNewSpec()
                            .addNewContainer()
                            .withName("web")
                            .withImage(image("team/shop") + "@" + digestB)
                            .endContainer()
                            .endSpec()
                            .endTemplate()
                            .endSpec()
                            .build())
                    .create();
            // The mock runs no controllers: the test writes the ready pod the Deployment's controller would make.
            client.pods()
                    .inNamespace("shop-live")
                    .resource(PromoterTest.readyShopPod("shop-1", image("team/shop") + "@" + digestB))
                    .create();
        }
        api.clearRequests();

        PromotionResult result = promoter(true, 0).promote(request(digestB).build(), log::add);

        assertTrue(
                result.gates()
                        .contains("PASS live-in-source: namespace shop-live on cluster 'eu' runs " + image("team/shop")
                                + "@" + digestB + ": 1 of 1 desired replica(s) of Deployment/shop are ready and run"
                                + " it"),
                result.gates()::toString);
        assertTrue(
                api.requests().stream().allMatch(r -> r.path().contains("/namespaces/shop-live/")),
                () -> api.requests().toString());
        assertFalse(api.requests().isEmpty());
    }

    @Test
    void anApprovalOfAnotherAppForTheSameDigestDoesNotCount() throws Exception {
        promoted("staging", digestB);
        String before = tagDigest("team/shop", "prod");

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(false, 1)
                        .promote(
                                request(digestB)
                                        .approvals(List.of(approval("docs-site", digestB)))
                                        .build(),
                                log::add));

        assertEquals("1 of 6 gates failed, nothing was promoted: approvals", e.getMessage());
        assertEquals(before, tagDigest("team/shop", "prod"));
        assertEquals(3, ledger.events().size(), "nothing promoted: the attempt started and failed");
        assertEquals(LedgerEventType.PROMOTION_FAILED, ledger.events().get(2).type());

        PromotionResult approved = promoter(false, 1)
                .promote(
                        request(digestB)
                                .approvals(List.of(approval("shop", digestB)))
                                .build(),
                        log::add);
        assertTrue(approved.changed());
        assertEquals(digestB, tagDigest("team/shop", "prod"));
    }

    private static ApprovalResult approval(String app, String digest) {
        Gates gates = new Gates(1, List.of("alice"), true, false, null, null, null, false);
        ApprovalPolicy policy =
                ApprovalPolicy.resolve("prod", gates, ApprovalSettings.NONE, RealmRules.JENKINS_DEFAULT);
        ApprovalRequest request =
                ApprovalRequest.open(app, digest, policy, RunOrigin.startedByPerson("carol", List.of()), NOW);
        return request.approve(
                        Reviewer.user("alice"),
                        new Decision("prod", digest, "ok", null),
                        RealmRules.JENKINS_DEFAULT,
                        NOW)
                .result()
                .orElseThrow();
    }

    @Test
    void theHoldOfOneAppIsNotLiftedOrSkippedByNamingAnother() throws Exception {
        promoted("prod", digestA);
        promoted("prod", digestB);
        promoted("staging", digestC);
        Promoter promoter = promoter(false, 0);
        promoter.promote(request(null).rollback(true).build(), log::add);
        assertEquals(digestA, tagDigest("team/shop", "prod"));

        PromotionException held = assertThrows(
                PromotionException.class,
                () -> promoter.promote(request(digestC).build(), log::add));
        assertEquals("1 of 6 gates failed, nothing was promoted: hold", held.getMessage());

        PromotionException other = assertThrows(
                PromotionException.class,
                () -> promoter.promote(request(digestC).app("shop-hotfix").build(), log::add));
        assertTrue(other.getMessage().startsWith("app 'shop-hotfix' is not configured"), other.getMessage());
        assertEquals(digestA, tagDigest("team/shop", "prod"), "prod still runs the rolled-back-to digest");
        assertEquals(7, ledger.events().size(), "the rollback and the held attempt; nothing for an app not configured");
    }

    // ---- 6. rollback goes back, never forward ----

    @Test
    void aSecondRollbackGoesOneFurtherBackAndAThirdIsRefusedWithTheHistory() throws Exception {
        promoted("prod", digestA);
        promoted("prod", digestB);
        promoted("prod", digestC);
        Promoter promoter = promoter(false, 0);

        PromotionResult first = promoter.promote(request(null).rollback(true).build(), log::add);
        assertEquals(digestB, first.digest());
        assertEquals(digestB, tagDigest("team/shop", "prod"));
        assertEquals(digestC, ledger.events().get(4).details().get("rolled-back-from"));

        PromotionResult second = promoter.promote(request(null).rollback(true).build(), log::add);
        assertEquals(digestA, second.digest(), "one further back, never forward to C");
        assertEquals(digestA, tagDigest("team/shop", "prod"));
        proxy.reset();

        PromotionException third = assertThrows(
                PromotionException.class,
                () -> promoter.promote(request(null).rollback(true).build(), log::add));

        assertEquals(
                "The ledger knows no earlier digest of shop in prod to roll back to: a rollback goes only to a"
                        + " digest promoted there through its gates before the current one, never to one rolled back"
                        + " from; history, oldest first: "
                        + PromotionHistory.shorten(digestA) + " promoted, "
                        + PromotionHistory.shorten(digestB) + " promoted (rolled back from), "
                        + PromotionHistory.shorten(digestC) + " promoted (rolled back from), "
                        + PromotionHistory.shorten(digestB) + " rolled-back (rolled back from), "
                        + PromotionHistory.shorten(digestA) + " rolled-back (current)",
                third.getMessage());
        assertEquals(digestA, tagDigest("team/shop", "prod"));
        assertEquals(7, ledger.events().size(), "nothing recorded, not even a start");
        assertEquals(0, proxy.requests(), "the refusal comes from the ledger alone");
    }

    @Test
    void aRollbackNeverReturnsToADigestRolledBackFromEvenAfterANewPromotion() throws Exception {
        promoted("prod", digestA);
        promoted("prod", digestB);
        Promoter promoter = promoter(false, 0);
        promoter.promote(request(null).rollback(true).build(), log::add); // B → A, B is bad
        promoted("staging", digestC);
        promoter.promote(request(digestC).releaseHold(true).build(), log::add);
        assertEquals(digestC, tagDigest("team/shop", "prod"));

        PromotionResult rollback = promoter.promote(request(null).rollback(true).build(), log::add);

        assertEquals(digestA, rollback.digest(), "B was rolled back from once: never again");
        assertEquals(digestA, tagDigest("team/shop", "prod"));
    }

    @Test
    void aRollbackIgnoresDigestsThatNeverPassedThisEnvironmentsGates() throws Exception {
        ledger.append(LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "prod")
                .digest(digestA)
                .actor("someone"));
        promoted("prod", digestB);
        String before = tagDigest("team/shop", "prod");

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(false, 0).promote(request(null).rollback(true).build(), log::add));

        assertEquals(
                "The ledger knows no earlier digest of shop in prod to roll back to: a rollback goes only to a"
                        + " digest promoted there through its gates before the current one, never to one rolled back"
                        + " from; history, oldest first: " + PromotionHistory.shorten(digestA) + " deployed, "
                        + PromotionHistory.shorten(digestB) + " promoted (current)",
                e.getMessage());
        assertEquals(before, tagDigest("team/shop", "prod"));
        assertEquals(2, ledger.events().size());
    }

    @Test
    void anotherAppsHistoryIsNeverARollbackTarget() throws Exception {
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "docs-site", "prod")
                .digest(digestA)
                .actor("earlier"));
        promoted("prod", digestB);

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(false, 0).promote(request(null).rollback(true).build(), log::add));

        assertTrue(e.getMessage().endsWith(PromotionHistory.shorten(digestB) + " promoted (current)"), e.getMessage());
        assertEquals(2, ledger.events().size());
    }
}
