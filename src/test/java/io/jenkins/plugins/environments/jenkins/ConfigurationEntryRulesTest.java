package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Util;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Quota;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mockito.MockedStatic;

/**
 * The configuration entries refuse, where they are built or set, what the form's Save refuses: Configuration as Code
 * builds them through the same data-bound constructors and setters, and checks a file by building its entries before
 * it applies anything. A refusal is the model's, for the attribute as the form and YAML spell it, and its message
 * names the entry and the field; the entry keeps what it had.
 */
class ConfigurationEntryRulesTest {

    private MockedStatic<Util> util;

    @BeforeEach
    void jenkinsUtil() {
        util = EntryFixtures.jenkinsUtil();
    }

    @AfterEach
    void close() {
        util.close();
    }

    @Test
    void aClusterIsRefusedWhenItIsBuiltWithAServerUrlTheModelRefuses() {
        String rule =
                refusal(() -> Cluster.checkServerUrl("ftp://k8s.example.com")).getMessage();

        InvalidConfigurationException refused =
                refusal(() -> new ClusterConfig("dev-eu", "ftp://k8s.example.com", "dev-token"));

        assertEquals("serverUrl", refused.field());
        assertEquals("Cluster 'dev-eu', field serverUrl: " + rule, refused.getMessage());
        assertEquals(
                "Cluster 'dev-eu', field serverUrl: Server URL 'ftp://k8s.example.com' must start with https://, for"
                        + " example 'https://k8s.example.com:6443'",
                refused.getMessage());
    }

    @Test
    void aSetterRefusesAValueAndTheEntryKeepsTheOneItHad() {
        ClusterConfig cluster = new ClusterConfig("dev-eu", "https://k8s.example.com:6443", "dev-token");
        cluster.setMaxConcurrentPreviews(3);

        InvalidConfigurationException refused = refusal(() -> cluster.setMaxConcurrentPreviews(-1));

        assertEquals("maxConcurrentPreviews", refused.field());
        assertEquals(
                "Cluster 'dev-eu', field maxConcurrentPreviews: Max concurrent previews is -1: use 0 for no limit or a"
                        + " positive number",
                refused.getMessage());
        assertEquals(3, cluster.getMaxConcurrentPreviews());
        refusal(() -> cluster.setCaCertificate("not a certificate"));
        assertNull(cluster.getCaCertificate());
    }

    @Test
    void aRegistryTakesOneToSixteenParallelTransfersAndKeepsItsValueWhenRefused() {
        RegistryConfig registry = new RegistryConfig("internal", "registry.example.com");
        assertEquals(6, registry.getMaxParallelTransfers(), "the default");
        registry.setMaxParallelTransfers(16);

        for (int wrong : new int[] {0, 17}) {
            InvalidConfigurationException refused = refusal(() -> registry.setMaxParallelTransfers(wrong));
            assertEquals("maxParallelTransfers", refused.field());
            assertEquals(
                    "Registry 'internal', field maxParallelTransfers: Max parallel transfers is " + wrong
                            + ": use a number from 1 to 16 (6 unless set)",
                    refused.getMessage());
        }
        assertEquals(16, registry.getMaxParallelTransfers());
        assertEquals(16, registry.toModel().maxParallelTransfers());
    }

    @Test
    void aRequiredValueThatTheFileLeavesOutIsRefused() {
        // Configuration as Code passes null for a constructor parameter the YAML does not set.
        InvalidConfigurationException refused = refusal(() -> new RegistryConfig(null, "registry.example.com"));

        assertEquals("id", refused.field());
        assertEquals("Registry, field id: Registry id is required", refused.getMessage());
        assertEquals(
                "Registry 'mirror', field host: Registry host is required",
                refusal(() -> new RegistryConfig("mirror", " ")).getMessage());
    }

