package io.jenkins.plugins.environments.playground;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.approval.ApprovalEvents;
import io.jenkins.plugins.environments.approval.ApprovalOutcome;
import io.jenkins.plugins.environments.approval.ApprovalPolicy;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.approval.ApprovalSettings;
import io.jenkins.plugins.environments.approval.Decision;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.Reviewer;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.gitops.GitCredential;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerQueries;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.PreviewDefaults;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.Tier;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.preview.PreviewCoordinator;
import io.jenkins.plugins.environments.preview.PreviewDeployer;
import io.jenkins.plugins.environments.preview.PreviewRequest;
import io.jenkins.plugins.environments.preview.PreviewResult;
import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.preview.RegistryImageResolver;
import io.jenkins.plugins.environments.promotion.DeployInputs;
import io.jenkins.plugins.environments.promotion.Promoter;
import io.jenkins.plugins.environments.promotion.PromotionException;
import io.jenkins.plugins.environments.promotion.PromotionPorts;
import io.jenkins.plugins.environments.promotion.PromotionRequest;
import io.jenkins.plugins.environments.promotion.PromotionResult;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.registry.RetryPolicy;
import io.jenkins.plugins.environments.testing.KubeletPods;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a believable week of delivery with the plugin's real code: CI pushes images into the {@code builds}
 * registry, the real {@link Promoter} moves digests dev → staging → prod (by registry copy into the {@code releases}
 * registry, by a commit into the GitOps repository, and once by applying manifests with the {@code deploy} strategy),
 * the real approval rules decide prod approvals, the real {@link PreviewDeployer} renders charts with helm and applies
 * previews to the Kubernetes API fixture. Everything lands in one {@link Ledger}.
 *
 * <p>The story, so that the dashboard has something in every state: four apps; three pull-request previews (one
 * pinned, one expired and not yet swept); {@code checkout} rolled back in prod (held); {@code payments} waiting for
 * its second prod approval; {@code search} failed its last prod promotion (no change ticket); {@code inventory}'s prod
 * changed by hand in the GitOps repository behind the ledger's back (drifted); {@code inventory}'s staging behind dev.
 */
final class PlaygroundHistory {

    static final List<String> APPS = List.of("payments", "checkout", "search", "inventory");
    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
    static final List<String> PROD_APPROVERS = List.of("alice", "bob", "erin");
    /** The id of the Jenkins the playground plays, as {@code Jenkins.getLegacyInstanceId()} would give it. */
    static final String INSTANCE = "5e1f0c0ffee0ddba11ab1e0000c0ffee";

    /**
     * The root URL of the Jenkins the playground plays. Previews record the build's absolute URL ({@code BUILD_URL});
     * promotions and approvals are recorded with URLs relative to the root, as the dashboard links them.
     */
    static final String JENKINS_URL = "https://jenkins.playground.invalid/";

    private static final Gates PROD_GATES = new Gates(2, PROD_APPROVERS, true, false, null, null, "CHG-[0-9]+", false);

    private final PlaygroundWorld world;
    private final SteppedClock clock;
    private final Ledger ledger;
    private final EnvironmentsConfiguration configuration;
    private final Promoter promoter;
    private final PreviewDeployer previews;
    private final PreviewTools tools;
    private final Map<String, Integer> buildNumbers = new LinkedHashMap<>();
    private final Map<String, List<String>> digests = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Story.Builder story = new Story.Builder();

    private PlaygroundHistory(PlaygroundWorld world, SteppedClock clock) throws IOException {
        this.world = world;
        this.clock = clock;
        this.ledger = Ledger.open(world.folder.resolve("ledger").resolve("ledger.jsonl"), clock);
        this.configuration = configuration(world);
        Path work = Files.createDirectories(world.folder.resolve("work"));
        this.promoter = new Promoter(
                configuration, ports(world), ledger, clock, new GitOpsPromotion(clock, work), RetryPolicy.standard());
        this.previews = new PreviewDeployer(
                configuration,
                cluster -> world.kubernetes.newClient(),
                new RegistryImageResolver(r ->
                        new RegistryAccess(r.id(), r.host(), r.insecure(), new RegistryCredential.Anonymous(), null)),
                ledger,
                new PreviewCoordinator(Duration.ofSeconds(1)),
                clock,
                INSTANCE);
        this.tools = PlaygroundWorkspace.write(world.folder.resolve("workspace"), world.builds.host());
    }

