package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md shows exactly the Configuration as Code YAML that {@link ConfigurationAsCodeRoundTripTest}
 * applies, so the documented example is one that is known to load and round-trip.
 */
class ConfigurationDocumentationTest {

    @Test
    void documentationShowsTheYamlTheRoundTripTestApplies() throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("configuration-as-code.yaml")) {
            assertNotNull(in, "configuration-as-code.yaml beside the round-trip test");
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path root = Path.of(System.getProperty("environments.root", System.getProperty("user.dir")));
        String docs = Files.readString(root.resolve("docs/configuration.md"));
        assertTrue(docs.contains("```yaml\n" + yaml), "docs/configuration.md has a yaml block with the test's YAML");
    }
}
