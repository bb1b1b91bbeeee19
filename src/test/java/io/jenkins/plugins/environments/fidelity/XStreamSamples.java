package io.jenkins.plugins.environments.fidelity;

import static io.jenkins.plugins.environments.fidelity.XStreamFieldByField.allocate;
import static io.jenkins.plugins.environments.fidelity.XStreamFieldByField.call;
import static io.jenkins.plugins.environments.fidelity.XStreamFieldByField.construct;
import static io.jenkins.plugins.environments.fidelity.XStreamFieldByField.get;
import static io.jenkins.plugins.environments.fidelity.XStreamFieldByField.set;

import io.jenkins.plugins.environments.approval.ApprovalBriefing;
import io.jenkins.plugins.environments.approval.ApprovalOutcome;
import io.jenkins.plugins.environments.approval.ApprovalPolicy;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.approval.ApprovalSettings;
import io.jenkins.plugins.environments.approval.BriefedCommit;
import io.jenkins.plugins.environments.approval.BriefedGate;
import io.jenkins.plugins.environments.approval.Decision;
import io.jenkins.plugins.environments.approval.Maker;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.Reviewer;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.approval.ScanCounts;
import io.jenkins.plugins.environments.jenkins.AppConfig;
import io.jenkins.plugins.environments.jenkins.AppTargetConfig;
import io.jenkins.plugins.environments.jenkins.ApprovalsAction;
import io.jenkins.plugins.environments.jenkins.ClusterConfig;
import io.jenkins.plugins.environments.jenkins.EnvironmentConfig;
import io.jenkins.plugins.environments.jenkins.EnvironmentDashboardView;
import io.jenkins.plugins.environments.jenkins.EnvironmentManagementConfiguration;
import io.jenkins.plugins.environments.jenkins.GatesConfig;
import io.jenkins.plugins.environments.jenkins.GitOpsConfig;
import io.jenkins.plugins.environments.jenkins.PreviewAction;
import io.jenkins.plugins.environments.jenkins.PreviewDefaultsConfig;
import io.jenkins.plugins.environments.jenkins.PromotionAction;
import io.jenkins.plugins.environments.jenkins.RegistryConfig;
import io.jenkins.plugins.environments.model.Gates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the plugin persists with XStream, with every persisted field filled in somewhere, as the plugin's code
 * would leave it: the global configuration (after the page or Configuration as Code set it), the actions a build
 * keeps, the dashboard view. The configuration entries are built field by field (their constructors and setters trim
 * with core's {@code Util}, a stand-in here); the actions through their own constructors and the approval model's
 * real operations. The fixtures in {@code xstream/} are what these objects write today.
 */
final class XStreamSamples {

    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);
    static final Instant OPENED = Instant.parse("2026-11-28T10:00:00Z");

    private XStreamSamples() {}

    /**
     * @return the global configuration as Jenkins creates it before loading: its constructor's initial values (empty
     *     lists), without the constructor itself, which calls {@code load()}
     */
    static EnvironmentManagementConfiguration emptyConfiguration() {
        EnvironmentManagementConfiguration config = allocate(EnvironmentManagementConfiguration.class);
        set(config, "clusters", new ArrayList<>());
        set(config, "registries", new ArrayList<>());
        set(config, "environments", new ArrayList<>());
        set(config, "apps", new ArrayList<>());
        return config;
    }

    /** @return the configuration with every kind of entry, every field of each filled in at least once */
    static EnvironmentManagementConfiguration configuration() {
        EnvironmentManagementConfiguration config = emptyConfiguration();

        ClusterConfig dev = entry(ClusterConfig.class, "id", "dev-eu", "serverUrl", "https://dev.k8s.example.com:6443");
        set(dev, "credentialsId", "dev-eu-token");
        set(dev, "folderCredentials", true);
        set(dev, "maxConcurrentPreviews", 5);
        ClusterConfig prod =
                entry(ClusterConfig.class, "id", "prod-eu", "serverUrl", "https://prod.k8s.example.com:6443");
        set(prod, "credentialsId", "prod-eu-kubeconfig");
        set(
                prod,
                "caCertificate",
                "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2hhcnRz\n-----END CERTIFICATE-----");
        ClusterConfig lab = entry(ClusterConfig.class, "id", "lab", "serverUrl", "https://10.0.0.5:6443");
        set(lab, "credentialsId", "lab-token");
        set(lab, "skipTlsVerify", true);
        set(config, "clusters", new ArrayList<>(List.of(dev, prod, lab)));

        RegistryConfig internal = entry(RegistryConfig.class, "id", "internal", "host", "registry.example.com");
        set(internal, "credentialsId", "registry-push");
        set(internal, "folderCredentials", true);
        set(internal, "maxParallelTransfers", 8);
        RegistryConfig local = entry(RegistryConfig.class, "id", "local", "host", "127.0.0.1:5000");
        set(local, "insecure", true);
        set(local, "maxParallelTransfers", 1);
        RegistryConfig lan = entry(RegistryConfig.class, "id", "lan", "host", "registry.lan:5000");
        set(lan, "insecure", true);
        set(lan, "forceInsecure", true);
        set(lan, "maxParallelTransfers", 4);
        set(config, "registries", new ArrayList<>(List.of(internal, local, lan)));

        EnvironmentConfig staging =
                entry(EnvironmentConfig.class, "name", "staging", "tier", "staging", "cluster", "dev-eu");
        set(staging, "allowedJobs", "payments/**");
        set(staging, "dataPolicy", "masked");
        GitOpsConfig gitOps = entry(
                GitOpsConfig.class,
                "repositoryUrl",
                "https://git.example.com/payments/deploy.git",
                "valuesFile",
                "envs/staging/values.yaml");
        set(gitOps, "credentialsId", "gitops-bot");
        set(gitOps, "folderCredentials", true);
        set(gitOps, "branch", "main");
        set(gitOps, "digestKey", "image.tag");
        set(gitOps, "imageForm", "tag");
        set(gitOps, "renderPath", "charts/payments");
        set(gitOps, "tagAcceptsDigest", true);
        set(staging, "gitOps", gitOps);

        EnvironmentConfig production =
                entry(EnvironmentConfig.class, "name", "prod", "tier", "prod", "cluster", "prod-eu");
        set(production, "promotesFrom", "staging");
        set(production, "namespace", "{app}-production");
        set(production, "region", "eu-west-1");
        set(production, "owner", "payments-team");
        set(production, "costCenter", "cc-1234");
        set(production, "allowedJobs", "payments/*/main\nrelease/**");
        GatesConfig gates = allocate(GatesConfig.class);
        set(gates, "requiredApprovals", 2);
        set(gates, "approvers", "alice, bob\nrelease-managers");
        set(gates, "forbidSelfApproval", true);
        set(gates, "allowAdministrators", true);
        set(gates, "signatureCredentialsId", "cosign-public-key");
        set(gates, "maxScanSeverity", "high");
        set(gates, "changeTicketPattern", "CHG-[0-9]+");
        set(gates, "requireLiveInSource", true);
        set(gates, "unknownSeverityAs", "high");
        set(gates, "secretFindingsAs", "critical");
        set(gates, "scanReportMayOmitDigest", true);
        set(production, "gates", gates);
        set(config, "environments", new ArrayList<>(List.of(staging, production)));

        AppConfig app = entry(AppConfig.class, "name", "payments", "image", "registry.example.com/payments/api");
        set(app, "ownerJobs", "payments/**\nrelease/payments");
        AppTargetConfig toStaging = entry(AppTargetConfig.class, "environment", "staging");
        set(toStaging, "namespace", "payments-staging");
        set(toStaging, "valuesFile", "apps/payments.yaml");
        set(toStaging, "digestKey", "payments.image.digest");
        AppTargetConfig toProd = entry(AppTargetConfig.class, "environment", "prod");
        set(toProd, "repository", "registry.example.com/releases/payments");
        set(toProd, "tag", "live");
        set(app, "targets", new ArrayList<>(List.of(toStaging, toProd)));
        set(config, "apps", new ArrayList<>(List.of(app)));

        PreviewDefaultsConfig previews = entry(PreviewDefaultsConfig.class, "cluster", "dev-eu");
        set(previews, "namespacePattern", "pr-{app}-{number}");
        set(previews, "hostTemplate", "{app}-pr-{number}.preview.acme.io");
        set(previews, "previewDomain", "preview.acme.io");
        set(previews, "ttl", "48h");
        set(previews, "maxTtl", "14d");
        set(previews, "maxTimeout", "30m");
        set(previews, "quotaCpu", "4");
        set(previews, "quotaMemory", "8Gi");
        set(previews, "quotaPods", 30);
        set(previews, "defaultCpuRequest", "100m");
        set(previews, "defaultMemoryRequest", "128Mi");
        set(previews, "defaultCpuLimit", "1");
        set(previews, "defaultMemoryLimit", "1Gi");
        set(previews, "whenFull", "fail");
        set(config, "previews", previews);
        return config;
    }

    /** @return the link to the preview a build deployed */
    static PreviewAction previewAction() {
        return construct(PreviewAction.class, "payments", "42", "https://payments-pr-42.preview.example.com/");
    }

    /** @return the promotions of a build: a GitOps one with its scan report kept, and a rollback by retag */
    static PromotionAction promotionAction() {
        PromotionAction action = new PromotionAction();
        Class<?> entry = PromotionAction.Entry.class;
        call(
                action,
                "add",
                construct(
                        entry,
                        "payments",
                        DIGEST,
                        "staging",
                        "prod",
                        "gitops",
                        "https://git.example.com/payments/deploy/commit/3f2a9c1",
                        false));
        call(
                action,
                "add",
                construct(
                        entry,
                        "payments",
                        OTHER_DIGEST,
                        "prod",
                        "prod",
                        "retag",
                        "registry.example.com/releases/payments:live",
                        true));
        call(action, "keepScan", DIGEST, "trivy.json", "{\"Results\":[]}", "waivers.yaml", "waivers: []\n");
        return action;
    }

    /**
     * @return the approval requests of a build: one approved by two reviewers (one admitted through a group, one an
     *     administrator) and briefed, one rejected, one still pending whose build was stopped
     */
    static ApprovalsAction approvalsAction() {
        RealmRules rules = RealmRules.JENKINS_DEFAULT;
        ApprovalRequest approved = ApprovalRequest.open("payments", DIGEST, policy(), origin(), OPENED);
        approved = taken(approved.approve(
                new Reviewer("frank", List.of("release-managers"), false),
                new Decision("prod", DIGEST, "Looks good", "CHG-1234"),
                rules,
                OPENED.plus(Duration.ofMinutes(5))));
        approved = taken(approved.approve(
                new Reviewer("root", List.of(), true),
                new Decision("prod", DIGEST, null, "CHG-1234"),
                rules,
                OPENED.plus(Duration.ofMinutes(9))));

        ApprovalRequest rejected = ApprovalRequest.open("payments", OTHER_DIGEST, policy(), origin(), OPENED);
        rejected = taken(rejected.reject(
                Reviewer.user("alice"),
                new Decision("prod", OTHER_DIGEST, "Fails the load test", null),
                rules,
                OPENED.plus(Duration.ofMinutes(7))));

        ApprovalRequest pending = ApprovalRequest.open("payments", DIGEST, policy(), origin(), OPENED);

        ApprovalsAction action = new ApprovalsAction();
        Object first = construct(ApprovalsAction.Entry.class, "1", approved, "Promote payments to prod?");
        set(first, "announced", true);
        set(first, "briefing", briefing());
        Object second = construct(ApprovalsAction.Entry.class, "2", rejected, null);
        set(second, "announced", true);
        Object third = construct(ApprovalsAction.Entry.class, "3", pending, "Second attempt");
        set(third, "stopped", true);
        @SuppressWarnings("unchecked")
        List<Object> entries = (List<Object>) get(action, "entries");
        entries.addAll(List.of(first, second, third));
        return action;
    }

    /** @return the policy of a request for prod: two approvals of alice or the release managers, a ticket, 72h */
    private static ApprovalPolicy policy() {
        Gates gates =
                new Gates(2, List.of("alice", "group:release-managers"), true, true, null, null, "CHG-[0-9]+", false);
        return ApprovalPolicy.resolve(
                "prod",
                gates,
                new ApprovalSettings(null, null, null, null, null, null, "72h"),
                RealmRules.JENKINS_DEFAULT);
    }

    /** @return who made the digest: dave started the run, erin wrote the change */
    private static RunOrigin origin() {
        return RunOrigin.of(
                List.of(
                        Maker.user(Maker.Role.STARTED_RUN, "dave"),
                        Maker.of(Maker.Role.AUTHOR, "erin", "erin@example.com", "Erin Example", "commit 3f2a9c1")),
                List.of("The change log of build 41 could not be read"));
    }

    /** @return what a reviewer of the first request was shown, every part filled in */
    static ApprovalBriefing briefing() {
        return ApprovalBriefing.builder(DIGEST, OPENED.plusSeconds(30))
                .replaces(OTHER_DIGEST)
                .replacesProblem("The ledger was read up to line 1200")
                .gate(new BriefedGate("signature", BriefedGate.Verdict.PASS, "signed by cosign-public-key"))
                .gate(new BriefedGate("scan", BriefedGate.Verdict.FAIL, "2 high findings, at most medium allowed"))
                .gatesProblem("The approvals gate is judged when the promotion runs")
                .scan(new ScanCounts("trivy.json", 1, 2, 3, 4, 5, 6))
                .change(new BriefedCommit("3f2a9c1", "erin", "Faster checkout", "payments/main#41"))
                .changesNote("1 more commit not shown")
                .changesProblem("The history before 3f2a9c1 was not fetched")
                .diff("envs/prod/values.yaml", "-digest: " + OTHER_DIGEST + "\n+digest: " + DIGEST + "\n")
                .diffProblem("The overlay was rendered without its secrets")
                .build();
    }

    /** @return the dashboard view as it is kept in {@code config.xml}: its own fields */
    static EnvironmentDashboardView dashboardView() {
        EnvironmentDashboardView view = allocate(EnvironmentDashboardView.class);
        set(view, "appPattern", "payments* shop-*");
        set(view, "environments", "staging prod");
        set(view, "showPreviews", true);
        return view;
    }

    private static ApprovalRequest taken(ApprovalOutcome outcome) {
        if (outcome.isRefused()) {
            throw new IllegalStateException(outcome.refusal().orElseThrow().message());
        }
        return outcome.request();
    }

    /** @return an entry of the configuration with the given fields set, as its constructor would set them */
    private static <T> T entry(Class<T> type, Object... namesAndValues) {
        T entry = allocate(type);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            set(entry, (String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return entry;
    }
}
