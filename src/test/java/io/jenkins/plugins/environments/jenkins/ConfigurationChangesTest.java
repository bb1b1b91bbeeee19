package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mockStatic;

import hudson.BulkChange;
import hudson.ExtensionList;
import hudson.Util;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * The global configuration keeps changes made through its setters (by the form's Save, Configuration as Code or a
 * script) only when the whole configuration is valid, rules across entries included; otherwise it puts back what it
 * had, and nothing is written. What it reads from disk is kept as it is, valid or not, and what is wrong with it is
 * shown by {@link InvalidConfigurationMonitor}. Without Jenkins: the configuration is made as XStream makes what it
 * reads, without a constructor; Jenkins' bulk change is played by its static {@code contains}.
 */
class ConfigurationChangesTest {

    private MockedStatic<Util> util;
    private MockedStatic<BulkChange> bulkChange;
    private boolean inBulkChange;
    private EnvironmentManagementConfiguration configuration;
    private ClusterConfig devEu;
    private EnvironmentConfig staging;

    @BeforeEach
    void setUp() {
        util = EntryFixtures.jenkinsUtil();
        bulkChange = mockStatic(BulkChange.class);
        bulkChange.when(() -> BulkChange.contains(any())).thenAnswer(call -> inBulkChange);
        devEu = new ClusterConfig("dev-eu", "https://dev.k8s.example.com:6443", "dev-token");
        staging = new EnvironmentConfig("staging", "staging", "dev-eu");
        configuration = EntryFixtures.asRead(
                EnvironmentManagementConfiguration.class,
                Map.of(
                        "clusters", new ArrayList<>(List.of(devEu)),
                        "registries", new ArrayList<>(),
                        "environments", new ArrayList<>(List.of(staging)),
                        "apps", new ArrayList<>(),
                        "savedProblems", List.of()));
        configuration.loaded();
    }

    @AfterEach
    void close() {
        bulkChange.close();
        util.close();
    }

    @Test
    void aBulkChangeThatBreaksARuleAcrossEntriesIsPutBackWhenItIsCommitted() {
        // As Configuration as Code applies a file: every attribute set in one bulk change, then the commit saves.
        inBulkChange = true;
        ClusterConfig prodEu = new ClusterConfig("prod-eu", "https://prod.k8s.example.com:6443", "prod-token");
        configuration.setClusters(List.of(prodEu));
        configuration.setEnvironments(List.of(new EnvironmentConfig("prod", "prod", "nope")));
        inBulkChange = false;

        InvalidConfigurationException refused =
                assertThrows(InvalidConfigurationException.class, configuration::keepChanges);

        assertEquals("environments", refused.field());
        assertEquals(
                "Environment 'prod' uses cluster 'nope', which is not configured: known clusters are prod-eu",
                refused.getMessage());
        assertEquals(List.of(devEu), configuration.getClusters(), "the clusters from before the change");
        assertEquals(List.of(staging), configuration.getEnvironments());
    }

    @Test
    void aBulkChangeThatKeepsEveryRuleIsKept() {
        inBulkChange = true;
        EnvironmentConfig prod = new EnvironmentConfig("prod", "prod", "dev-eu");
        prod.setPromotesFrom("staging");
        configuration.setEnvironments(List.of(staging, prod));
        inBulkChange = false;

        configuration.keepChanges();

        assertEquals(List.of(staging, prod), configuration.getEnvironments());
        assertEquals(List.of(), configuration.problems());
    }

    @Test
    void aSetterCalledOnItsOwnIsRefusedBeforeAnythingIsWritten() {
        // Outside a bulk change a setter saves at once; the check comes first, so Jenkins' save is never reached.
        InvalidConfigurationException refused =
                assertThrows(InvalidConfigurationException.class, () -> configuration.setClusters(List.of()));

        assertEquals(
                "Environment 'staging' uses cluster 'dev-eu', which is not configured: no clusters are configured",
                refused.getMessage());
        assertEquals(List.of(devEu), configuration.getClusters());
    }

    @Test
    void anInvalidSavedConfigurationIsKeptAndTheMonitorNamesTheEntryAndField() {
        ClusterConfig edited = EntryFixtures.asRead(
                ClusterConfig.class,
                Map.of("id", "prod-eu", "serverUrl", "http://prod.k8s.example.com", "credentialsId", "prod-token"));
        EnvironmentManagementConfiguration saved = EntryFixtures.asRead(
                EnvironmentManagementConfiguration.class,
                Map.of(
                        "clusters", new ArrayList<>(List.of(devEu, edited)),
                        "registries", new ArrayList<>(),
                        "environments", new ArrayList<>(List.of(staging)),
                        "apps", new ArrayList<>(),
                        "savedProblems", List.of()));

        saved.loaded();

        assertEquals(List.of(devEu, edited), saved.getClusters(), "read as it is, nothing dropped");
        assertEquals(List.of("Cluster 'prod-eu', field serverUrl"), saved.getSavedProblems());
        InvalidConfigurationMonitor monitor = EntryFixtures.asRead(InvalidConfigurationMonitor.class, Map.of());
        try (MockedStatic<ExtensionList> extensions = mockStatic(ExtensionList.class)) {
            extensions
                    .when(() -> ExtensionList.lookupSingleton(EnvironmentManagementConfiguration.class))
                    .thenReturn(saved);
            assertTrue(monitor.isActivated());
            assertEquals(List.of("Cluster 'prod-eu', field serverUrl"), monitor.getProblems());

            inBulkChange = true;
            saved.setClusters(List.of(devEu));
            inBulkChange = false;
            saved.keepChanges();

            assertFalse(monitor.isActivated(), "a valid configuration replaced the saved one");
        }
    }

    @Test
    void aSavedConfigurationNoCheckForesawIsReportedAndDoesNotStopJenkins() {
        List<ClusterConfig> clusters = new ArrayList<>();
        clusters.add(devEu);
        clusters.add(null); // what XStream reads from an entry written as <null/>
        EnvironmentManagementConfiguration saved = EntryFixtures.asRead(
                EnvironmentManagementConfiguration.class, Map.of("clusters", clusters, "savedProblems", List.of()));

        saved.loaded();

        assertEquals(
                List.of("The saved configuration could not be checked: see the system log"), saved.getSavedProblems());
    }

    @Test
    void aSavedConfigurationThatBreaksARuleAcrossEntriesIsReportedByThatRule() {
        EnvironmentManagementConfiguration saved = EntryFixtures.asRead(
                EnvironmentManagementConfiguration.class,
                Map.of(
                        "clusters", new ArrayList<>(List.of(devEu, devEu)),
                        "environments", new ArrayList<>(List.of(staging)),
                        "savedProblems", List.of()));

        saved.loaded();

        assertEquals(
                List.of("Cluster id 'dev-eu' is used more than once: give each cluster its own id"),
                saved.getSavedProblems());
        assertSame(staging, saved.getEnvironments().get(0));
    }
}
