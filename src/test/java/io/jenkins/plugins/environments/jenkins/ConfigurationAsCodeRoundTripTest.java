package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Registry;
import org.junit.jupiter.api.Tag;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Configuration as Code round trip of {@code configuration-as-code.yaml} beside this class, the YAML that
 * docs/configuration.md shows: applied, checked, reapplied through the UI, exported, Jenkins restarted, checked again
 * (the harness does the steps, this class the checks).
 */
@Tag(LiveJenkinsTag.TAG)
class ConfigurationAsCodeRoundTripTest extends AbstractRoundTripTest {

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        EnvironmentsConfiguration config =
                EnvironmentManagementConfiguration.get().toModel();
        assertTrue(
                config.validate().errors().isEmpty(),
                () -> config.validate().errors().toString());
        assertEquals(2, config.clusters().size());
        assertEquals(2, config.registries().size());
        assertEquals(8, config.registry("internal").orElseThrow().maxParallelTransfers());
        assertEquals(
                Registry.DEFAULT_PARALLEL_TRANSFERS,
                config.registry("local").orElseThrow().maxParallelTransfers(),
                "the default");
        Environment prod = config.environment("prod").orElseThrow();
        assertEquals("staging", prod.promotesFrom());
        assertEquals(2, prod.gates().requiredApprovals());
        assertEquals("CHG-[0-9]+", prod.gates().changeTicketPattern());
        assertTrue(prod.permitsJob("payments/api/main"), "prod allows the payments pipelines");
        assertEquals("dev-eu", config.previewDefaults().cluster());
        App app = config.app("payments-api").orElseThrow();
        assertTrue(app.ownedBy("payments/api/main"), "the app's owner jobs");
        assertEquals(
                "registry.example.org/releases/payments-api",
                app.target("prod").orElseThrow().repositoryOr(app.image()));
        assertEquals(
                "payments-staging",
                app.namespaceIn(config.environment("staging").orElseThrow()));
    }

    @Override
    protected String stringInLogExpected() {
        // JCasC logs "Setting <target>.<attribute> = <value>" at FINE for every attribute it sets.
        return ".promotesFrom = staging";
    }
}
