package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.ExtensionList;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfiguratorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Configuration as Code refuses a file with a value the configuration page refuses, names the field, and leaves the
 * running configuration as it was, in memory and on disk; a configuration file edited by hand is loaded as it is and
 * reported by {@link InvalidConfigurationMonitor}. Each test starts from the documented YAML
 * ({@code configuration-as-code.yaml}).
 */
@WithJenkins
@Tag(LiveJenkinsTag.TAG)
class ConfigurationAsCodeRefusalTest {

    private static final String SERVER_URL = "https://dev-eu.k8s.example.org:6443";

    @Test
    void aValueTheFieldRefusesFailsTheFileBeforeAnythingIsApplied(JenkinsRule j) throws Exception {
        apply("configuration-as-code.yaml");
        String saved = savedFile();

        ConfiguratorException refused =
                assertThrows(ConfiguratorException.class, () -> apply("refused-server-url.yaml"));

        String messages = messages(refused);
        assertTrue(messages.contains("environmentManagement"), messages);
        assertTrue(
                messages.contains("Cluster 'dev-eu', field serverUrl: Server URL 'ftp://dev-eu.k8s.example.org'"),
                messages);
        assertEquals(SERVER_URL, devEu().getServerUrl());
        assertEquals(2, EnvironmentManagementConfiguration.get().getClusters().size());
        assertEquals(saved, savedFile(), "nothing written");
    }

    @Test
    void aReferenceToAnEntryThatIsNotConfiguredFailsTheFileAndIsPutBack(JenkinsRule j) throws Exception {
        apply("configuration-as-code.yaml");
        String saved = savedFile();
        List<EnvironmentConfig> environments =
                EnvironmentManagementConfiguration.get().getEnvironments();

        ConfiguratorException refused =
                assertThrows(ConfiguratorException.class, () -> apply("refused-cluster-reference.yaml"));

        String messages = messages(refused);
        assertTrue(messages.contains("environmentManagement"), messages);
        assertTrue(
                messages.contains("Environment 'dev' uses cluster 'nowhere', which is not configured: known clusters"
                        + " are dev-eu, prod-eu"),
                messages);
        assertEquals(environments, EnvironmentManagementConfiguration.get().getEnvironments());
        assertEquals(saved, savedFile(), "nothing written");
    }

    @Test
    void aConfigurationFileEditedByHandIsLoadedAsItIsAndReported(JenkinsRule j) throws Exception {
        apply("configuration-as-code.yaml");
        InvalidConfigurationMonitor monitor = ExtensionList.lookupSingleton(InvalidConfigurationMonitor.class);
        assertFalse(monitor.isActivated());
        Path file = configurationFile();
        Files.writeString(file, Files.readString(file).replace(SERVER_URL, "http://dev-eu.k8s.example.org"));

        EnvironmentManagementConfiguration.get().load();

        assertEquals("http://dev-eu.k8s.example.org", devEu().getServerUrl(), "kept, not dropped");
        assertTrue(monitor.isActivated());
        assertEquals(List.of("Cluster 'dev-eu', field serverUrl"), monitor.getProblems());
    }

    private void apply(String resource) throws Exception {
        ConfigurationAsCode.get()
                .configure(Path.of(getClass().getResource(resource).toURI()).toString());
    }

    private static ClusterConfig devEu() {
        return EnvironmentManagementConfiguration.get().getClusters().stream()
                .filter(c -> c.getId().equals("dev-eu"))
                .findFirst()
                .orElseThrow();
    }

    private static Path configurationFile() {
        return Jenkins.get().getRootDir().toPath().resolve("environment-management.xml");
    }

    private static String savedFile() throws Exception {
        return Files.readString(configurationFile(), StandardCharsets.UTF_8);
    }

    /** The messages of the exception and its causes: Configuration as Code wraps the entry's refusal. */
    private static String messages(Throwable thrown) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }
}
