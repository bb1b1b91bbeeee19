package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.ClusterTest.cluster;
import static io.jenkins.plugins.environments.model.EnvironmentTest.environment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentsConfigurationTest {

    private static final Registry GHCR = new Registry("ghcr", "ghcr.io", "ghcr-push", false, false);
    private static final PreviewDefaults PREVIEWS =
            new PreviewDefaults("dev", null, "pr-{number}.previews.acme.dev", null, null, null, null);

    private static Environment dev = environment("dev", Tier.DEV, "dev", null);
    private static Environment staging = environment("staging", Tier.STAGING, "dev", "dev");
    private static Environment prod = environment("prod", Tier.PROD, "prod", "staging");

    private static EnvironmentsConfiguration withEnvironments(Environment... environments) {
        return new EnvironmentsConfiguration(
                List.of(cluster("dev"), cluster("prod")), List.of(GHCR), List.of(environments), PREVIEWS);
    }

    private static Arguments invalid(String rule, EnvironmentsConfiguration configuration, String... errors) {
        return Arguments.argumentSet(rule, configuration, List.of(errors));
    }

    static Stream<Arguments> invalidConfigurations() {
        String cycle = "Environments promote from each other in a circle: ";
        String breakIt = "; change promotesFrom of one of them";
        return Stream.of(
                invalid(
                        "clusterIdsMustBeUnique",
                        new EnvironmentsConfiguration(List.of(cluster("dev"), cluster("dev")), null, null, null),
                        "Cluster id 'dev' is used more than once: give each cluster its own id"),
                invalid(
                        "registryIdsMustBeUnique",
                        new EnvironmentsConfiguration(null, List.of(GHCR, GHCR), null, null),
                        "Registry id 'ghcr' is used more than once: give each registry its own id"),
                invalid(
                        "environmentNamesMustBeUnique",
                        withEnvironments(dev, staging, environment("dev", Tier.LOCAL, "dev", null)),
                        "Environment name 'dev' is used more than once: give each environment its own name"),
                invalid(
                        "environmentClusterMustExist",
                        withEnvironments(dev, environment("qa", Tier.UAT, "dev2", null)),
                        "Environment 'qa' uses cluster 'dev2', which is not configured: known clusters are dev, prod"),
                invalid(
                        "environmentClusterMustExist: none configured",
                        new EnvironmentsConfiguration(null, null, List.of(dev), null),
                        "Environment 'dev' uses cluster 'dev', which is not configured: no clusters are configured"),
                invalid(
                        "previewClusterMustExist",
                        new EnvironmentsConfiguration(
                                List.of(cluster("dev")),
                                null,
                                null,
                                new PreviewDefaults(
                                        "previews", null, "pr-{number}.previews.acme.dev", null, null, null, null)),
                        "Preview defaults use cluster 'previews', which is not configured: known clusters are dev"),
                invalid(
                        "promotesFromMustExist",
                        withEnvironments(dev, staging, environment("prod", Tier.PROD, "prod", "stagin")),
                        "Environment 'prod' promotes from 'stagin', which is not configured: known environments are"
                                + " dev, staging, prod"),
                invalid(
                        "promotionMustNotCycle: 2 environments",
                        withEnvironments(
                                environment("dev", Tier.DEV, "dev", "staging"),
                                environment("staging", Tier.STAGING, "dev", "dev")),
                        cycle + "dev → staging → dev" + breakIt),
                invalid(
                        "promotionMustNotCycle: 3 environments",
                        withEnvironments(
                                environment("prod", Tier.PROD, "prod", "staging"),
                                environment("dev", Tier.DEV, "dev", "prod"),
                                environment("staging", Tier.STAGING, "dev", "dev")),
                        cycle + "prod → dev → staging → prod" + breakIt),
                invalid(
                        "promotionMustNotCycle: each cycle once, with a tail",
                        withEnvironments(
                                environment("qa", Tier.UAT, "dev", "a"),
                                environment("a", Tier.DEV, "dev", "b"),
                                environment("b", Tier.DEV, "dev", "a"),
                                environment("x", Tier.DEV, "dev", "y"),
                                environment("y", Tier.DEV, "dev", "x")),
                        cycle + "a → b → a" + breakIt,
                        cycle + "x → y → x" + breakIt),
                invalid(
                        "allRulesAreReportedTogether",
                        new EnvironmentsConfiguration(
                                List.of(cluster("dev"), cluster("dev")),
                                List.of(),
                                List.of(environment("dev", Tier.DEV, "gone", "nowhere")),
                                null),
                        "Cluster id 'dev' is used more than once: give each cluster its own id",
                        "Environment 'dev' uses cluster 'gone', which is not configured: known clusters are dev",
                        "Environment 'dev' promotes from 'nowhere', which is not configured: known environments are"
                                + " dev"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigurations")
    void reportsEveryBrokenRuleWithExactMessage(EnvironmentsConfiguration configuration, List<String> errors) {
        ValidationReport report = configuration.validate();
        assertEquals(errors, report.errors());
        assertFalse(report.isValid());
    }

    @Test
    void validConfigurationHasNoErrorOrWarning() {
        ValidationReport report = withEnvironments(dev, staging, prod).validate();
        assertEquals(new ValidationReport(List.of(), List.of()), report);
        assertTrue(report.isValid());
    }

    @Test
    void emptyConfigurationIsValid() {
        assertTrue(
                new EnvironmentsConfiguration(null, null, null, null).validate().isValid());
    }

    @Test
    void productionWithoutGatesIsAWarningNotAnError() {
        Environment ungated = new Environment(
                "prod", Tier.PROD, "prod", null, null, null, "staging", null, null, null, List.of("apps/**"), null);
        ValidationReport report = withEnvironments(dev, staging, ungated).validate();
        assertTrue(report.isValid());
        assertEquals(
                List.of("Environment 'prod' is production-like (prod) but has no gates: any allowed job can promote"
                        + " any digest to it; require approvals, a signature or a scan"),
                report.warnings());
    }

    @Test
    void entriesOwnWarningsAreCollectedInOrder() {
        EnvironmentsConfiguration configuration = new EnvironmentsConfiguration(
                List.of(new Cluster("scratch", "https://k8s.example.com", "token", null, true, 0)),
                List.of(new Registry("lan", "registry.example.com", null, true, true)),
                List.of(environment("dev", Tier.DEV, "scratch", null)),
                new PreviewDefaults("scratch", null, null, null, null, null, null));
        ValidationReport report = configuration.validate();
        assertTrue(report.isValid());
        assertEquals(3, report.warnings().size());
        assertTrue(report.warnings().get(0).startsWith("Cluster 'scratch' skips TLS verification"));
        assertTrue(report.warnings().get(1).startsWith("Registry 'lan' uses plain HTTP"));
        assertTrue(report.warnings().get(2).startsWith("Preview host template"));
    }

    @Test
    void lookupsFindConfiguredEntries() {
        EnvironmentsConfiguration configuration = withEnvironments(dev, staging, prod);
        assertEquals("prod", configuration.cluster("prod").orElseThrow().id());
        assertTrue(configuration.cluster("nope").isEmpty());
        assertEquals(GHCR, configuration.registry("ghcr").orElseThrow());
        assertEquals(staging, configuration.environment("staging").orElseThrow());
        assertTrue(configuration.environment("qa").isEmpty());
        assertTrue(configuration.environment(null).isEmpty());
    }

    @Test
    void promotionChainRunsFromTheFirstSourceToTheEnvironment() {
        EnvironmentsConfiguration configuration = withEnvironments(prod, dev, staging);
        assertEquals(List.of(dev, staging, prod), configuration.promotionChain("prod"));
        assertEquals(List.of(dev), configuration.promotionChain("dev"));
        assertEquals(List.of(), configuration.promotionChain("qa"));
    }

    @Test
    void promotionChainStopsAtADanglingSourceOrACycle() {
        Environment orphan = environment("prod", Tier.PROD, "prod", "missing");
        assertEquals(List.of(orphan), withEnvironments(orphan).promotionChain("prod"));
        Environment a = environment("a", Tier.DEV, "dev", "b");
        Environment b = environment("b", Tier.DEV, "dev", "a");
        assertEquals(List.of(b, a), withEnvironments(a, b).promotionChain("a"));
    }

    @Test
    void listsAreCopiedAndNullMeansEmpty() {
        EnvironmentsConfiguration configuration = new EnvironmentsConfiguration(null, null, null, null);
        assertEquals(List.of(), configuration.clusters());
        assertEquals(List.of(), configuration.registries());
        assertEquals(List.of(), configuration.environments());
    }
}
