package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.jenkins.plugins.environments.gitops.LocalRenderSite;
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
import io.jenkins.plugins.environments.model.ImageForm;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.Tier;
import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.registry.RetryPolicy;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.CrdController;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.HookedChart;
import io.jenkins.plugins.environments.testing.IsolatedProcess;
import io.jenkins.plugins.environments.testing.JGitIsolation;
import io.jenkins.plugins.environments.testing.JobController;
import io.jenkins.plugins.environments.testing.KubeletPods;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@link Promoter} end to end: two real docker-registry instances (the target with htpasswd), a bare git repository
 * for GitOps, the fabric8 mock API as the source environment's cluster, a ledger in a temp folder, and approvals made
 * by the approval rules themselves.
 */
class PromoterTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Gates PROD_GATES =
            new Gates(1, List.of("alice", "bob"), true, false, null, null, "CHG-[0-9]+", false);

    private static DockerRegistry source;
    private static DockerRegistry target;
    private static String digestOne;
    private static String digestTwo;

    @TempDir
    Path dir;

    private Ledger ledger;
    private BareGitRepository gitops;
    private MockKubernetesApi api;
    private final List<String> log = new ArrayList<>();
    /** The registries outlive a test: each test promotes into a repository of its own. */
    private final String releases = "releases/t" + Long.toString(System.nanoTime(), 36);
    /** Where the configuration says the target registry is: the registry itself, or a proxy in front of it. */
    private String targetHost;
    /** The tag prod's target moves; {@code null}: the environment's name. */
    private String prodTag;

    @BeforeAll
    static void registries() throws Exception {
        JGitIsolation.install();
        source = DockerRegistry.start();
        target = DockerRegistry.startWithBasicAuth("deployer", "s3cret-pass");
        digestOne = RegistryImages.push(source, "team/shop", "build-1", "one");
        digestTwo = RegistryImages.push(source, "team/shop", "build-2", "two");
    }

    @AfterAll
    static void stopRegistries() {
        target.close();
        source.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        ledger = Ledger.open(dir.resolve("ledger.jsonl"), CLOCK);
        gitops = BareGitRepository.create(Map.of(
                "prod/values.yaml", "# prod\nimage:\n  repository: shop\n  digest: " + digestOne + " # pinned\n"));
        api = MockKubernetesApi.start();
        targetHost = target.host();
    }

    @AfterEach
    void tearDown() {
        api.close();
        gitops.close();
    }

    private EnvironmentsConfiguration configuration(Gates prodGates) {
        Cluster staging = new Cluster("staging-eu", "https://k8s.example.com:6443", "k8s", null, false, 0);
        Registry src = new Registry("builds", source.host(), null, true, false);
        Registry dst = new Registry("releases", targetHost, "release-login", true, false);
        Environment stagingEnv = new Environment(
                "staging",
                Tier.STAGING,
                "staging-eu",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("shop/**"),
                null);
        Environment prod = new Environment(
                "prod",
                Tier.PROD,
                "staging-eu",
                null,
                null,
                null,
                "staging",
                null,
                null,
                prodGates,
                List.of("shop/**"),
                new GitOpsTarget(gitops.uri().toString(), null, null, "prod/values.yaml", null));
        // Nothing promotes into hotfix: its commits name no source environment.
        Environment hotfix = new Environment(
                "hotfix",
                Tier.PROD,
                "staging-eu",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("shop/**"),
                new GitOpsTarget(gitops.uri().toString(), null, null, "prod/values.yaml", null));
        // canary's target is a kustomize overlay, which is rendered before the push.
        Environment canary = new Environment(
                "canary",
                Tier.PROD,
                "staging-eu",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("shop/**"),
                new GitOpsTarget(
                        gitops.uri().toString(),
                        null,
                        null,
                        "overlays/canary/kustomization.yaml",
                        null,
                        ImageForm.KUSTOMIZE,
                        null,
                        false));
        App shop = new App(
                "shop",
                source.host() + "/team/shop",
                List.of("shop/**"),
                List.of(
                        new AppTarget("staging", null, null, null, null, null),
                        new AppTarget("prod", targetHost + "/" + releases, prodTag, null, null, null),
                        new AppTarget("hotfix", null, null, null, null, null),
                        new AppTarget("canary", null, null, null, null, null)));
        return new EnvironmentsConfiguration(
                List.of(staging), List.of(src, dst), List.of(stagingEnv, prod, hotfix, canary), null, List.of(shop));
    }

    private Promoter promoter(Gates prodGates) {
        PromotionPorts ports = FixturePorts.anonymous()
                .withRegistries(registry -> {
                    RegistryCredential credential = registry.credentialsId() == null
                            ? new RegistryCredential.Anonymous()
                            : new RegistryCredential.Basic(
                                    target.username(), target.password().toCharArray());
                    return new RegistrySession(new RegistryAccess(
                            registry.id(), registry.host(), registry.insecure(), credential, registry.credentialsId()));
                })
                .withClusters(cluster -> api.newClient());
        return new Promoter(
                configuration(prodGates),
                ports,
                ledger,
                CLOCK,
                new GitOpsPromotion(CLOCK, dir),
                new RetryPolicy(3, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2), d -> {}));
    }

    private void deployed(String environment, String digest) throws Exception {
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", environment)
                .digest(digest)
                .actor("earlier"));
    }

    private List<LedgerEventType> types() throws Exception {
        return ledger.events().stream().map(LedgerEvent::type).toList();
    }

    private void createNamespace(String name) {
        try (KubernetesClient client = api.newClient()) {
            client.namespaces()
                    .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    /** A Deployment {@code shop} of app shop with one container running the image, as a cluster would hold it. */
    private static io.fabric8.kubernetes.api.model.apps.Deployment shopDeployment(String image) {
        return new DeploymentBuilder()
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
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** A ready pod of {@link #shopDeployment} that pulled {@code image}, written as the kubelet would report it. */
    static io.fabric8.kubernetes.api.model.Pod readyShopPod(String name, String image) {
        return KubeletPods.ready(name, "shop", image, "docker-pullable://" + image);
    }

    private static ApprovalResult approvedBy(String user, String environment, String digest) {
        ApprovalPolicy policy =
                ApprovalPolicy.resolve(environment, PROD_GATES, ApprovalSettings.NONE, RealmRules.JENKINS_DEFAULT);
        ApprovalRequest request =
                ApprovalRequest.open("shop", digest, policy, RunOrigin.startedByPerson("carol", List.of("dave")), NOW);
        return request.approve(
                        Reviewer.user(user),
                        new Decision(environment, digest, "looks good", "CHG-42"),
                        RealmRules.JENKINS_DEFAULT,
                        NOW)
                .result()
                .orElseThrow();
    }

    private PromotionRequest.Builder request(String digest) {
        return PromotionRequest.builder("shop", null, "prod")
                .digest(digest)
                .strategy("registry")
                .changeTicket("CHG-42")
                .job("shop/main")
                .buildUrl("https://ci.example.com/job/shop/job/main/9/")
                .actor("carol");
    }

    private static String tagDigest(DockerRegistry registry, String repository, String tag) throws Exception {
        RegistryCredential credential = registry.username() == null
                ? new RegistryCredential.Anonymous()
                : new RegistryCredential.Basic(
                        registry.username(), registry.password().toCharArray());
        try (RegistrySession session =
                new RegistrySession(new RegistryAccess("check", registry.host(), true, credential, null))) {
            HttpResponse<byte[]> head = session.send(RegistryRequest.head("/v2/" + repository + "/manifests/" + tag)
                    .withHeader("Accept", RegistryImages.OCI_MANIFEST));
            return head.statusCode() == 404
                    ? null
                    : head.headers().firstValue("Docker-Content-Digest").orElse(null);
        }
    }

    @Test
    void aVerifiedDigestIsCopiedAcrossRegistriesAndRecordedWithItsGates() throws Exception {
        deployed("staging", digestTwo);

        PromotionResult result = promoter(PROD_GATES)
                .promote(
                        request(digestTwo)
                                .approvals(List.of(approvedBy("alice", "prod", digestTwo)))
                                .build(),
                        log::add);

        assertEquals(digestTwo, tagDigest(target, releases, "prod"), "the target tag moved to the digest");
        assertTrue(result.changed());
        assertEquals("staging", result.from());
        assertEquals(target.host() + "/" + releases + ":prod", result.target());
        assertEquals(
                List.of(
                        "PASS allowed-jobs",
                        "PASS change-ticket",
                        "PASS hold",
                        "PASS digest-exists",
                        "PASS live-in-source",
                        "PASS approvals"),
                result.gates().stream()
                        .map(line -> line.substring(0, line.indexOf(':')))
                        .toList());
        assertEquals(
                List.of(LedgerEventType.PROMOTED, LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTED),
                types(),
                "started before the gates, then promoted");
        LedgerEvent promoted = ledger.events().get(2);
        assertEquals(LedgerEventType.PROMOTED, promoted.type());
        assertNull(promoted.details().get("tag"), "the target names no tag: the environment's name is used");
        assertEquals("prod", promoted.environment());
        assertEquals(digestTwo, promoted.digest());
        assertEquals("staging", promoted.details().get("from"));
        assertEquals("registry", promoted.details().get("strategy"));
        assertEquals("alice", promoted.details().get("approvers"));
        assertEquals("CHG-42", promoted.details().get("change-ticket"));
        assertEquals("https://ci.example.com/job/shop/job/main/9/", promoted.build());
        assertTrue(log.contains("PASS approvals: approved by alice at " + NOW), log::toString);
        LedgerEvent started = ledger.events().get(1);
        assertEquals("prod", started.environment());
        assertEquals(digestTwo, started.digest());
        assertEquals("carol", started.actor());
        assertEquals("https://ci.example.com/job/shop/job/main/9/", started.build());
        assertNull(started.reason());
        assertEquals(
                Map.of("strategy", "registry", "from", "staging", "deadline", "2026-11-28T12:05:00Z"),
                started.details(),
                "the deadline is the start plus the default timeout of 5 minutes");
    }

    @Test
    void theStartsDeadlineIsTheStepsTimeoutAndATargetsTagIsRecordedWithThePromotion() throws Exception {
        deployed("staging", digestTwo);
        prodTag = "stable";

        promoter(PROD_GATES)
                .promote(
                        request(digestTwo)
                                .approvals(List.of(approvedBy("alice", "prod", digestTwo)))
                                .targetTag("stable")
                                .timeout("90s")
                                .build(),
                        log::add);

        assertEquals(digestTwo, tagDigest(target, releases, "stable"));
        assertEquals("2026-11-28T12:01:30Z", ledger.events().get(1).details().get("deadline"));
        assertEquals("stable", ledger.events().get(2).details().get("tag"));
    }

    @Test
    void aRequestRefusedByItsChecksWritesNothing() throws Exception {
        deployed("staging", digestTwo);

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(PROD_GATES).promote(request("latest").build(), log::add));

        assertEquals(
                "digest 'latest' looks like a tag; promoteDigest moves only digests (sha256:…), because a tag can"
                        + " point elsewhere tomorrow",
                e.getMessage());
        assertEquals(List.of(LedgerEventType.PROMOTED), types(), "neither started nor failed");
    }

    @Test
    void aTargetRegistryThatNeverAnswersHoldsThePromotionOnlyUntilTheStepsTimeout() throws Exception {
        deployed("staging", digestTwo);
        try (CountingProxy proxy = CountingProxy.start(target.host())) {
            targetHost = proxy.host();
            proxy.inject("HEAD /v2/*/manifests/*", new CountingProxy.NeverAnswer(), Long.MAX_VALUE);
            long start = System.nanoTime();
            PromotionException e = assertThrows(
                    PromotionException.class,
                    () -> promoter(PROD_GATES)
                            .promote(
                                    request(digestTwo)
                                            .targetImage(proxy.host() + "/" + releases)
                                            .approvals(List.of(approvedBy("alice", "prod", digestTwo)))
                                            .timeout("3s")
                                            .build(),
                                    log::add));
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);

            assertTrue(took.compareTo(java.time.Duration.ofSeconds(13)) < 0, "took " + took);
            assertEquals(
                    "The registry copy failed, " + proxy.host() + "/" + releases + ":prod was not moved: Registry"
                            + " 'releases' at " + proxy.host() + ": the step's timeout of 3s ran out during the"
                            + " manifest transfer (HEAD /v2/" + releases + "/manifests/prod)",
                    e.getMessage());
            assertEquals(1, proxy.requests("HEAD /v2/*/manifests/*"), "the stalled request was not retried");
            assertEquals(0, proxy.requests("PUT /v2/*/manifests/*"));
        }
        assertNull(tagDigest(target, releases, "prod"), "nothing was tagged");
        assertEquals(
                List.of(LedgerEventType.PROMOTED, LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTION_FAILED),
                types(),
                "only the attempt was recorded");
        String reason = ledger.events().get(2).reason();
        assertTrue(reason.startsWith("The registry copy failed, "), reason);
        assertTrue(reason.endsWith(" ran out during the manifest transfer (HEAD /v2/" + releases + "/manifests/prod)"));
    }

    @Test
    void everyGateIsEvaluatedAndAnyFailureWritesNothing() throws Exception {
        deployed("staging", digestOne); // staging runs another digest

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(PROD_GATES)
                        .promote(request(digestTwo).changeTicket(null).build(), log::add));

        assertEquals(
                "3 of 6 gates failed, nothing was promoted: change-ticket, live-in-source, approvals", e.getMessage());
        assertEquals(null, tagDigest(target, releases, "prod"));
        assertEquals(
                List.of(LedgerEventType.PROMOTED, LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTION_FAILED),
                types(),
                "nothing promoted: the attempt started and failed");
        LedgerEvent failed = ledger.events().get(2);
        assertEquals(
                "3 of 6 gates failed, nothing was promoted: change-ticket, live-in-source, approvals", failed.reason());
        assertEquals("prod", failed.environment());
        assertEquals(digestTwo, failed.digest());
        assertEquals("carol", failed.actor());
        assertEquals("https://ci.example.com/job/shop/job/main/9/", failed.build());
        assertEquals(
                Map.of(
                        "strategy",
                        "registry",
                        "from",
                        "staging",
                        "gates",
                        "PASS allowed-jobs, FAIL change-ticket, PASS hold, PASS digest-exists, FAIL live-in-source,"
                                + " FAIL approvals"),
                failed.details());
        assertEquals(
                6,
                log.stream()
                        .filter(l -> l.startsWith("PASS ") || l.startsWith("FAIL "))
                        .count(),
                log::toString);
        assertTrue(log.contains("FAIL approvals: prod requires 1 approval(s): call awaitApproval for " + digestTwo
                + " in this build first"));
    }

    @Test
    void rule_aStandingRejectionVetoesThePromotionDespiteAnApproval() throws Exception {
        deployed("staging", digestTwo);
        // Another build's reviewer rejected this digest for prod after this build was approved.
        ledger.append(LedgerEvent.builder(LedgerEventType.REJECTED, "shop", "prod")
                .digest(digestTwo)
                .actor("carol")
                .build("https://ci.example.com/job/shop/job/main/8/"));
        int before = ledger.events().size();

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(PROD_GATES)
                        .promote(
                                request(digestTwo)
                                        .approvals(List.of(approvedBy("alice", "prod", digestTwo)))
                                        .build(),
                                log::add));

        assertEquals("1 of 6 gates failed, nothing was promoted: approvals", e.getMessage());
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.startsWith("FAIL approvals: Digest " + digestTwo + " of app 'shop' was"
                                + " rejected for environment 'prod' by 'carol'")),
                log::toString);
        assertEquals(null, tagDigest(target, releases, "prod"));
        assertEquals(before + 2, ledger.events().size(), "only the attempt was recorded");
        assertEquals(
                LedgerEventType.PROMOTION_FAILED,
                ledger.events().get(before + 1).type());
    }

    @Test
    void anApprovalForAnotherDigestDoesNotCount() throws Exception {
        deployed("staging", digestTwo);

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(PROD_GATES)
                        .promote(
                                request(digestTwo)
                                        .approvals(List.of(approvedBy("alice", "prod", digestOne)))
                                        .build(),
                                log::add));

        assertEquals("1 of 6 gates failed, nothing was promoted: approvals", e.getMessage());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("FAIL approvals:")), log::toString);
    }

    @Test
    void liveInSourceAsksTheSourceClusterWhenTheGatesRequireIt() throws Exception {
        Gates strict = new Gates(0, List.of(), true, false, null, null, null, true);
        try (KubernetesClient client = api.newClient()) {
            client.namespaces()
                    .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                            .withNewMetadata()
                            .withName("shop-staging")
                            .endMetadata()
                            .build())
                    .create();
            client.apps()
                    .deployments()
                    .inNamespace("shop-staging")
                    .resource(shopDeployment(source.host() + "/team/shop@" + digestOne))
                    .create();
            client.pods()
                    .inNamespace("shop-staging")
                    .resource(readyShopPod("shop-1", source.host() + "/team/shop@" + digestOne))
                    .create();
        }

        PromotionResult result = promoter(strict).promote(request(digestOne).build(), log::add);
        assertTrue(
                result.gates()
                        .contains("PASS live-in-source: namespace shop-staging on cluster 'staging-eu' runs "
                                + source.host() + "/team/shop@" + digestOne + ": 1 of 1 desired replica(s) of"
                                + " Deployment/shop are ready and run it"),
                result.gates()::toString);

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(strict).promote(request(digestTwo).build(), log::add));
        assertEquals("1 of 6 gates failed, nothing was promoted: live-in-source", e.getMessage());
        assertTrue(
                log.contains("FAIL live-in-source: namespace shop-staging on cluster 'staging-eu' does not run "
                        + digestTwo + " for shop: 0 of 1 desired replica(s) of Deployment/shop are ready and run it;"
                        + " ready pods run docker-pullable://" + source.host() + "/team/shop@" + digestOne),
                log::toString);
    }

    @Test
    void gitOpsCommitsTheDigestAndAnUnchangedTargetIsANote() throws Exception {
        deployed("staging", digestTwo);
        Promoter promoter = promoter(PROD_GATES);
        PromotionRequest gitopsRequest = request(digestTwo)
                .strategy("gitops")
                .approvals(List.of(approvedBy("bob", "prod", digestTwo)))
                .build();

        PromotionResult first = promoter.promote(gitopsRequest, log::add);
        assertTrue(first.changed());
        assertEquals(
                "# prod\nimage:\n  repository: shop\n  digest: " + digestTwo + " # pinned\n",
                gitops.readFile("prod/values.yaml").orElseThrow());

        PromotionResult second = promoter.promote(gitopsRequest, log::add);
        assertFalse(second.changed());
        assertEquals(
                List.of(LedgerEventType.PROMOTED, LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTED),
                types(),
                "the unchanged rerun records nothing new, not even a start");
    }

    @Test
    void aGitOpsCommitIntoAnEnvironmentThatNothingPromotesIntoNamesNoSource() throws Exception {
        PromotionRequest hotfix = PromotionRequest.builder("shop", source.host() + "/team/shop", "hotfix")
                .digest(digestTwo)
                .strategy("gitops")
                .job("shop/main")
                .build();

        PromotionResult result = promoter(PROD_GATES).promote(hotfix, log::add);

        assertTrue(result.changed());
        assertNull(result.from());
        IsolatedProcess.Result subject = gitops.git("log", "-1", "--format=%s", "main");
        assertEquals("promote shop " + digestTwo + " → hotfix\n", subject.stdout(), "not 'hotfix → hotfix'");
    }

    private String canaryOverlay(String repository) {
        String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  template:\n"
                + "    spec:\n      containers:\n        - name: shop\n          image: " + repository + ":1.0\n";
        String overlay = "resources:\n  - ../../base\nimages:\n  - name: " + repository + "\n    newTag: \"1.0\"\n";
        gitops.commit(
                "canary overlay",
                Map.of(
                        "base/kustomization.yaml", "resources:\n  - deployment.yaml\n",
                        "base/deployment.yaml", deployment,
                        "overlays/canary/kustomization.yaml", overlay));
        return overlay;
    }

    @Test
    void aKustomizeTargetIsRenderedOnTheBuildsSiteBeforeThePush() throws Exception {
        String repository = source.host() + "/team/shop";
        String overlay = canaryOverlay(repository);
        try (KubernetesCli cli = KubernetesCli.create()) {
            LocalRenderSite site = new LocalRenderSite(
                    dir,
                    new ProcessCommandRunner(),
                    Map.of("HOME", dir.toString()),
                    cli.helm().toString(),
                    cli.kubectl().toString());
            PromotionRequest canary = PromotionRequest.builder("shop", repository, "canary")
                    .digest(digestTwo)
                    .strategy("gitops")
                    .job("shop/main")
                    .gitOpsRender(site)
                    .build();

            PromotionResult result = promoter(PROD_GATES).promote(canary, log::add);

            assertTrue(result.changed());
            assertEquals(
                    overlay.replace("    newTag: \"1.0\"\n", "    digest: " + digestTwo + "\n"),
                    gitops.readFile("overlays/canary/kustomization.yaml").orElseThrow());
            assertTrue(
                    log.contains("Rendered the overlay 'overlays/canary' after the edit: 1 container(s) of "
                            + repository + " run " + digestTwo),
                    log::toString);
        }
    }

    @Test
    void aTargetThatRendersIsRefusedOutsideNodeAndNothingIsPushed() throws Exception {
        canaryOverlay(source.host() + "/team/shop");
        String tip = gitops.mainCommitId();
        PromotionRequest canary = PromotionRequest.builder("shop", source.host() + "/team/shop", "canary")
                .digest(digestTwo)
                .strategy("gitops")
                .job("shop/main")
                .build();

        PromotionException e = assertThrows(
                PromotionException.class, () -> promoter(PROD_GATES).promote(canary, log::add));

        assertEquals(
                "The GitOps commit failed, nothing was pushed: The GitOps target renders 'overlays/canary' after the"
                        + " edit to check the image, with helm or kubectl on the build's agent: call promoteDigest"
                        + " inside node",
                e.getMessage());
        assertEquals(tip, gitops.mainCommitId());
        assertEquals(
                List.of(LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTION_FAILED),
                types(),
                "only the attempt was recorded");
        assertEquals(e.getMessage(), ledger.events().get(1).reason());
    }

    @Test
    void aRollbackPromotesThePreviousDigestAndHoldsTheEnvironmentUntilReleased() throws Exception {
        Gates noApprovals = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("prod", digestOne);
        deployed("prod", digestTwo);
        deployed("staging", digestTwo);
        Promoter promoter = promoter(noApprovals);

        PromotionResult rollback = promoter.promote(
                PromotionRequest.builder("shop", null, "prod")
                        .rollback(true)
                        .strategy("registry")
                        .job("shop/main")
                        .build(),
                log::add);

        assertEquals(digestOne, rollback.digest());
        assertEquals(digestOne, tagDigest(target, releases, "prod"));
        LedgerEvent started = ledger.events().get(3);
        assertEquals(LedgerEventType.PROMOTION_STARTED, started.type());
        assertEquals(digestOne, started.digest());
        assertEquals("true", started.details().get("rollback"));
        LedgerEvent rolledBack = ledger.events().get(4);
        assertEquals(LedgerEventType.ROLLED_BACK, rolledBack.type());
        assertEquals("true", rolledBack.details().get("hold"));

        PromotionException held = assertThrows(
                PromotionException.class,
                () -> promoter.promote(request(digestTwo).build(), log::add));
        assertEquals("1 of 6 gates failed, nothing was promoted: hold", held.getMessage());
        assertTrue(log.contains(
                "FAIL hold: prod is held after a rollback: promote with releaseHold: true once the cause is fixed"));

        promoter.promote(request(digestTwo).releaseHold(true).build(), log::add);
        assertEquals(digestTwo, tagDigest(target, releases, "prod"));
        assertEquals(
                List.of(LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTION_FAILED),
                types().subList(5, 7),
                "the held promotion started and failed");
        assertEquals("released", ledger.events().get(8).details().get("hold"));
    }

    @Test
    void aRollbackWithoutAnEarlierDigestIsRefused() {
        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(PROD_GATES)
                        .promote(
                                PromotionRequest.builder("shop", null, "prod")
                                        .rollback(true)
                                        .strategy("registry")
                                        .job("shop/main")
                                        .build(),
                                log::add));

        assertEquals("The ledger knows no earlier digest of shop in prod to roll back to", e.getMessage());
    }

    @Test
    void deployRendersPinsAndAppliesIntoTheEnvironmentsNamespaceAndPrunesWhatIsGone() throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        Path workspace = java.nio.file.Files.createDirectories(dir.resolve("workspace"));
        java.nio.file.Files.createDirectories(workspace.resolve("k8s"));
        java.nio.file.Files.writeString(workspace.resolve("k8s/app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers:
                        - name: web
                          image: %s/team/shop:latest
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data: {mode: prod}
                """.formatted(source.host()));
        PreviewTools tools = new PreviewTools(new ProcessCommandRunner(), new LocalWorkspace(workspace), Map.of());
        createNamespace("shop-prod");
        Promoter promoter = promoter(none);
        DeployInputs inputs = new DeployInputs(null, null, "k8s", null, null, null, null, false, null, tools);

        PromotionResult result = promoter.promote(
                request(digestOne).strategy("deploy").deploy(inputs).build(), log::add);

        assertEquals("shop-prod on cluster 'staging-eu'", result.target());
        try (KubernetesClient client = api.newClient()) {
            var deployment = client.apps()
                    .deployments()
                    .inNamespace("shop-prod")
                    .withName("shop")
                    .get();
            assertEquals(
                    source.host() + "/team/shop@" + digestOne,
                    deployment
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage());
            assertEquals("prod", deployment.getMetadata().getLabels().get("environments.jenkins.io/environment"));
        }
        assertEquals("deploy", ledger.events().get(1).details().get("strategy"));

        java.nio.file.Files.writeString(
                workspace.resolve("k8s/app.yaml"),
                java.nio.file.Files.readString(workspace.resolve("k8s/app.yaml"))
                        .substring(
                                0,
                                java.nio.file.Files.readString(workspace.resolve("k8s/app.yaml"))
                                        .indexOf("---")));
        PromotionResult again = promoter.promote(
                request(digestOne).strategy("deploy").deploy(inputs).build(), log::add);
        assertTrue(again.summary().endsWith("; pruned ConfigMap settings"), again.summary());
    }

    @Test
    void deployNeedsTheEnvironmentsNamespaceAndCreatesNothing() throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        Path workspace = java.nio.file.Files.createDirectories(dir.resolve("ws"));
        java.nio.file.Files.createDirectories(workspace.resolve("k8s"));
        java.nio.file.Files.writeString(workspace.resolve("k8s/app.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: shop}
                spec:
                  containers: [{name: web, image: %s/team/shop:latest}]
                """.formatted(source.host()));
        DeployInputs inputs = new DeployInputs(
                null,
                null,
                "k8s",
                null,
                null,
                null,
                null,
                false,
                null,
                new PreviewTools(new ProcessCommandRunner(), new LocalWorkspace(workspace), Map.of()));

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(none)
                        .promote(
                                request(digestOne)
                                        .strategy("deploy")
                                        .deploy(inputs)
                                        .build(),
                                log::add));

        assertEquals(
                "The deploy into shop-prod on cluster 'staging-eu' failed: Namespace shop-prod does not exist: an"
                        + " environment's namespace is created by its administrators; the plugin deploys into it but"
                        + " never creates it",
                e.getMessage());
        try (KubernetesClient client = api.newClient()) {
            assertEquals(List.of(), client.namespaces().list().getItems());
        }
        assertEquals(
                List.of(LedgerEventType.PROMOTED, LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTION_FAILED),
                types());
    }

    /**
     * Strategy {@code deploy} of a chart with {@code crds/}, hooks and tests, as {@code helm upgrade --install} would:
     * the CRD created first, the pre-install hooks by weight, the release, the post-install hook; test Pods never sent.
     * The mock runs no controllers: {@link JobController} and {@link CrdController} play them.
     */
    @Test
    void deployCreatesTheChartsCrdsRunsItsHooksInOrderAndNeverItsTests() throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        Path workspace = java.nio.file.Files.createDirectories(dir.resolve("hooked-ws"));
        HookedChart.write(workspace.resolve("chart"), source.host() + "/team/shop:latest");
        createNamespace("shop-prod");
        api.clearRequests();
        try (KubernetesCli cli = KubernetesCli.create();
                JobController jobs = new JobController(api.newClient(), "shop-prod");
                CrdController crds = new CrdController(api.newClient())) {
            DeployInputs inputs = new DeployInputs(
                    "chart",
                    null,
                    null,
                    null,
                    null,
                    cli.helm().toString(),
                    null,
                    false,
                    null,
                    new PreviewTools(new ProcessCommandRunner(), new LocalWorkspace(workspace), Map.of()));

            PromotionResult result = promoter(none)
                    .promote(
                            request(digestOne)
                                    .strategy("deploy")
                                    .targetImage(null)
                                    .deploy(inputs)
                                    .build(),
                            log::add);

            assertTrue(
                    result.summary()
                            .contains("; CustomResourceDefinition widgets.example.com; Running hook Job"
                                    + " migrate-schema (pre-install, weight -5); Running hook Job warm-cache (PreSync, weight -1);"
                                    + " Running hook Job migrate-data (pre-install, weight 0); Running hook ConfigMap seed"
                                    + " (pre-install, weight 3); Running hook Job notify (post-install, weight 0)"),
                    result.summary());
            assertEquals(List.of("migrate-schema", "warm-cache", "migrate-data", "notify"), jobs.finished());
        }
        List<String> order = new ArrayList<>();
        for (MockKubernetesApi.RecordedCall call : api.requests()) {
            boolean write = !call.method().equals("GET") && !call.path().endsWith("/status");
            if (write
                    && (call.path().contains("customresourcedefinitions")
                            || call.path().contains("/jobs")
                            || call.path().contains("/deployments/"))) {
                order.add(
                        call.method() + " " + call.path().substring(call.path().lastIndexOf('/') + 1));
            }
            for (String never : List.of(HookedChart.TEST_POD, HookedChart.LEGACY_TEST_POD, HookedChart.CLEANUP)) {
                assertFalse(call.path().contains(never) || call.body().contains("\"" + never + "\""), never);
            }
        }
        assertEquals(
                List.of(
                        "POST customresourcedefinitions",
                        "DELETE migrate-schema",
                        "POST jobs",
                        "POST jobs",
                        "DELETE warm-cache",
                        "POST jobs",
                        "DELETE migrate-data",
                        "PATCH shop",
                        "POST jobs",
                        "DELETE notify"),
                order);
    }

    @Test
    void gitOpsCanWaitUntilTheTargetClusterRunsTheDigest() throws Exception {
        deployed("staging", digestTwo);
        createNamespace("shop-prod");
        // The mock runs no GitOps controller: this thread plays it, rolling the new digest out a moment later.
        java.util.concurrent.CompletableFuture<Void> controller =
                java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try (KubernetesClient client = api.newClient()) {
                        Thread.sleep(300);
                        client.apps()
                                .deployments()
                                .inNamespace("shop-prod")
                                .resource(shopDeployment(source.host() + "/team/shop@" + digestTwo))
                                .create();
                        client.pods()
                                .inNamespace("shop-prod")
                                .resource(readyShopPod("shop-1", source.host() + "/team/shop@" + digestTwo))
                                .create();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });

        promoter(PROD_GATES)
                .promote(
                        request(digestTwo)
                                .strategy("gitops")
                                .awaitRollout("30s")
                                .approvals(List.of(approvedBy("alice", "prod", digestTwo)))
                                .build(),
                        log::add);

        controller.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(
                log.contains("Namespace shop-prod runs " + source.host() + "/team/shop@" + digestTwo), log::toString);
    }

    @Test
    void aRolloutThatDoesNotComeFailsAfterTheCommitIsRecorded() throws Exception {
        deployed("staging", digestTwo);

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(PROD_GATES)
                        .promote(
                                request(digestTwo)
                                        .strategy("gitops")
                                        .awaitRollout("1s")
                                        .approvals(List.of(approvedBy("alice", "prod", digestTwo)))
                                        .build(),
                                log::add));

        assertEquals(
                "The commit is pushed and recorded, but Namespace shop-prod does not run " + source.host()
                        + "/team/shop@" + digestTwo + " for shop after PT1S: no Deployment, StatefulSet or DaemonSet"
                        + " of the app there",
                e.getMessage());
        assertEquals(
                List.of(LedgerEventType.PROMOTED, LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTED),
                types(),
                "recorded as promoted, and no failure after it: the wait comes after the promotion");
    }

    /** A manifest folder in a fresh workspace holding the shop Deployment and {@code extra}, for strategy deploy. */
    private DeployInputs manifests(String extra) throws Exception {
        Path workspace = java.nio.file.Files.createTempDirectory(dir, "ws");
        java.nio.file.Files.createDirectories(workspace.resolve("k8s"));
        java.nio.file.Files.writeString(workspace.resolve("k8s/app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers:
                        - name: web
                          image: %s/team/shop:latest
                """.formatted(source.host()) + extra);
        PreviewTools tools = new PreviewTools(new ProcessCommandRunner(), new LocalWorkspace(workspace), Map.of());
        return new DeployInputs(null, null, "k8s", null, null, null, null, false, null, tools);
    }

    private static Map<String, String> owner(String app, String environment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "environment-management");
        labels.put("environments.jenkins.io/app", app);
        labels.put("environments.jenkins.io/environment", environment);
        return labels;
    }

    /** Deployments named shop that already run in shop-prod, and why the deploy strategy leaves each alone. */
    static Stream<Arguments> shopDeploymentsOfOthers() {
        return Stream.of(
                Arguments.of(
                        Named.of("of app billing", owner("billing", "prod")),
                        "belongs to app 'billing', not to this deploy (app 'shop'); not overwriting it"),
                Arguments.of(
                        Named.of("made by hand", Map.<String, String>of()),
                        "was not created by environment-management; not adopting it"),
                Arguments.of(
                        Named.of("of another tool", Map.of("app.kubernetes.io/managed-by", "argocd")),
                        "was not created by environment-management; not adopting it"),
                Arguments.of(
                        Named.of("of shop in environment staging", owner("shop", "staging")),
                        "belongs to environment 'staging', not to this deploy (environment 'prod'); not overwriting"
                                + " it"));
    }

    /**
     * Rule: the deploy strategy never adopts or overwrites an object of another owner in the environment's namespace.
     * It reads first and writes nothing.
     */
    @ParameterizedTest(name = "a Deployment shop {0}")
    @MethodSource("shopDeploymentsOfOthers")
    void deployNeverTakesOverAnotherOwnersObjectAndWritesNothing(Map<String, String> labels, String why)
            throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        createNamespace("shop-prod");
        String theirs = "docker.io/library/nginx:1.27";
        try (KubernetesClient client = api.newClient()) {
            var deployment = shopDeployment(theirs);
            deployment.getMetadata().setLabels(labels);
            client.apps()
                    .deployments()
                    .inNamespace("shop-prod")
                    .resource(deployment)
                    .create();
        }
        DeployInputs inputs = manifests("");
        int events = ledger.events().size();
        api.clearRequests();

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(none)
                        .promote(
                                request(digestOne)
                                        .strategy("deploy")
                                        .targetImage(null)
                                        .deploy(inputs)
                                        .build(),
                                log::add));

        assertEquals(
                "The deploy into shop-prod on cluster 'staging-eu' failed: Deployment shop already exists in namespace"
                        + " shop-prod and " + why,
                e.getMessage());
        assertEquals(
                List.of("GET /api/v1/namespaces/shop-prod", "GET /apis/apps/v1/namespaces/shop-prod/deployments/shop"),
                api.requests().stream().map(c -> c.method() + " " + c.path()).toList(),
                "reads only");
        try (KubernetesClient client = api.newClient()) {
            var deployment = client.apps()
                    .deployments()
                    .inNamespace("shop-prod")
                    .withName("shop")
                    .get();
            assertEquals(
                    theirs,
                    deployment
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage());
            assertEquals(
                    labels,
                    deployment.getMetadata().getLabels() == null
                            ? Map.of()
                            : deployment.getMetadata().getLabels());
        }
        assertEquals(events + 2, ledger.events().size(), "nothing promoted: the attempt started and failed");
        assertEquals(e.getMessage(), ledger.events().get(events + 1).reason());
    }

    /** Objects the deploy strategy may not apply into shop-prod, and the refusal. */
    static Stream<Arguments> outsideTheNamespace() {
        return Stream.of(
                Arguments.of(
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: kube-system}\n",
                        "Document 2: ConfigMap x names namespace 'kube-system', not shop-prod"),
                Arguments.of(
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: shop-staging}\n",
                        "Document 2: ConfigMap x names namespace 'shop-staging', not shop-prod"),
                Arguments.of(
                        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admin}\n",
                        "Document 2: ClusterRoleBinding admin is cluster-scoped; only namespaced objects can be"
                                + " deployed into namespace shop-prod"),
                Arguments.of(
                        "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: migrate-}\n",
                        "Document 2: Job uses generateName 'migrate-'; give it a fixed name: an object named by the"
                                + " server is created anew on every deploy and never pruned"));
    }

    /** Rule: the deploy strategy applies only into the environment's namespace, checked before any gate or request. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("outsideTheNamespace")
    void deployRefusesObjectsOutsideTheEnvironmentsNamespaceBeforeAnyRequest(String yaml, String message)
            throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        createNamespace("shop-prod");
        DeployInputs inputs = manifests("---\n" + yaml);
        int events = ledger.events().size();
        api.clearRequests();

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(none)
                        .promote(
                                request(digestOne)
                                        .strategy("deploy")
                                        .targetImage(null)
                                        .deploy(inputs)
                                        .build(),
                                log::add));

        assertEquals(message, e.getMessage());
        assertEquals(List.of(), api.requests());
        assertEquals(events, ledger.events().size());
    }

    @Test
    void deployTakesOverAnObjectHandedToItByItsLabels() throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        createNamespace("shop-prod");
        try (KubernetesClient client = api.newClient()) {
            var deployment = shopDeployment("docker.io/library/nginx:1.27");
            deployment.getMetadata().setLabels(owner("shop", "prod"));
            client.apps()
                    .deployments()
                    .inNamespace("shop-prod")
                    .resource(deployment)
                    .create();
        }

        PromotionResult result = promoter(none)
                .promote(
                        request(digestOne)
                                .strategy("deploy")
                                .targetImage(null)
                                .deploy(manifests(""))
                                .build(),
                        log::add);

        assertTrue(result.changed());
        try (KubernetesClient client = api.newClient()) {
            assertEquals(
                    source.host() + "/team/shop@" + digestOne,
                    client.apps()
                            .deployments()
                            .inNamespace("shop-prod")
                            .withName("shop")
                            .get()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage());
        }
    }

    // ---- issue 12: the deploy strategy's requests, reruns and unserved kinds ----

    /** Deploy inputs for a plain manifest {@code k8s/app.yaml} of the given YAML, in a workspace of its own. */
    private DeployInputs manifests(String name, String yaml) throws java.io.IOException {
        Path workspace = java.nio.file.Files.createDirectories(dir.resolve(name).resolve("k8s"));
        java.nio.file.Files.writeString(workspace.resolve("app.yaml"), yaml);
        return new DeployInputs(
                null,
                null,
                "k8s",
                null,
                null,
                null,
                null,
                false,
                null,
                new PreviewTools(new ProcessCommandRunner(), new LocalWorkspace(workspace.getParent()), Map.of()));
    }

    private String shopAndPolicies() {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: shop}
                spec:
                  selector: {matchLabels: {app: shop}}
                  template:
                    metadata: {labels: {app: shop}}
                    spec:
                      containers: [{name: web, image: %s/team/shop:latest}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """.formatted(source.host());
    }

    @Test
    void aNoOpRerunOfTheDeployStrategyIsUnchangedAndRecordsNoSecondEvent() throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        createNamespace("shop-prod");
        DeployInputs inputs = manifests("rerun", shopAndPolicies());
        PromotionRequest request = request(digestOne)
                .strategy("deploy")
                .targetImage(null)
                .deploy(inputs)
                .build();

        PromotionResult first = promoter(none).promote(request, log::add);
        int events = ledger.events().size();
        PromotionResult again = promoter(none).promote(request, log::add);

        // Rule (issue 12, item 8; docs/promotion.md): a rerun that changes nothing answers changed: false and
        // appends no second ledger event.
        assertTrue(first.changed());
        assertFalse(again.changed(), again.summary());
        assertEquals(events, ledger.events().size());
        assertTrue(again.summary().contains("(unchanged: the same render as the last deploy)"), again.summary());
    }

    @Test
    void theFirstDeployOfAnAppIntoAnExistingNamespaceListsNothing() throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        createNamespace("shop-prod");
        DeployInputs inputs = manifests("first", shopAndPolicies());
        api.clearRequests();

        promoter(none)
                .promote(
                        request(digestOne)
                                .strategy("deploy")
                                .targetImage(null)
                                .deploy(inputs)
                                .build(),
                        log::add);

        // Rule (issue 12, item 8): no LIST per kind; 1 GET of the namespace, 1 GET per object (none exists yet),
        // 2 applies, 1 inventory write.
        List<String> requests =
                api.requests().stream().map(c -> c.method() + " " + c.path()).toList();
        assertEquals(
                List.of(
                        "GET /api/v1/namespaces/shop-prod",
                        "GET /apis/apps/v1/namespaces/shop-prod/deployments/shop",
                        "GET /apis/networking.k8s.io/v1/namespaces/shop-prod/networkpolicies/deny-all",
                        "PATCH /apis/apps/v1/namespaces/shop-prod/deployments/shop",
                        "PATCH /apis/networking.k8s.io/v1/namespaces/shop-prod/networkpolicies/deny-all",
                        "PATCH /api/v1/namespaces/shop-prod"),
                requests);
    }

    @Test
    void theDeployStrategyRefusesAKindTheClusterDoesNotServeNamingItAndTheCluster() throws Exception {
        Gates none = new Gates(0, List.of(), true, false, null, null, null, false);
        deployed("staging", digestOne);
        createNamespace("shop-prod");
        DeployInputs inputs = manifests("unserved", shopAndPolicies() + """
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: success-rate}
                spec: {metrics: []}
                """);
        api.clearRequests();
        int events = ledger.events().size();

        PromotionException e = assertThrows(
                PromotionException.class,
                () -> promoter(none)
                        .promote(
                                request(digestOne)
                                        .strategy("deploy")
                                        .targetImage(null)
                                        .deploy(inputs)
                                        .build(),
                                log::add));

        assertEquals(
                "kind AnalysisTemplate (argoproj.io/v1alpha1) is not served by cluster 'staging-eu': install its CRD"
                        + " first, or render a version the cluster serves; nothing was applied",
                e.getMessage());
        assertEquals(
                List.of(),
                api.requests().stream().filter(c -> !c.method().equals("GET")).toList());
        assertEquals(
                List.of(LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTION_FAILED),
                types().subList(events, events + 2));
    }
}
