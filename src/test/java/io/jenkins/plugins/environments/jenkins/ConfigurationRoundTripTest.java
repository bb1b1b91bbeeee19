package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The configuration survives a submission of the real configuration page (every field bound back by the Jelly views)
 * and a restart of Jenkins (saved and loaded). Catches a misnamed field, getter, setter or view entry, and a missing
 * save or load.
 */
@Tag(LiveJenkinsTag.TAG)
class ConfigurationRoundTripTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void survivesTheConfigurationPageAndARestart() throws Throwable {
        sessions.then(j -> {
            configureEveryField(EnvironmentManagementConfiguration.get());
            EnvironmentsConfiguration before =
                    EnvironmentManagementConfiguration.get().toModel();

            j.configRoundtrip();

            assertEquals(before, EnvironmentManagementConfiguration.get().toModel(), "after the configuration page");
        });
        sessions.then(j -> {
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

    private static void configureEveryField(EnvironmentManagementConfiguration config) {
        ClusterConfig dev = new ClusterConfig("dev-eu", "https://dev.k8s.example.com:6443", "dev-eu-token");
        dev.setMaxConcurrentPreviews(5);
        dev.setFolderCredentials(true);
        ClusterConfig prod = new ClusterConfig("prod-eu", "https://prod.k8s.example.com:6443", "prod-eu-kubeconfig");
        prod.setSkipTlsVerify(false);
        config.setClusters(List.of(dev, prod));

        RegistryConfig registry = new RegistryConfig("internal", "registry.example.com");
        registry.setCredentialsId("registry-push");
        RegistryConfig local = new RegistryConfig("local", "127.0.0.1:5000");
        local.setInsecure(true);
        config.setRegistries(List.of(registry, local));

        EnvironmentConfig staging = new EnvironmentConfig("staging", "staging", "dev-eu");
        staging.setAllowedJobs("payments/**");
        staging.setDataPolicy("masked");
        GitOpsConfig gitOps =
                new GitOpsConfig("https://git.example.com/payments/deploy.git", "envs/staging/values.yaml");
        gitOps.setCredentialsId("gitops-bot");
        gitOps.setBranch("main");
        gitOps.setDigestKey("image.digest");
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
        gates.setAllowAdministrators(false);
        gates.setSignatureCredentialsId("cosign-public-key");
        gates.setMaxScanSeverity("high");
        gates.setChangeTicketPattern("CHG-[0-9]+");
        gates.setRequireLiveInSource(true);
        prodEnvironment.setGates(gates);
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
        previews.setTtl("48h");
        previews.setWhenFull("fail");
        previews.setQuotaCpu("4");
        previews.setQuotaMemory("8Gi");
        previews.setQuotaPods(30);
        config.setPreviews(previews);
    }
}