    /** The files the GitOps repository starts with: one values file per app in prod. */
    static Map<String, String> gitopsFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "Desired state of prod, one values file per app. Promotions commit here.\n");
        for (String app : APPS) {
            files.put(valuesFile(app), "# " + app + " in prod\nreplicas: 3\nimage:\n  digest: none\n");
        }
        return files;
    }

    private static String valuesFile(String app) {
        return "prod/" + app + "/values.yaml";
    }

    /**
     * Plays the story into a new ledger in the world's folder.
     *
     * @param clock stands at the story's start; it is moved forward, never past the real time
     * @return the ledger, the configuration and what the story did
     */
    static Story build(PlaygroundWorld world, SteppedClock clock) throws Exception {
        return new PlaygroundHistory(world, clock).play();
    }

    private Story play() throws Exception {
        // Day 1: first releases of every app reach prod; a search preview that nobody renews.
        for (String app : APPS) {
            push(app, "1.0.0");
        }
        for (String app : APPS) {
            release(app, digest(app, 0));
        }
        preview("search", "77", "alice", false);
        clock.advance(Duration.ofDays(2));

        // Day 3: a second release of every app; prod gets payments, checkout and inventory.
        for (String app : APPS) {
            push(app, "1.1.0");
            toDev(app, digest(app, 1));
            clock.advance(Duration.ofMinutes(30));
            promote(app, "staging", digest(app, 1), "carol");
        }
        for (String app : List.of("payments", "checkout", "inventory")) {
            clock.advance(Duration.ofHours(3));
            toProd(app, digest(app, 1), "dave", "CHG-" + (2040 + buildNumber(app)));
        }
        clock.advance(Duration.ofDays(1));

        // Day 4: checkout 1.2.0 goes all the way and is rolled back from prod the same afternoon.
        push("checkout", "1.2.0");
        release("checkout", digest("checkout", 2));
        clock.advance(Duration.ofHours(2));
        rollBack("checkout", "dave", "CHG-2107");
        preview("checkout", "311", "frank", true);
        clock.advance(Duration.ofDays(1));

        // Day 5: search 1.1.0 is approved for prod but promoted without its change ticket.
        clock.advance(Duration.ofHours(1));
        failWithoutTicket("search", digest("search", 1), "carol");
        preview("payments", "1842", "grace", false);
        clock.advance(Duration.ofHours(5));

        // Day 6: payments 1.2.0 waits for its second approval; inventory moves on in dev; someone edits prod by hand.
        push("payments", "1.2.0");
        toDev("payments", digest("payments", 2));
        clock.advance(Duration.ofHours(1));
        promote("payments", "staging", digest("payments", 2), "carol");
        clock.advance(Duration.ofHours(1));
        awaitSecondApproval("payments", digest("payments", 2), "dave");
        push("inventory", "1.2.0");
        toDev("inventory", digest("inventory", 2));
        clock.advance(Duration.ofHours(2));
        String hotfix = RegistryImages.push(world.builds, "team/inventory", "hotfix-debug", "inventory hotfix");
        world.gitops.commit(
                "hotfix: pin inventory to the debug build",
                Map.of(
                        valuesFile("inventory"),
                        "# inventory in prod\nreplicas: 3\nimage:\n  digest: " + hotfix + "\n"));
        story.drifted("inventory", "prod", hotfix);
        return story.build(configuration, ledger, List.copyOf(log));
    }

    private void push(String app, String version) throws Exception {
        int build = buildNumbers.merge(app, 1, Integer::sum) + 10;
        String digest = RegistryImages.push(world.builds, "team/" + app, "build-" + build, app + " " + version);
        digests.computeIfAbsent(app, a -> new ArrayList<>()).add(digest);
        clock.advance(Duration.ofMinutes(7));
    }

    private String digest(String app, int index) {
        return digests.get(app).get(index);
    }

    private int buildNumber(String app) {
        return buildNumbers.get(app) + 10;
    }

    private String buildUrl(String app) {
        return "job/" + app + "/job/main/" + buildNumber(app) + "/";
    }

    /** dev, staging and prod in one go, as a release pipeline with approvals would. */
    private void release(String app, String digest) throws Exception {
        toDev(app, digest);
        clock.advance(Duration.ofMinutes(40));
        promote(app, "staging", digest, "carol");
        clock.advance(Duration.ofHours(2));
        toProd(app, digest, "dave", "CHG-" + (2070 + buildNumber(app)));
    }

    private void toDev(String app, String digest) throws Exception {
        if (app.equals("inventory")) {
            deployToDev(app, digest);
        } else {
            promote(app, "dev", digest, "ci-bot");
        }
    }

    private PromotionResult promote(String app, String to, String digest, String actor) {
        PromotionResult result = promoter.promote(
                request(app, to, actor).digest(digest).strategy("registry").build(), log::add);
        story.current(app, to, digest);
        return result;
    }

    private PromotionRequest.Builder request(String app, String to, String actor) {
        return PromotionRequest.builder(app, null, to)
                .job(app + "/main")
                .buildUrl(buildUrl(app))
                .actor(actor);
    }

    /** inventory's dev runs what the deploy strategy applied; the playground plays the kubelet that runs it. */
    private void deployToDev(String app, String digest) throws Exception {
        String namespace = app + "-dev";
        try (KubernetesClient client = world.kubernetes.newClient()) {
            if (client.namespaces().withName(namespace).get() == null) {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .endMetadata()
                                .build())
                        .create();
            }
        }
        DeployInputs inputs = new DeployInputs(
                null, null, "k8s/" + app, null, null, null, null, null, null, false, null, tools, null);
        promoter.promote(
                request(app, "dev", "ci-bot")
                        .digest(digest)
                        .strategy("deploy")
                        .deploy(inputs)
                        .build(),
                log::add);
        String image = world.builds.host() + "/team/" + app + "@" + digest;
        try (KubernetesClient client = world.kubernetes.newClient()) {
            client.pods().inNamespace(namespace).delete();
            client.pods()
                    .inNamespace(namespace)
                    .resource(KubeletPods.ready(
                            app + "-" + digest.substring(7, 17), app, image, "docker-pullable://" + image))
                    .create();
        }
        story.current(app, "dev", digest);
    }

    private String strategyInProd(String app) {
        return app.equals("payments") || app.equals("search") || app.equals("inventory") ? "gitops" : "registry";
    }

    private void toProd(String app, String digest, String requester, String ticket) throws Exception {
        List<ApprovalResult> approvals = approve(app, digest, requester, List.of("alice", "bob"), ticket);
        promoter.promote(
                request(app, "prod", requester)
                        .digest(digest)
                        .strategy(strategyInProd(app))
                        .changeTicket(ticket)
                        .approvals(approvals)
                        .build(),
                log::add);
        story.current(app, "prod", digest);
    }

    private void rollBack(String app, String requester, String ticket) throws Exception {
        String previous = digest(app, digests.get(app).size() - 2);
        List<ApprovalResult> approvals = approve(app, previous, requester, List.of("bob", "erin"), ticket);
        PromotionResult result = promoter.promote(
                PromotionRequest.builder(app, null, "prod")
                        .rollback(true)
                        .strategy(strategyInProd(app))
                        .changeTicket(ticket)
                        .approvals(approvals)
                        .job(app + "/main")
                        .buildUrl("job/" + app + "/job/rollback/3/")
                        .actor(requester)
                        .build(),
                log::add);
        story.current(app, "prod", result.digest());
        story.held(app, "prod");
    }

    private void failWithoutTicket(String app, String digest, String requester) throws Exception {
        List<ApprovalResult> approvals = approve(app, digest, requester, List.of("alice", "erin"), "CHG-2188");
        try {
            promoter.promote(
                    request(app, "prod", requester)
                            .digest(digest)
                            .strategy(strategyInProd(app))
                            .approvals(approvals)
                            .build(),
                    log::add);
            throw new IllegalStateException("the promotion without a change ticket was expected to fail");
        } catch (PromotionException expected) {
            story.failed(app, "prod", expected.getMessage());
        }
    }

    /**
     * An approval request as awaitApproval makes it: the request is written, the reviewers decide with the real
     * rules, each decision is written.
     */
    private List<ApprovalResult> approve(
            String app, String digest, String requester, List<String> reviewers, String ticket) throws IOException {
        ApprovalRequest request = openRequest(app, digest, requester);
        String key = requestKey(app);
        for (String reviewer : reviewers) {
            clock.advance(Duration.ofMinutes(25));
            ApprovalOutcome outcome = request.approve(
                    Reviewer.user(reviewer),
                    new Decision("prod", digest, "release notes checked", ticket),
                    RealmRules.JENKINS_DEFAULT,
                    clock.instant());
            ledger.append(outcome.toLedgerEvent(key).build(buildUrl(app)));
            if (outcome.isRefused()) {
                throw new IllegalStateException("the playground's approval by " + reviewer + " was refused: "
                        + outcome.refusal().orElseThrow().message());
            }
            request = outcome.request();
        }
        clock.advance(Duration.ofMinutes(3));
        return List.of(request.result()
                .orElseThrow(() -> new IllegalStateException("the playground's approvals did not approve")));
    }

    private void awaitSecondApproval(String app, String digest, String requester) throws IOException {
        ApprovalRequest request = openRequest(app, digest, requester);
        String key = requestKey(app);
        clock.advance(Duration.ofMinutes(50));
        ApprovalOutcome first = request.approve(
                Reviewer.user("alice"),
                new Decision("prod", digest, "staging soak looks fine", "CHG-2231"),
                RealmRules.JENKINS_DEFAULT,
                clock.instant());
        ledger.append(first.toLedgerEvent(key).build(buildUrl(app)));
        story.waiting(app, "prod", digest, approvalPage(app));
    }

    private ApprovalRequest openRequest(String app, String digest, String requester) throws IOException {
        ApprovalPolicy policy =
                ApprovalPolicy.resolve("prod", PROD_GATES, ApprovalSettings.NONE, RealmRules.JENKINS_DEFAULT);
        ApprovalRequest request = ApprovalRequest.open(
                app, digest, policy, RunOrigin.startedByPerson(requester, List.of("frank")), clock.instant());
        String replaces = LedgerQueries.latestStates(ledger.events()).stream()
                .filter(state -> state.app().equals(app) && state.environment().equals("prod"))
                .map(LedgerQueries.EnvironmentState::digest)
                .findFirst()
                .orElse(null);
        ledger.append(ApprovalEvents.requested(request, requestKey(app), buildUrl(app), approvalPage(app), replaces));
        return request;
    }

    /** Each build of the playground asks for one approval, its request 1. */
    private String requestKey(String app) {
        return ApprovalEvents.requestKey(buildUrl(app), "1");
    }

    private String approvalPage(String app) {
        return buildUrl(app) + "approvals/";
    }

    private void preview(String app, String pr, String author, boolean pinned) throws Exception {
        String tag = "pr-" + pr;
        String digest = RegistryImages.push(world.builds, "team/" + app, tag, app + " PR " + pr);
        PreviewResult result = previews.deploy(
                PreviewRequest.builder(app)
                        .image(world.builds.host() + "/team/" + app + ":" + tag)
                        .chart("chart")
                        .set(Map.of("image", world.builds.host() + "/team/" + app + ":" + tag))
                        .pr(pr)
                        .helm(world.cli.helm().toString())
                        .waitForReady(false)
                        .pinned(pinned)
                        .buildUrl(JENKINS_URL + "job/" + app + "/job/PR-" + pr + "/1/")
                        .job(app + "/PR-" + pr)
                        .build(),
                tools,
                log::add);
        story.preview(app, pr, result.url(), digest, author);
        clock.advance(Duration.ofMinutes(12));
    }

    private static PromotionPorts ports(PlaygroundWorld world) {
        return new PromotionPorts() {
            @Override
            public RegistrySession registry(Registry registry) {
                RegistryCredential credential = registry.credentialsId() == null
                        ? new RegistryCredential.Anonymous()
                        : new RegistryCredential.Basic(
                                world.releases.username(),
                                world.releases.password().toCharArray());
                return new RegistrySession(new RegistryAccess(
                        registry.id(), registry.host(), registry.insecure(), credential, registry.credentialsId()));
            }

            @Override
            public KubernetesClient cluster(Cluster cluster) {
                return world.kubernetes.newClient();
            }

            @Override
            public GitAccess gitOps(Environment environment) {
                return new GitAccess(environment.gitOps().repositoryUrl(), new GitCredential.Anonymous(), null);
            }

            @Override
            public String publicKey(String credentialsId) {
                throw new IllegalStateException("the playground configures no signature gate");
            }

            @Override
            public RealmRules realmRules() {
                return RealmRules.JENKINS_DEFAULT;
            }
        };
    }

    /** The configuration an administrator of this team would write; the cluster URLs are never contacted. */
    static EnvironmentsConfiguration configuration(PlaygroundWorld world) {
        List<String> everyApp = APPS.stream().map(app -> app + "/**").toList();
        Cluster devCluster =
                new Cluster("dev-eu", "https://dev-eu.k8s.example.invalid:6443", "dev-eu-token", null, false, 0);
        Cluster prodCluster =
                new Cluster("prod-eu", "https://prod-eu.k8s.example.invalid:6443", "prod-eu-token", null, false, 0);
        Registry builds = new Registry("builds", world.builds.host(), null, true, false);
        Registry releases = new Registry("releases", world.releases.host(), "release-login", true, false);
        Environment dev = new Environment(
                "dev", Tier.DEV, "dev-eu", null, "eu-west", null, null, "platform", null, null, everyApp, null);
        Environment staging = new Environment(
                "staging",
                Tier.STAGING,
                "dev-eu",
                null,
                "eu-west",
                null,
                "dev",
                "platform",
                null,
                null,
                everyApp,
                null);
        Environment prod = new Environment(
                "prod",
                Tier.PROD,
                "prod-eu",
                null,
                "eu-west",
                null,
                "staging",
                "operations",
                null,
                PROD_GATES,
                everyApp,
                new GitOpsTarget(world.gitops.uri().toString(), null, null, "prod/values.yaml", null));
        List<App> apps = new ArrayList<>();
        for (String app : APPS) {
            String releaseRepository = world.releases.host() + "/releases/" + app;
            apps.add(new App(
                    app,
                    world.builds.host() + "/team/" + app,
                    List.of(app + "/**"),
                    List.of(
                            new AppTarget("dev", releaseRepository, null, null, null, null),
                            new AppTarget("staging", releaseRepository, null, null, null, null),
                            new AppTarget("prod", releaseRepository, null, null, valuesFile(app), null))));
        }
        PreviewDefaults previewDefaults = new PreviewDefaults(
                "dev-eu",
                "{app}-pr-{number}",
                "{app}-pr-{number}.preview.example.com",
                Duration.ofHours(72),
                null,
                null,
                WhenFull.QUEUE);
        return new EnvironmentsConfiguration(
                List.of(devCluster, prodCluster),
                List.of(builds, releases),
                List.of(dev, staging, prod),
                previewDefaults,
                apps);
    }

    /** @return a moment a week ago, on the minute: where the story starts */
    static Instant storyStart() {
        return Instant.now()
                .minus(Duration.ofDays(6))
                .minus(Duration.ofHours(4))
                .truncatedTo(ChronoUnit.MINUTES);
    }
}
