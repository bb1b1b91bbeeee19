package io.jenkins.plugins.environments.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesCliTest {

    private static KubernetesCli cli;

    @BeforeAll
    static void locateBinaries() {
        cli = KubernetesCli.create();
    }

    @AfterAll
    static void deleteSandbox() {
        cli.close();
    }

    @Test
    void helmIsVersionFour(@TempDir Path work) {
        IsolatedProcess.Result result = cli.run(List.of(cli.helm().toString(), "version", "--short"), work);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains("v4."), result.output());
    }

    @Test
    void kubectlIsVersionOneThirtyThree(@TempDir Path work) {
        IsolatedProcess.Result result = cli.run(List.of(cli.kubectl().toString(), "version", "--client"), work);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains("v1.33"), result.output());
    }

    @Test
    void helmStateLivesInTheSandboxNotInTheUsersHome(@TempDir Path work) {
        IsolatedProcess.Result result = cli.run(List.of(cli.helm().toString(), "env"), work);
        assertEquals(0, result.exitCode(), result.output());
        String configHome = result.stdout()
                .lines()
                .filter(line -> line.startsWith("HELM_CONFIG_HOME="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no HELM_CONFIG_HOME in " + result.stdout()));
        assertFalse(configHome.contains(System.getProperty("user.home") + "/"), configHome);
        assertTrue(configHome.contains("kubernetes-cli-"), configHome);
    }

    @Test
    void helmTemplateAppliesValuesFileAndSetFlags(@TempDir Path work) throws IOException {
        Path chart = Files.createDirectories(work.resolve("demo/templates"));
        Files.writeString(work.resolve("demo/Chart.yaml"), """
                apiVersion: v2
                name: demo
                version: 0.1.0
                """);
        Files.writeString(work.resolve("demo/values.yaml"), """
                replicas: 1
                image: nginx:1.27
                greeting: hi
                """);
        Files.writeString(chart.resolve("configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                data:
                  replicas: {{ .Values.replicas | quote }}
                  image: {{ .Values.image | quote }}
                  greeting: {{ .Values.greeting | quote }}
                """);
        Files.writeString(work.resolve("preview-values.yaml"), "replicas: 3\n");

        IsolatedProcess.Result result = cli.run(
                List.of(
                        cli.helm().toString(),
                        "template",
                        "preview",
                        "./demo",
                        "-f",
                        "preview-values.yaml",
                        "--set",
                        "greeting=hello-from-set"),
                work);

        assertEquals(0, result.exitCode(), result.output());
        String manifest = result.stdout();
        assertTrue(manifest.contains("name: preview-settings"), manifest);
        assertTrue(manifest.contains("replicas: \"3\""), manifest);
        assertTrue(manifest.contains("greeting: \"hello-from-set\""), manifest);
        assertTrue(manifest.contains("image: \"nginx:1.27\""), manifest);
    }

    @Test
    void kubectlKustomizeRendersAnOverlay(@TempDir Path work) throws IOException {
        Path base = Files.createDirectories(work.resolve("base"));
        Path overlay = Files.createDirectories(work.resolve("overlays/preview"));
        Files.writeString(base.resolve("kustomization.yaml"), """
                resources:
                  - configmap.yaml
                """);
        Files.writeString(base.resolve("configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app-config
                data:
                  mode: base
                """);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources:
                  - ../../base
                namespace: preview-42
                namePrefix: pr-42-
                labels:
                  - pairs:
                      environment: preview
                """);

        IsolatedProcess.Result result =
                cli.run(List.of(cli.kubectl().toString(), "kustomize", "overlays/preview"), work);

        assertEquals(0, result.exitCode(), result.output());
        String manifest = result.stdout();
        assertTrue(manifest.contains("name: pr-42-app-config"), manifest);
        assertTrue(manifest.contains("namespace: preview-42"), manifest);
        assertTrue(manifest.contains("environment: preview"), manifest);
        assertTrue(manifest.contains("mode: base"), manifest);
    }

    @Test
    void cacheRootFollowsTheSystemProperty(@TempDir Path elsewhere) {
        String previous = System.getProperty(KubernetesCli.CACHE_PROPERTY);
        try {
            System.setProperty(KubernetesCli.CACHE_PROPERTY, elsewhere.toString());
            assertEquals(elsewhere.toAbsolutePath(), KubernetesCli.cacheRoot());
        } finally {
            if (previous == null) {
                System.clearProperty(KubernetesCli.CACHE_PROPERTY);
            } else {
                System.setProperty(KubernetesCli.CACHE_PROPERTY, previous);
            }
        }
        assertTrue(cli.helm().startsWith(KubernetesCli.cacheRoot()), cli.helm().toString());
    }
}
