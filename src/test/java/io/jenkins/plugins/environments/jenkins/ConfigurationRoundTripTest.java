package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The configuration survives a submission of the real configuration page (every field bound back by the Jelly views)
 * and a restart of Jenkins (saved and loaded). Every data-bound property of every entry is set to a value other than its
 * default and compared afterwards, property by property ({@code assertEqualDataBoundBeans}) as well as through the
 * model. Catches a misnamed field, getter, setter or view entry, a field the form leaves out, and a missing save or
 * load.
 */
@Tag(LiveJenkinsTag.TAG)
class ConfigurationRoundTripTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    /** A CA certificate that the PEM check accepts (the one docs/configuration.md shows). */
    private static final String CA_CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBQDCB56ADAgECAggicT/48JJKSTAKBggqhkjOPQQDAzAVMRMwEQYDVQQDEwpl
            eGFtcGxlLWNhMB4XDTI2MTEyODE1MjMwMVoXDTM2MTEyNTE1MjMwMVowFTETMBEG
            A1UEAxMKZXhhbXBsZS1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAGNEJRP
            KW3JPQRnWZtpRtLe2KKc7Yk7U38+nt0tlDRVYLOu0dqxA8BediJOsLO8jbhQHRaH
            w7atoiGBzlF3tEWjITAfMB0GA1UdDgQWBBS0Alai1QjNyWshl3OM+jXwWEa0kzAK
            BggqhkjOPQQDAwNIADBFAiAP5SZbC1doXbbYSnRXRLYmpShuwIcvFvoNvNE+h9+e
            vQIhAK8nUE2k4jAvO+dOBz1MPfapQ5PjU5e8Guc9Fg/A6KE2
            -----END CERTIFICATE-----""";

    /** The entries as first configured; the sessions run in one JVM, so the second compares with these. */
    private List<ClusterConfig> clusters;

    private List<RegistryConfig> registries;
    private List<EnvironmentConfig> environments;
    private List<AppConfig> apps;
    private PreviewDefaultsConfig previews;
    private EnvironmentsConfiguration model;

    @Test
    void survivesTheConfigurationPageAndARestart() throws Throwable {
        sessions.then(j -> {
            EnvironmentManagementConfiguration config = EnvironmentManagementConfiguration.get();
            configureEveryField(config);
            clusters = config.getClusters();
            registries = config.getRegistries();
            environments = config.getEnvironments();
            apps = config.getApps();
            previews = config.getPreviews();
            model = config.toModel();

            j.configRoundtrip();

            assertEveryFieldKept(j, "after the configuration page");
        });
        sessions.then(j -> {
            assertEveryFieldKept(j, "after a restart");
            EnvironmentsConfiguration after =
                    EnvironmentManagementConfiguration.get().toModel();
            assertEquals(2, after.environments().size(), "after a restart");
            assertEquals("prod-eu", after.environment("prod").orElseThrow().cluster());
            assertEquals(2, after.environment("prod").orElseThrow().gates().requiredApprovals());
            assertEquals(
                    "live",
                    after.app("payments")
                            .orElseThrow()
                            .target("prod")
                            .orElseThrow()
                            .tag());
        });
    }

    private void assertEveryFieldKept(JenkinsRule j, String when) throws Exception {
        EnvironmentManagementConfiguration config = EnvironmentManagementConfiguration.get();
        assertEquals(model, config.toModel(), when);
        j.assertEqualDataBoundBeans(clusters, config.getClusters());
        j.assertEqualDataBoundBeans(registries, config.getRegistries());
        j.assertEqualDataBoundBeans(environments, config.getEnvironments());
        j.assertEqualDataBoundBeans(apps, config.getApps());
        j.assertEqualDataBoundBeans(previews, config.getPreviews());
    }

    private static void configureEveryField(EnvironmentManagementConfiguration config) {
        ClusterConfig dev = new ClusterConfig("dev-eu", "https://dev.k8s.example.com:6443", "dev-eu-token");
        dev.setMaxConcurrentPreviews(5);
        dev.setFolderCredentials(true);
        dev.setSkipTlsVerify(true);
        ClusterConfig prod = new ClusterConfig("prod-eu", "https://prod.k8s.example.com:6443", "prod-eu-kubeconfig");
        prod.setSkipTlsVerify(false);
        prod.setCaCertificate(CA_CERTIFICATE);
        config.setClusters(List.of(dev, prod));

        RegistryConfig registry = new RegistryConfig("internal", "registry.example.com");
        registry.setCredentialsId("registry-push");
        RegistryConfig local = new RegistryConfig("local", "127.0.0.1:5000");
        local.setInsecure(true);
        local.setForceInsecure(true);
        local.setFolderCredentials(true);
        config.setRegistries(List.of(registry, local));

        EnvironmentConfig staging = new EnvironmentConfig("staging", "staging", "dev-eu");
        staging.setAllowedJobs("payments/**");
        staging.setDataPolicy("masked");
        GitOpsConfig gitOps =
                new GitOpsConfig("https://git.example.com/payments/deploy.git", "envs/staging/values.yaml");
        gitOps.setCredentialsId("gitops-bot");
        gitOps.setBranch("main");
        gitOps.setDigestKey("api.image");
        gitOps.setImageForm("image");
        gitOps.setRenderPath("charts/payments");
        gitOps.setFolderCredentials(true);
        staging.setGitOps(gitOps);

        EnvironmentConfig prodEnvironment = new EnvironmentConfig("prod", "prod", "prod-eu");
        prodEnvironment.setPromotesFrom("staging");
        prodEnvironment.setNamespace("{app}-production");
        prodEnvironment.setRegion("eu-west-1");
        prodEnvironment.setOwner("payments-team");
        prodEnvironment.setCostCenter("cc-1234");
        prodEnvironment.setAllowedJobs("payments/*/main\nrelease/**");
        GatesConfig gates = new GatesConfig();
        gates.setRequiredApprovals(2);
        gates.setApprovers("alice, bob\nrelease-managers");
        gates.setAllowAdministrators(true);
        gates.setForbidSelfApproval(false);
        gates.setUnknownSeverityAs("medium");
        gates.setSecretFindingsAs("high");
        gates.setScanReportMayOmitDigest(true);
        gates.setSignatureCredentialsId("cosign-public-key");
        gates.setMaxScanSeverity("high");
        gates.setChangeTicketPattern("CHG-[0-9]+");
        gates.setRequireLiveInSource(true);
        prodEnvironment.setGates(gates);
        GitOpsConfig prodGitOps =
                new GitOpsConfig("https://git.example.com/payments/deploy.git", "envs/prod/values.yaml");
        prodGitOps.setImageForm("tag");
        prodGitOps.setTagAcceptsDigest(true);
        prodGitOps.setBranch("release");
        prodEnvironment.setGitOps(prodGitOps);
        config.setEnvironments(List.of(staging, prodEnvironment));

        AppConfig app = new AppConfig("payments", "registry.example.com/payments/api");
        app.setOwnerJobs("payments/**\nrelease/payments");
        AppTargetConfig stagingTarget = new AppTargetConfig("staging");
        stagingTarget.setNamespace("payments-staging");
        stagingTarget.setValuesFile("apps/payments.yaml");
        stagingTarget.setDigestKey("payments.image.digest");
        AppTargetConfig prodTarget = new AppTargetConfig("prod");
        prodTarget.setRepository("registry.example.com/releases/payments");
        prodTarget.setTag("live");
        app.setTargets(List.of(stagingTarget, prodTarget));
        config.setApps(List.of(app));

        PreviewDefaultsConfig previews = new PreviewDefaultsConfig("dev-eu");
        previews.setNamespacePattern("pr-{number}-{app}");
        previews.setHostTemplate("pr-{number}-{app}.preview.example.org");
        previews.setPreviewDomain("preview.example.org");
        previews.setMaxTtl("14d");
        previews.setMaxTimeout("1h");
        previews.setDefaultCpuRequest("250m");
        previews.setDefaultMemoryRequest("256Mi");
        previews.setDefaultCpuLimit("1");
        previews.setDefaultMemoryLimit("1Gi");
        previews.setTtl("48h");
        previews.setWhenFull("fail");
        previews.setQuotaCpu("4");
        previews.setQuotaMemory("8Gi");
        previews.setQuotaPods(30);
        config.setPreviews(previews);
    }
}