    @Test
    void anEnvironmentRefusesAnUnknownTierAndPromotingFromItself() {
        InvalidConfigurationException tier = refusal(() -> new EnvironmentConfig("prod", "production", "prod-eu"));
        assertEquals("tier", tier.field());
        assertEquals(
                "Environment 'prod', field tier: Tier 'production' is not known: use one of local, dev, staging,"
                        + " uat, prod, dr, sandbox, perf",
                tier.getMessage());

        EnvironmentConfig prod = new EnvironmentConfig("prod", "prod", "prod-eu");
        InvalidConfigurationException itself = refusal(() -> prod.setPromotesFrom("prod"));
        assertEquals("promotesFrom", itself.field());
        assertEquals(
                "Environment 'prod', field promotesFrom: Environment 'prod' cannot promote from itself: name the"
                        + " environment its digests come from, or leave it empty",
                itself.getMessage());
        assertNull(prod.getPromotesFrom());
    }

    @Test
    void nestedEntriesRefuseTheirFieldsUnderTheAttributeNameTheFileUses() {
        GatesConfig gates = new GatesConfig();
        InvalidConfigurationException unknown = refusal(() -> gates.setUnknownSeverityAs("unknown"));
        assertEquals("unknownSeverityAs", unknown.field());
        assertEquals(
                "Gates, field unknownSeverityAs: Count as 'unknown' says nothing: choose low, medium, high or"
                        + " critical",
                unknown.getMessage());
        assertNull(gates.getUnknownSeverityAs());

        PreviewDefaultsConfig previews = new PreviewDefaultsConfig("dev-eu");
        InvalidConfigurationException cpu = refusal(() -> previews.setQuotaCpu("lots"));
        assertEquals("quotaCpu", cpu.field(), "the model calls it cpu; the form and the YAML quotaCpu");
        assertEquals(
                "Preview defaults, field quotaCpu: "
                        + refusal(() -> Quota.checkCpu("lots")).getMessage(),
                cpu.getMessage());

        AppTargetConfig target = new AppTargetConfig("staging");
        InvalidConfigurationException tag = refusal(() -> target.setTag("v1 beta"));
        assertEquals("tag", tag.field());
        assertEquals(
                "Target 'staging', field tag: "
                        + refusal(() -> AppTarget.checkTag("v1 beta")).getMessage(),
                tag.getMessage());
        assertNull(target.getTag());

        assertEquals(
                "GitOps target, field repositoryUrl: "
                        + refusal(() -> GitOpsTarget.checkRepositoryUrl("ftp://git.example.com/deploy.git"))
                                .getMessage(),
                refusal(() -> new GitOpsConfig("ftp://git.example.com/deploy.git", "values.yaml"))
                        .getMessage());
    }

    @Test
    void aRuleOverSeveralFieldsOfAnEntryIsCheckedWhenTheEntryIsWhole() {
        // The order in which setters are called is not fixed, so such a rule waits for the whole entry.
        RegistryConfig mirror = new RegistryConfig("mirror", "mirror.example.org");
        mirror.setInsecure(true);
        InvalidConfigurationException insecure = refusal(mirror::toModel);
        assertEquals("insecure", insecure.field());
        assertEquals(
                "Registry 'mirror', field insecure: Registry host 'mirror.example.org' is not a loopback host, so plain"
                        + " HTTP is not allowed: use HTTPS, or also set force insecure if credentials and images may"
                        + " cross the network unprotected",
                insecure.getMessage());
        mirror.setForceInsecure(true);
        assertEquals("mirror.example.org", mirror.toModel().host());

        EnvironmentConfig prod = new EnvironmentConfig("prod", "prod", "prod-eu");
        GitOpsConfig gitOps = new GitOpsConfig("https://git.example.com/deploy.git", "envs/prod/values.yaml");
        gitOps.setImageForm("tag");
        prod.setGitOps(gitOps);
        InvalidConfigurationException form = refusal(prod::toModel);
        assertEquals("imageForm", form.field());
        assertTrue(
                form.getMessage().startsWith("Environment 'prod' › GitOps target, field imageForm: Image form 'tag'"),
                form::getMessage);
    }

    private static InvalidConfigurationException refusal(Executable change) {
        return assertThrows(InvalidConfigurationException.class, change);
    }
}
