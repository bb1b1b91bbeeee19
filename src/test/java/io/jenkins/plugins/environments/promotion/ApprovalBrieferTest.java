package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.approval.ApprovalBriefing;
import io.jenkins.plugins.environments.approval.Authorship;
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
import io.jenkins.plugins.environments.model.Severity;
import io.jenkins.plugins.environments.model.Tier;
import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.JGitIsolation;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.OciLayout;
import io.jenkins.plugins.environments.testing.OciLayout.Descriptor;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ApprovalBriefer} against real components, as {@link PromoterTest} uses them: Debian's docker-registry holding
 * the image and a cosign-style signature of it, a bare git repository as the GitOps target, a ledger in a temp
 * folder; only the builds' change logs are values ({@link Authorship.RunView}).
 */
class ApprovalBrieferTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyPair SIGNING = CosignFixture.ec("secp256r1");
    private static final String KEY_ID = "prod-signing-key";
    private static final String CLUSTER_URL = "https://k8s.internal.example:6443";
    private static final String BUILD = "https://ci.example.com/job/shop/job/main/";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path work;

    private static DockerRegistry registry;
    private static String signed;
    private static String old;

    @TempDir
    Path dir;

    private Ledger ledger;
    private BareGitRepository gitops;
    /** Where the configuration says the registry is: the registry itself, or a proxy in front of it. */
    private String registryHost;
    /** The source environment's cluster, for the tests where prod requires the digest live in staging. */
    private MockKubernetesApi api;

    @BeforeAll
    static void registry() throws Exception {
        JGitIsolation.install();
        registry = DockerRegistry.start();
        OciLayout layout = OciLayout.create(work.resolve("layout"));
        Descriptor image = layout.image("linux/amd64", "shop 1.5");
        signed = image.digest();
        byte[] payload = CosignFixture.payload(registry.host() + "/team/shop", signed);
        Descriptor signature = layout.manifest(
                layout.blob(OciLayout.OCI_CONFIG, CosignFixture.utf8("{}")),
                List.of(layout.blob(
                        SignatureVerifier.SIMPLE_SIGNING,
                        payload,
                        Map.of(
                                SignatureVerifier.SIGNATURE_ANNOTATION,
                                CosignFixture.sign(SIGNING.getPrivate(), payload)))));
        layout.tag("app", image).push("app", registry, "team/shop:1.5", work);
        layout.tag("sig", signature).push("sig", registry, "team/shop:" + SignatureVerifier.signatureTag(signed), work);
        old = RegistryImages.push(registry, "team/shop", "1.4", "shop 1.4");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        ledger = Ledger.open(dir.resolve("ledger.jsonl"), CLOCK);
        gitops = BareGitRepository.create(
                Map.of("prod/values.yaml", "# prod\nimage:\n  repository: shop\n  digest: " + old + " # pinned\n"));
        registryHost = registry.host();
    }

    @AfterEach
    void tearDown() {
        gitops.close();
        if (api != null) {
            api.close();
        }
    }

    private EnvironmentsConfiguration configuration(boolean gitOps) {
        Gates prodGates = new Gates(1, List.of("alice"), true, false, KEY_ID, Severity.HIGH, null, api != null);
        Environment staging = new Environment(
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
                gitOps ? new GitOpsTarget(gitops.uri().toString(), null, null, "prod/values.yaml", null) : null);
        App shop = new App(
                "shop",
                registryHost + "/team/shop",
                List.of("shop/**"),
                List.of(
                        new AppTarget("staging", null, null, null, null, null),
                        new AppTarget("prod", null, null, null, null, null)));
        return new EnvironmentsConfiguration(
                List.of(new Cluster("staging-eu", CLUSTER_URL, "k8s-login", null, false, 0)),
                List.of(new Registry("builds", registryHost, null, true, false)),
                List.of(staging, prod),
                null,
                List.of(shop));
    }

    private ApprovalBriefer briefer(boolean gitOps) {
        PromotionPorts ports = FixturePorts.anonymous()
                .withClusters(cluster -> {
                    if (api == null) {
                        throw new AssertionError("live-in-source reads the ledger here");
                    }
                    return api.newClient();
                })
                .withKeys(credentialsId -> {
                    assertEquals(KEY_ID, credentialsId);
                    return CosignFixture.pem(SIGNING.getPublic());
                });
        return new ApprovalBriefer(configuration(gitOps), ports, ledger, CLOCK, new GitOpsPromotion(CLOCK, dir));
    }

    private void promoted(String environment, String digest, int build) throws Exception {
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", environment)
                .digest(digest)
                .actor("carol")
                .build(BUILD + build + "/"));
    }

    /** A build of job shop/main as its change log tells it. */
    private record Build(int number, List<Authorship.Commit> commits, Authorship.RunView previous)
            implements Authorship.RunView {
        @Override
        public String url() {
            return "job/shop/job/main/" + number + "/";
        }

        @Override
        public List<String> startedBy() {
            return List.of();
        }

        @Override
        public List<Authorship.Upstream> upstream() {
            return List.of();
        }
    }

    /** A build whose change log Jenkins cannot read. */
    private record Unreadable() implements Authorship.RunView {
        @Override
        public String url() {
            return "job/shop/job/main/8/";
        }

        @Override
        public List<String> startedBy() {
            return List.of();
        }

        @Override
        public List<Authorship.Upstream> upstream() {
            return List.of();
        }

        @Override
        public List<Authorship.Commit> commits() {
            throw new IllegalStateException("the change log of job/shop/job/main/8/ cannot be read");
        }

        @Override
        public Authorship.RunView previous() {
            return null;
        }
    }

    private static Authorship.Commit commit(String id, String author, String message) {
        return new Authorship.Commit(id, new Authorship.Identity(null, null, author), null, message);
    }

    /** Builds 7 (deployed what prod runs), 8 and 9 (asks), one commit each. */
    private static Authorship.RunView builds() {
        Build seven = new Build(7, List.of(commit("c1".repeat(20), "Dana", "Old change")), null);
        Build eight = new Build(8, List.of(commit("c2".repeat(20), "Erin", "Bump the payment library")), seven);
        return new Build(9, List.of(commit("c3".repeat(20), "Frank", "Fix the checkout total\n\nRounding.")), eight);
    }

    private static ApprovalBriefer.ScanInput scan() {
        return new ApprovalBriefer.ScanInput(
                "trivy.json",
                ScanGateTest.trivy(
                        registry.host() + "/team/shop:1.5",
                        List.of(
                                ScanGateTest.vuln("CVE-2026-0001", "HIGH"),
                                ScanGateTest.vuln("CVE-2026-0002", "MEDIUM"),
                                ScanGateTest.vuln("CVE-2026-0002", "LOW"),
                                ScanGateTest.vuln("CVE-2026-0003", "MEDIUM"),
                                ScanGateTest.vuln("CVE-2026-0004", "LOW")),
                        registry.host() + "/team/shop@" + signed),
                null,
                null);
    }

    private static ApprovalBriefer.Ask ask(ApprovalBriefer.ScanInput scan) {
        return new ApprovalBriefer.Ask("shop", "prod", signed, "shop/main", BUILD + "9/", scan);
    }

    private static List<String> verdicts(ApprovalBriefing briefing) {
        return briefing.getGates().stream()
                .map(g -> g.getVerdict().id() + " " + g.getGate())
                .toList();
    }

    @Test
    void aRegistryTargetsBriefingTellsWhatIsReplacedTheGatesSoFarAndTheCommits() throws Exception {
        promoted("prod", old, 7);
        promoted("staging", signed, 8);

        ApprovalBriefing briefing = briefer(false).brief(ask(scan()), builds(), TIMEOUT);

        assertEquals(signed, briefing.getDigest());
        assertEquals(old, briefing.getReplaces(), "the ledger's current digest of shop in prod");
        assertNull(briefing.getReplacesProblem());
        assertEquals(
                List.of("pass hold", "pass digest-exists", "pass live-in-source", "pass signature", "pass scan"),
                verdicts(briefing));
        assertEquals(
                "verified with key '(credentials)' (ECDSA P-256)",
                briefing.getGates().get(3).getDetail(),
                "the key's credentials id is not shown");
        assertEquals(
                "the ledger shows " + signed + " as shop's latest in staging",
                briefing.getGates().get(2).getDetail());
        assertTrue(briefing.getGates().get(4).getDetail().startsWith("no finding above HIGH in trivy.json"));
        assertEquals(
                "trivy.json (Trivy JSON): critical 0, high 1, medium 2, low 1, unknown 0, secrets 0",
                briefing.getScan().toString(),
                "each finding id once, at its most severe");
        assertEquals(
                List.of(
                        "c3c3c3c3c3c3 Frank: Fix the checkout total (job/shop/job/main/9/)",
                        "c2c2c2c2c2c2 Erin: Bump the payment library (job/shop/job/main/8/)"),
                briefing.getChanges().stream().map(Object::toString).toList(),
                "the commits after build 7, which deployed what prod runs; first lines only");
        assertNull(briefing.getChangesNote());
        assertFalse(briefing.isGitOps(), "a registry target has no diff");
        assertEquals(NOW, briefing.getPrepared());
    }

    @Test
    void aGitOpsTargetsBriefingShowsTheExactDiffAndPushesNothing() throws Exception {
        promoted("prod", old, 7);
        promoted("staging", signed, 8);
        String tip = gitops.mainCommitId();
        List<String> log = gitops.log();

        ApprovalBriefing briefing = briefer(true).brief(ask(null), builds(), TIMEOUT);

        assertEquals(
                "--- a/prod/values.yaml\n"
                        + "+++ b/prod/values.yaml\n"
                        + "@@ -1,4 +1,4 @@\n"
                        + " # prod\n"
                        + " image:\n"
                        + "   repository: shop\n"
                        + "-  digest: " + old + " # pinned\n"
                        + "+  digest: " + signed + " # pinned\n",
                briefing.getDiff());
        assertEquals("prod/values.yaml on branch main at " + tip.substring(0, 12), briefing.getDiffTarget());
        assertNull(briefing.getDiffProblem());
        assertEquals(tip, gitops.mainCommitId(), "the branch did not move");
        assertEquals(log, gitops.log());
        assertEquals(
                "git for-each-ref: refs/heads/main only",
                "git for-each-ref: "
                        + gitops.git("for-each-ref", "--format=%(refname)")
                                .stdout()
                                .strip() + " only");
        assertEquals(
                List.of("pass hold", "pass digest-exists", "pass live-in-source", "pass signature", "not-run scan"),
                verdicts(briefing));
        assertEquals(
                "this build gave promoteDigest no scan report for " + signed + " yet; the promotion into prod needs"
                        + " one with no finding above HIGH",
                briefing.getGates().get(4).getDetail());
        assertNull(briefing.getScan());
    }

    @Test
    void aFileThatHoldsTheDigestAlreadyHasAnEmptyDiff() throws Exception {
        gitops.commit("already there", Map.of("prod/values.yaml", "image:\n  digest: " + signed + "\n"));

        ApprovalBriefing briefing = briefer(true).brief(ask(null), builds(), TIMEOUT);

        assertEquals("", briefing.getDiff());
        assertTrue(briefing.isGitOps());
    }

    @Test
    void checkingWritesNothingAnywhere() throws Exception {
        promoted("prod", old, 7);
        promoted("staging", signed, 8);
        String tip = gitops.mainCommitId();
        int events = ledger.events().size();
        try (CountingProxy proxy = CountingProxy.start(registry.host())) {
            registryHost = proxy.host();

            ApprovalBriefing briefing = briefer(true).brief(ask(scan()), builds(), TIMEOUT);

            assertEquals(
                    List.of("pass hold", "pass digest-exists", "pass live-in-source", "pass signature", "pass scan"),
                    verdicts(briefing),
                    briefing.getGates()::toString);
            Map<String, Long> requests = proxy.requestsByPattern();
            assertTrue(proxy.requests() > 0, "the registry was asked");
            assertTrue(
                    requests.keySet().stream().allMatch(p -> p.startsWith("GET ") || p.startsWith("HEAD ")),
                    "only reads: " + requests);
        }
        assertEquals(events, ledger.events().size(), "nothing was appended to the ledger");
        assertEquals(tip, gitops.mainCommitId(), "nothing was pushed");
        assertEquals(List.of("1.4", "1.5"), tags(), "no tag was written");
    }

    private static List<String> tags() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(
                        java.net.http.HttpRequest.newBuilder(registry.url().resolve("/v2/team/shop/tags/list"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        List<String> tags = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode tag :
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("tags")) {
            if (!tag.asText().endsWith(".sig")) {
                tags.add(tag.asText());
            }
        }
        return tags.stream().sorted().toList();
    }

    @Test
    void aPartThatCannotBeReadSaysWhyAndTheOthersStillShow() throws Exception {
        promoted("prod", old, 7);
        promoted("staging", signed, 8);
        gitops.close(); // the repository is gone
        Authorship.RunView broken = new Build(9, List.of(commit("c3".repeat(20), "Frank", "Fix")), new Unreadable());

        ApprovalBriefing briefing = briefer(true).brief(ask(null), broken, TIMEOUT);

        assertTrue(briefing.getDiffProblem().startsWith("could not be read: "), briefing::getDiffProblem);
        assertEquals("prod/values.yaml on branch main", briefing.getDiffTarget());
        assertNull(briefing.getDiff());
        assertEquals(
                "could not be read: the change log of job/shop/job/main/8/ cannot be read",
                briefing.getChangesProblem());
        assertEquals(old, briefing.getReplaces());
        assertEquals(5, briefing.getGates().size(), "the gates were still read");
        assertNull(briefing.getGatesProblem());
    }

    @Test
    void aJobThatMayNotPromoteGetsNoGatesButTheRest() throws Exception {
        promoted("prod", old, 7);

        ApprovalBriefing briefing = briefer(false)
                .brief(new ApprovalBriefer.Ask("shop", "prod", signed, "other/main", null, null), builds(), TIMEOUT);

        assertEquals(
                "could not be read: job 'other/main' does not own app 'shop', nothing was promoted: an administrator"
                        + " lists the jobs that own an app under " + Promoter.APPS,
                briefing.getGatesProblem());
        assertTrue(briefing.getGates().isEmpty());
        assertEquals(old, briefing.getReplaces());
        assertEquals(2, briefing.getChanges().size());
    }

    @Test
    void whenNothingRunsThereYetEveryKeptBuildsCommitsAreShown() throws Exception {
        ApprovalBriefing briefing = briefer(false).brief(ask(null), builds(), TIMEOUT);

        assertNull(briefing.getReplaces());
        assertNull(briefing.getReplacesProblem());
        assertEquals(3, briefing.getChanges().size());
        assertEquals(
                "nothing runs in the environment yet: the commits of every build of the job still kept are shown",
                briefing.getChangesNote());
        assertEquals(
                "fail live-in-source", verdicts(briefing).get(2), "staging runs nothing, as far as the ledger knows");
    }

    @Test
    void credentialIdsAndClusterUrlsAreMaskedInWhatThePageShows() {
        assertEquals(
                "cluster 'staging-eu' refused (credentials) and key '(credentials)'",
                briefer(false).mask(CLUSTER_URL + " refused k8s-login and key '" + KEY_ID + "'"));
    }

    @Test
    void liveInSourceIsReadFromTheSourceClusterWithoutWritingToIt() throws Exception {
        api = MockKubernetesApi.start();
        String image = registry.host() + "/team/shop@" + signed;
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
                    .resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
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
                            .build())
                    .create();
            client.pods()
                    .inNamespace("shop-staging")
                    .resource(PromoterTest.readyShopPod("shop-1", image))
                    .create();
        }
        api.clearRequests();

        ApprovalBriefing briefing = briefer(false).brief(ask(null), builds(), TIMEOUT);

        assertEquals(
                "namespace shop-staging on cluster 'staging-eu' runs " + image
                        + ": 1 of 1 desired replica(s) of Deployment/shop are ready and run it",
                briefing.getGates().get(2).getDetail());
        assertFalse(api.requests().isEmpty(), "the cluster was asked");
        assertEquals(
                List.of("GET"),
                api.requests().stream()
                        .map(MockKubernetesApi.RecordedCall::method)
                        .distinct()
                        .toList(),
                "only reads");
        assertTrue(ledger.events().isEmpty(), "nothing was appended to the ledger");
    }
}
