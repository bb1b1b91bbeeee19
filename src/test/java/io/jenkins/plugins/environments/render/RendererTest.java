package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.KubernetesCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {

    private static KubernetesCli cli;

    @TempDir
    Path root;

    @TempDir
    Path home;

    private Renderer renderer;

    @BeforeAll
    static void tools() {
        cli = KubernetesCli.create();
    }

    @AfterAll
    static void close() {
        cli.close();
    }

    @BeforeEach
    void setUp() {
        Map<String, String> env = Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(),
                "KUBECACHEDIR", home.resolve("kube").toString(),
                "KUBECONFIG", home.resolve("kubeconfig").toString());
        renderer = new Renderer(new ProcessCommandRunner(), new LocalWorkspace(root), env, Duration.ofMinutes(1));
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void chart() throws IOException {
        write("chart/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
        write(
                "chart/values.yaml",
                "replicas: 1\ncolor: base\ngreeting: base\nimage: registry.example.com/team/app:1\n");
        write("chart/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                  namespace: {{ .Release.Namespace }}
                  annotations:
                    color: {{ .Values.color | quote }}
                    greeting: {{ .Values.greeting | quote }}
                spec:
                  replicas: {{ .Values.replicas }}
                  selector:
                    matchLabels: {app: demo}
                  template:
                    metadata:
                      labels: {app: demo}
                    spec:
                      containers:
                        - name: app
                          image: {{ .Values.image | quote }}
                """);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void chartWithLayersAndSetString() throws IOException {
        chart();
        write("values/one.yaml", "replicas: 2\ncolor: one\ngreeting: one\n");
        write("values/two.yaml", "color: two\ngreeting: two\n");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("greeting", "a,b=c\\d");
        RenderedManifests out = renderer.render(RenderRequest.chart(
                "chart",
                "shop",
                "pr-7",
                List.of("values/one.yaml", "values/two.yaml"),
                Map.of(),
                set,
                Map.of(),
                cli.helm().toString()));
        Map<String, Object> deployment = out.find("Deployment", "shop");
        Map<String, Object> metadata = map(deployment.get("metadata"));
        assertEquals("pr-7", metadata.get("namespace"));
        assertEquals("two", map(metadata.get("annotations")).get("color"), "later layer wins");
        assertEquals("a,b=c\\d", map(metadata.get("annotations")).get("greeting"), "setString wins, kept literal");
        assertEquals(2, map(deployment.get("spec")).get("replicas"), "first layer still applies");
        assertEquals("apps/v1", RenderedManifests.apiVersion(deployment));
    }

    @Test
    void helmErrorShowsStderr() throws IOException {
        chart();
        write("chart/templates/broken.yaml", "kind: {{ .Values.nope.deeper }}\n");
        RenderException e = assertThrows(
                RenderException.class,
                () -> renderer.render(RenderRequest.chart(
                        "chart", "shop", "ns", List.of(), Map.of(), cli.helm().toString())));
        assertTrue(e.getMessage().startsWith("helm template failed with exit code 1: "), e.getMessage());
        assertTrue(e.getMessage().contains("nil pointer evaluating"), e.getMessage());
        assertTrue(!e.getMessage().contains("HOME="), e.getMessage());
    }

    @Test
    void kustomizeOverlay() throws IOException {
        write("base/kustomization.yaml", "resources:\n- deployment.yaml\n");
        write("base/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: registry.example.com/team/app:1
                """);
        write(
                "overlays/staging/kustomization.yaml",
                "resources:\n- ../../base\nnamePrefix: staging-\nnamespace: staging\n");
        RenderedManifests out = renderer.render(RenderRequest.kustomize(
                "overlays/staging", "web", "staging", cli.kubectl().toString()));
        assertEquals(1, out.size());
        Map<String, Object> d = out.get(0);
        assertEquals("staging-web", RenderedManifests.name(d));
        assertEquals("staging", map(d.get("metadata")).get("namespace"));
    }

    @Test
    void manifestFolderInOrder() throws IOException {
        write(
                "deploy/b.yml",
                "apiVersion: v1\nkind: Service\nmetadata: {name: b1}\n---\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b2}\n");
        write("deploy/a.yaml", "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a1}\n");
        write("deploy/notes.txt", "kind: Ignored\n");
        RenderedManifests out = renderer.render(RenderRequest.manifests("deploy", "x", "ns"));
        assertEquals(
                List.of("a1", "b1", "b2"),
                out.documents().stream().map(RenderedManifests::name).toList());
        assertEquals("ConfigMap", RenderedManifests.kind(out.get(0)));
    }

    @Test
    void unsafeYamlTagsAreRefused() throws IOException {
        write("deploy/a.yaml", "kind: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
        RenderException e = assertThrows(
                RenderException.class, () -> renderer.render(RenderRequest.manifests("deploy", "x", "ns")));
        assertTrue(e.getMessage().startsWith("deploy/a.yaml: not valid YAML"), e.getMessage());
    }
}
