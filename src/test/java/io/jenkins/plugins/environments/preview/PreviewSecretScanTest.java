package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret in the chart's own files, or a rendered Secret with data, stops {@code deployPreview} before the cluster
 * is asked anything, and the value is in neither the message nor the build log.
 */
class PreviewSecretScanTest {

    private static final String HEADER =
            "configuration contains secrets; move them to a Kubernetes Secret or Jenkins credentials:\n";
    private static KubernetesCli cli;
    private static DockerRegistry registry;

    @TempDir
    Path dir;

    private MockKubernetesApi api;
    private PreviewFixture fixture;
    private PreviewDeployer deployer;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void tools() throws Exception {
        cli = KubernetesCli.create();
        registry = DockerRegistry.start();
        RegistryImages.push(registry, PreviewFixture.IMAGE_REPOSITORY, "1.0", "one");
    }

    @AfterAll
    static void closeTools() {
        registry.close();
        cli.close();
    }

    @BeforeEach
    void start() throws Exception {
        api = MockKubernetesApi.start();
        fixture = new PreviewFixture(dir, api, registry.host());
        deployer = fixture.deployer(fixture.configuration(0, WhenFull.QUEUE));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String refusal() throws Exception {
        PreviewRequest request = PreviewRequest.builder("shop")
                .image(registry.host() + "/" + PreviewFixture.IMAGE_REPOSITORY + ":1.0")
                .chart("chart")
                .pr("7")
                .helm(cli.helm().toString())
                .waitForReady(false)
                .buildUrl("https://ci.example.com/job/shop/PR-7/1/")
                .job("shop/PR-7")
                .build();
        PreviewException e =
                assertThrows(PreviewException.class, () -> deployer.deploy(request, fixture.tools(), log::add));
        assertEquals(List.of(), api.requests(), "the cluster was asked nothing");
        assertEquals(List.of(), fixture.ledger.events(), "nothing recorded");
        return e.getMessage();
    }

    @Test
    void aPasswordInTheChartsOwnTemplateStopsTheDeploy() throws Exception {
        fixture.write(
                "chart/templates/config.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n"
                        + "data:\n  DATABASE_URL: postgres://shop:Tmpl-Url-Pw1@db:5432/shop\n");

        String message = refusal();

        assertEquals(HEADER + "  chart/templates/config.yaml:6: [url-password] password in a URL", message);
        assertFalse(String.join("\n", log).contains("Tmpl-Url-Pw1"));
    }

    @Test
    void aRenderedSecretWithDataStopsTheDeployWithoutAWaiver() throws Exception {
        Files.delete(fixture.workspace.resolve(".environment-management/secret-scan-waivers.yaml"));

        assertEquals(
                HEADER + "  chart: [secret-object] rendered Secret 'session-key' holds data from the repository "
                        + "(keys note); create it with an ExternalSecret or a SealedSecret instead",
                refusal());
    }
}
