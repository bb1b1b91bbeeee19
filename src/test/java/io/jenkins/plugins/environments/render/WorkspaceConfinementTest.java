package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.preview.PreviewException;
import io.jenkins.plugins.environments.preview.PreviewFixture;
import io.jenkins.plugins.environments.preview.PreviewRequest;
import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.testing.IsolatedProcess;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workspace confinement: a render reads nothing from outside the workspace and fetches nothing. Every refusal is
 * asserted by its exact message and by the absence of any started process (a {@link Recorder} that records every
 * command and starts nothing); the positive controls run the real helm and kubectl and compare with the same tool
 * run directly on the same files.
 */
class WorkspaceConfinementTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: registry.example.com/team/web:1
            """;

    private static KubernetesCli cli;

    @TempDir
    Path root;

    @TempDir
    Path outside;

    @TempDir
    Path home;

    private Map<String, String> env;

    @BeforeAll
    static void tools() {
        cli = KubernetesCli.create();
    }

    @AfterAll
    static void close() {
        cli.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        env = Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(),
                "KUBECACHEDIR", home.resolve("kube").toString(),
                "KUBECONFIG", home.resolve("kubeconfig").toString());
        Files.writeString(outside.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata: {name: stolen}\n");
        Files.writeString(outside.resolve("token.txt"), "outside-token\n");
        Files.writeString(outside.resolve("kustomization.yaml"), "resources:\n- secret.yaml\n");
    }

    /** Records every command with its environment; runs it only when given a real runner. */
    private static final class Recorder implements CommandRunner {
        final List<List<String>> calls = new ArrayList<>();
        final List<Map<String, String>> environments = new ArrayList<>();
        private final CommandRunner delegate;

        Recorder(CommandRunner delegate) {
            this.delegate = delegate;
        }

        @Override
        public Result run(List<String> command, Map<String, String> environment, String dir, Duration timeout) {
            calls.add(List.copyOf(command));
            environments.add(Map.copyOf(environment));
            return delegate == null ? new Result(0, "", "") : delegate.run(command, environment, dir, timeout);
        }
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void link(String relative, Path target) throws IOException {
        Path link = root.resolve(relative);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }

    private void chart(String folder, String name) throws IOException {
        write(folder + "/Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
        write(folder + "/templates/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Chart.Name }}-{{ .Release.Name }}
                data:
                  file: {{ .Files.Get "files/config.txt" | quote }}
                """);
        write(folder + "/files/config.txt", "from " + name + "\n");
    }

    private RenderRequest chartRequest(String chart, List<String> values) {
        return RenderRequest.chart(
                chart, "shop", "pr-1", values, Map.of(), cli.helm().toString());
    }

    private RenderRequest overlay(String folder) {
        return RenderRequest.kustomize(folder, "web", "pr-1", cli.kubectl().toString());
    }

    /** Asserts the exact message and that no process was started. */
    private void refused(RenderRequest request, String message) {
        Recorder recorder = new Recorder(null);
        Renderer renderer = new Renderer(recorder, new LocalWorkspace(root), env, Duration.ofMinutes(1));
        Executable render = () -> renderer.render(request);
        RenderException e = assertThrows(RenderException.class, render);
        assertEquals(message, e.getMessage());
        assertEquals(List.of(), recorder.calls, "no process started");
    }

    private List<Map<String, Object>> direct(List<String> command) {
        IsolatedProcess.Result result = cli.run(command, root);
        assertEquals(0, result.exitCode(), result.output());
        return RenderedManifests.parse(result.stdout(), String.join(" ", command));
    }

    private RenderedManifests render(Recorder recorder, RenderRequest request) {
        return new Renderer(recorder, new LocalWorkspace(root), env, Duration.ofMinutes(1)).render(request);
    }

    // --- charts -------------------------------------------------------------------------------------------------

    @Test
    void symlinkedTemplateOutsideIsRefused() throws IOException {
        chart("chart", "demo");
        link("chart/templates/secret.yaml", outside.resolve("secret.yaml"));
        refused(
                chartRequest("chart", List.of()),
                "chart chart: symbolic link chart/templates/secret.yaml leads outside the workspace");
    }

    @Test
    void symlinkedFileReadByFilesGetIsRefusedThoughHelmAloneWouldReadIt() throws IOException {
        chart("chart", "demo");
        Files.delete(root.resolve("chart/files/config.txt"));
        link("chart/files/config.txt", outside.resolve("token.txt"));
        // the hole this closes: helm by itself follows the link and puts the outside file into the object
        List<Map<String, Object>> leaked = direct(List.of(
                cli.helm().toString(), "template", "shop", root.resolve("chart").toString()));
        assertEquals("outside-token\n", ((Map<?, ?>) leaked.get(0).get("data")).get("file"));
        refused(
                chartRequest("chart", List.of()),
                "chart chart: symbolic link chart/files/config.txt leads outside the workspace");
    }

    @Test
    void symlinkedFilesFolderOutsideIsRefused() throws IOException {
        chart("chart", "demo");
        Files.delete(root.resolve("chart/files/config.txt"));
        Files.delete(root.resolve("chart/files"));
        Files.copy(outside.resolve("token.txt"), outside.resolve("config.txt"));
        link("chart/files", outside);
        refused(chartRequest("chart", List.of()), "chart chart: symbolic link chart/files leads outside the workspace");
    }

    @Test
    void symlinkDeepInTheChartIsFound() throws IOException {
        chart("chart", "demo");
        link("chart/templates/a/b/c/d/secret.yaml", outside.resolve("secret.yaml"));
        refused(
                chartRequest("chart", List.of()),
                "chart chart: symbolic link chart/templates/a/b/c/d/secret.yaml leads outside the workspace");
    }

    @Test
    void linkToALinkThatLeavesIsRefused() throws IOException {
        chart("chart", "demo");
        link("hop.yaml", outside.resolve("secret.yaml"));
        link("chart/templates/hop.yaml", Path.of("../../hop.yaml"));
        refused(
                chartRequest("chart", List.of()),
                "chart chart: symbolic link chart/templates/hop.yaml leads outside the workspace");
    }

    @Test
    void brokenLinkIsRefused() throws IOException {
        chart("chart", "demo");
        link("chart/templates/gone.yaml", outside.resolve("gone.yaml"));
        refused(chartRequest("chart", List.of()), "chart chart: symbolic link chart/templates/gone.yaml leads nowhere");
    }

    @Test
    void chartThroughASymlinkedFolderIsRefused() throws IOException {
        Files.createDirectories(outside.resolve("demo/templates"));
        Files.writeString(outside.resolve("demo/Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
        link("charts", outside);
        refused(
                chartRequest("charts/demo", List.of()),
                "path leaves the workspace through a symbolic link: charts/demo");
    }

    @Test
    void chartFolderThatIsALinkOutsideIsRefused() throws IOException {
        Files.writeString(outside.resolve("Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
        link("chart", outside);
        refused(chartRequest("chart", List.of()), "path leaves the workspace through a symbolic link: chart");
    }

    @Test
    void symbolicLinkLoopEndsAtTheDepthBound() throws IOException {
        chart("chart", "demo");
        link("chart/templates/loop", Path.of(".."));
        // chart/templates/loop is chart again: depth 1 templates, 2 loop, 3 templates … 32 loop, then 33 files
        // (listed before templates) is one folder too deep
        StringBuilder deepest = new StringBuilder("chart");
        for (int depth = 1; depth <= WorkspaceConfinement.MAX_DEPTH; depth++) {
            deepest.append(depth % 2 == 1 ? "/templates" : "/loop");
        }
        deepest.append("/files");
        String shown = deepest.substring(0, 200) + "…";
        refused(
                chartRequest("chart", List.of()),
                "chart chart: more than 32 nested folders at " + shown + " (a symbolic link loop?)");
    }

    @Test
    void tooManyFilesEndAtTheEntryBound() throws IOException {
        chart("chart", "demo");
        Path many = Files.createDirectories(root.resolve("chart/files/many"));
        for (int i = 0; i < WorkspaceConfinement.MAX_ENTRIES; i++) {
            Files.createFile(many.resolve("f" + i));
        }
        refused(
                chartRequest("chart", List.of()),
                "chart chart: more than 10000 files and folders to check; a render reads at most that many");
    }

    @Test
    void packagedChartIsRefused() throws IOException {
        write("demo-0.1.0.tgz", "not unpacked");
        refused(
                chartRequest("demo-0.1.0.tgz", List.of()),
                "chart demo-0.1.0.tgz is a packaged chart; unpack it into the workspace and give its folder");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "oci://registry.example.com/charts/demo",
                "https://charts.example.com/demo-0.1.0.tgz",
                "http://charts.example.com/demo"
            })
    void chartByUrlIsRefused(String url) {
        refused(
                chartRequest(url, List.of()),
                "chart " + url + " is not a folder in the workspace: charts are not fetched from a repository or URL");
    }

    @Test
    void chartByRepositoryNameIsRefused() {
        refused(chartRequest("bitnami/nginx", List.of()), "chart bitnami/nginx does not exist in the workspace");
    }

    @Test
    void dependencyNotVendoredIsRefused() throws IOException {
        chart("chart", "demo");
        write("chart/Chart.yaml", """
                apiVersion: v2
                name: demo
                version: 0.1.0
                dependencies:
                  - name: redis
                    version: 19.0.0
                    repository: https://charts.example.com
                """);
        refused(
                chartRequest("chart", List.of()),
                "chart chart: dependency redis is not vendored in chart/charts/: run helm dependency build chart"
                        + " before this step (helm renders here without repository access)");
    }

    @Test
    void dependencyOfAVendoredSubchartNotVendoredIsRefused() throws IOException {
        chart("chart", "demo");
        write("chart/Chart.yaml", """
                apiVersion: v2
                name: demo
                version: 0.1.0
                dependencies:
                  - name: sub
                    version: 0.1.0
                """);
        chart("chart/charts/sub", "sub");
        write("chart/charts/sub/Chart.yaml", """
                apiVersion: v2
                name: sub
                version: 0.1.0
                dependencies:
                  - name: inner
                    version: 1.0.0
                    repository: oci://registry.example.com/charts
                """);
        refused(
                chartRequest("chart", List.of()),
                "chart chart: dependency inner is not vendored in chart/charts/sub/charts/: run helm dependency build"
                        + " chart/charts/sub before this step (helm renders here without repository access)");
    }

    @Test
    void requirementsOfAnApiV1ChartMustBeVendored() throws IOException {
        chart("chart", "demo");
        write("chart/Chart.yaml", "apiVersion: v1\nname: demo\nversion: 0.1.0\n");
        write("chart/requirements.yaml", "dependencies:\n- name: mysql\n  repository: '@stable'\n");
        refused(
                chartRequest("chart", List.of()),
                "chart chart: dependency mysql is not vendored in chart/charts/: run helm dependency build chart"
                        + " before this step (helm renders here without repository access)");
    }

    @Test
    void valuesFileThroughASymlinkOutsideIsRefused() throws IOException {
        chart("chart", "demo");
        link("values/prod.yaml", outside.resolve("secret.yaml"));
        refused(
                chartRequest("chart", List.of("values/prod.yaml")),
                "path leaves the workspace through a symbolic link: values/prod.yaml");
    }

    @Test
    void valuesFileInASymlinkedFolderOutsideIsRefused() throws IOException {
        chart("chart", "demo");
        link("values", outside);
        refused(
                chartRequest("chart", List.of("values/secret.yaml")),
                "path leaves the workspace through a symbolic link: values/secret.yaml");
    }

    @Test
    void linksThatStayInsideRenderAsHelmDoes() throws IOException {
        chart("chart", "demo");
        write("shared/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n");
        write("config/app.txt", "shared config\n");
        write("values/prod.yaml", "unused: true\n");
        link("chart/templates/extra.yaml", Path.of("../../shared/extra.yaml"));
        Files.delete(root.resolve("chart/files/config.txt"));
        link("chart/files/config.txt", Path.of("../../config/app.txt"));
        link("chart/templates/more", root.resolve("shared"));
        link("values/current.yaml", Path.of("prod.yaml"));
        link("chart-link", root.resolve("chart"));
        Recorder recorder = new Recorder(new ProcessCommandRunner());

        RenderedManifests out = render(recorder, chartRequest("chart-link", List.of("values/current.yaml")));

        assertEquals(
                direct(List.of(
                        cli.helm().toString(),
                        "template",
                        "shop",
                        root.resolve("chart-link").toString(),
                        "--namespace",
                        "pr-1",
                        "-f",
                        root.resolve("values/current.yaml").toString())),
                out.documents());
        assertEquals(
                "shared config\n",
                ((Map<?, ?>) out.find("ConfigMap", "demo-shop").get("data")).get("file"));
        assertEquals(1, recorder.calls.size());
    }

    @Test
    void vendoredDependenciesRenderAsHelmDoes() throws IOException {
        chart("chart", "demo");
        write("chart/Chart.yaml", """
                apiVersion: v2
                name: demo
                version: 0.1.0
                dependencies:
                  - name: sub
                    version: 0.1.0
                    repository: https://charts.example.com
                  - name: packed
                    version: 0.2.0
                    repository: oci://registry.example.com/charts
                """);
        chart("chart/charts/sub", "sub");
        chart("work/packed", "packed");
        write("work/packed/Chart.yaml", "apiVersion: v2\nname: packed\nversion: 0.2.0\n");
        IsolatedProcess.Result packaged = cli.run(
                List.of(
                        cli.helm().toString(),
                        "package",
                        root.resolve("work/packed").toString(),
                        "--destination",
                        root.resolve("chart/charts").toString()),
                root);
        assertEquals(0, packaged.exitCode(), packaged.output());
        assertTrue(Files.isRegularFile(root.resolve("chart/charts/packed-0.2.0.tgz")));
        Recorder recorder = new Recorder(new ProcessCommandRunner());

        RenderedManifests out = render(recorder, chartRequest("chart", List.of()));

        assertEquals(
                direct(List.of(
                        cli.helm().toString(),
                        "template",
                        "shop",
                        root.resolve("chart").toString(),
                        "--namespace",
                        "pr-1")),
                out.documents());
        assertEquals(3, out.size(), "demo, sub and packed each render a ConfigMap");
    }

    @Test
    void helmRunsWithoutTheUsersRepositoriesAndWritesNothingForThem() throws IOException {
        chart("chart", "demo");
        Recorder recorder = new Recorder(new ProcessCommandRunner());

        render(recorder, chartRequest("chart", List.of()));

        Map<String, String> used = recorder.environments.get(0);
        String prefix = root.toRealPath() + "@tmp/environment-management-helm-";
        for (String variable : HelmEnvironment.LOCATIONS) {
            assertTrue(used.get(variable).startsWith(prefix), variable + "=" + used.get(variable));
        }
        assertEquals(home.toString(), used.get("HOME"), "the caller's environment is kept");
        assertTrue(used.get("HELM_REPOSITORY_CONFIG").endsWith("/repository_config.yaml"));
        assertFalse(Files.exists(Path.of(root.toRealPath() + "@tmp")), "helm created nothing in the empty places");
    }

    // --- kustomize ----------------------------------------------------------------------------------------------

    private void base() throws IOException {
        write("base/deployment.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", "resources:\n- deployment.yaml\n");
    }

    private void overlayWith(String kustomization) throws IOException {
        base();
        write("overlays/pr/kustomization.yaml", kustomization);
    }

    @Test
    void baseThatClimbsOutIsRefused() throws IOException {
        overlayWith("resources:\n- ../../base\n- ../../../outside-base\n");
        refused(
                overlay("overlays/pr"),
                "overlays/pr/kustomization.yaml: resources ../../../outside-base leaves the workspace");
    }

    static Stream<String> remoteForms() {
        return Stream.of(
                "https://github.com/acme/deploy//base?ref=v1.2.0",
                "http://git.example.com/acme/deploy.git",
                "git@github.com:acme/deploy.git",
                "ssh://git@github.com/acme/deploy.git",
                "github.com/acme/deploy/base",
                "github.com/acme/deploy//base?ref=main",
                "gitlab.com/acme/deploy/base",
                "git::https://github.com/acme/deploy.git//base",
                "deploy/base?ref=v1",
                "https://raw.githubusercontent.com/acme/deploy/main/secret.yaml",
                "file:///etc/kubernetes/admin.yaml");
    }

    @ParameterizedTest
    @MethodSource("remoteForms")
    void remoteBaseIsRefused(String reference) throws IOException {
        overlayWith("resources:\n- ../../base\n- " + reference + "\n");
        // Messages go through the redaction, which masks the user part of a URL (it may be a token).
        String shown = reference.replace("ssh://git@", "ssh://****@");
        refused(
                overlay("overlays/pr"),
                "overlays/pr/kustomization.yaml: resources " + shown
                        + " is a remote reference; only paths inside the workspace are allowed");
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        overlayWith("resources:\n- " + outside.resolve("secret.yaml") + "\n");
        refused(
                overlay("overlays/pr"),
                "overlays/pr/kustomization.yaml: resources " + outside.resolve("secret.yaml")
                        + " is an absolute path; only paths inside the workspace are allowed");
    }

    @Test
    void missingLocalPathIsRefused() throws IOException {
        overlayWith("resources:\n- ../../base\n- not-there\n");
        refused(
                overlay("overlays/pr"),
                "overlays/pr/kustomization.yaml: resources not-there does not exist in the workspace");
    }

    @Test
    void nestedKustomizationThatEscapesTwoLevelsDownIsRefused() throws IOException {
        base();
        write("components/common/kustomization.yaml", "resources:\n- ../../../outside/base\n");
        write("apps/web/kustomization.yaml", "resources:\n- ../../base\n- ../../components/common\n");
        write("overlays/pr/kustomization.yml", "resources:\n- ../../apps/web\n");
        refused(
                overlay("overlays/pr"),
                "components/common/kustomization.yaml: resources ../../../outside/base leaves the workspace");
    }

    @Test
    void baseThroughASymlinkedFolderOutsideIsRefused() throws IOException {
        overlayWith("resources:\n- ../../base\n- ../../vendor/base\n");
        link("vendor", outside);
        refused(
                overlay("overlays/pr"),
                "overlays/pr/kustomization.yaml: resources ../../vendor/base leaves the workspace through a symbolic"
                        + " link");
    }

    @Test
    void linkedBaseFolderInTheOverlayIsRefused() throws IOException {
        overlayWith("resources:\n- upstream\n");
        link("overlays/pr/upstream", outside);
        refused(
                overlay("overlays/pr"),
                "kustomize overlays/pr: symbolic link overlays/pr/upstream leads outside the workspace");
    }

    @Test
    void linkInsideAReferencedBaseIsRefused() throws IOException {
        overlayWith("resources:\n- ../../base\n");
        link("base/stolen.yaml", outside.resolve("secret.yaml"));
        refused(
                overlay("overlays/pr"),
                "kustomize overlays/pr: symbolic link base/stolen.yaml leads outside the workspace");
    }

    static Stream<Arguments> fieldsOutside() {
        return Stream.of(
                Arguments.of("bases:\n- ../../../x\n", "bases ../../../x"),
                Arguments.of("components:\n- ../../../x\n", "components ../../../x"),
                Arguments.of("crds:\n- ../../../crd.yaml\n", "crds ../../../crd.yaml"),
                Arguments.of("configurations:\n- ../../../c.yaml\n", "configurations ../../../c.yaml"),
                Arguments.of("generators:\n- ../../../g\n", "generators ../../../g"),
                Arguments.of("transformers:\n- ../../../t.yaml\n", "transformers ../../../t.yaml"),
                Arguments.of("validators:\n- ../../../v.yaml\n", "validators ../../../v.yaml"),
                Arguments.of("patchesStrategicMerge:\n- ../../../p.yaml\n", "patchesStrategicMerge ../../../p.yaml"),
                Arguments.of(
                        "patches:\n- patch: |-\n    - op: remove\n      path: /spec\n- path: ../../../p.yaml\n",
                        "patches[1].path ../../../p.yaml"),
                Arguments.of(
                        "patchesJson6902:\n- target: {kind: Deployment, name: web}\n  path: ../../../p.yaml\n",
                        "patchesJson6902[0].path ../../../p.yaml"),
                Arguments.of("replacements:\n- path: ../../../r.yaml\n", "replacements[0].path ../../../r.yaml"),
                Arguments.of("openapi:\n  path: ../../../schema.json\n", "openapi.path ../../../schema.json"),
                Arguments.of(
                        "configMapGenerator:\n- name: cfg\n  files:\n  - app.properties=../../../secret.txt\n",
                        "configMapGenerator[0].files ../../../secret.txt"),
                Arguments.of(
                        "secretGenerator:\n- name: s\n  envs:\n  - ../../../.env\n",
                        "secretGenerator[0].envs ../../../.env"),
                Arguments.of(
                        "secretGenerator:\n- name: s\n  env: ../../../.env\n", "secretGenerator[0].env ../../../.env"));
    }

    @ParameterizedTest
    @MethodSource("fieldsOutside")
    void everyFieldThatNamesAFileIsChecked(String kustomization, String fieldAndReference) throws IOException {
        overlayWith("resources:\n- ../../base\n" + kustomization);
        refused(
                overlay("overlays/pr"),
                "overlays/pr/kustomization.yaml: " + fieldAndReference + " leaves the workspace");
    }

    @Test
    void generatorFileThroughALinkOutsideIsRefused() throws IOException {
        overlayWith("resources:\n- ../../base\nsecretGenerator:\n- name: s\n  files:\n  - token.txt\n");
        link("overlays/pr/token.txt", outside.resolve("token.txt"));
        refused(
                overlay("overlays/pr"),
                "kustomize overlays/pr: symbolic link overlays/pr/token.txt leads outside the workspace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"helmCharts", "helmChartInflationGenerator", "helmGlobals"})
    void helmInsideKustomizeIsRefused(String field) throws IOException {
        overlayWith("resources:\n- ../../base\n" + field + ":\n- name: redis\n  repo: https://charts.example.com\n");
        refused(
                overlay("overlays/pr"),
                "overlays/pr/kustomization.yaml: " + field + " is not allowed: kustomize would run helm, which may"
                        + " fetch charts; render the chart with the chart parameter instead");
    }

    @Test
    void overlayWithoutKustomizationIsRefused() throws IOException {
        write("overlays/pr/deployment.yaml", DEPLOYMENT);
        refused(overlay("overlays/pr"), "kustomize overlays/pr: overlays/pr has no kustomization.yaml");
    }

    @Test
    void overlayFolderThatIsALinkOutsideIsRefused() throws IOException {
        link("overlays/pr", outside);
        refused(overlay("overlays/pr"), "path leaves the workspace through a symbolic link: overlays/pr");
    }

    @Test
    void overlayInsideRendersAsKubectlDoes() throws IOException {
        base();
        write("shared/labels.env", "team=web\n");
        write("overlays/pr/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                """);
        write("overlays/pr/Kustomization", """
                resources:
                - upstream
                namePrefix: pr-
                patches:
                - path: patch.yaml
                - patch: |-
                    - op: add
                      path: /metadata/labels
                      value: {tier: preview}
                  target: {kind: Deployment, name: web}
                configMapGenerator:
                - name: settings
                  literals: [mode=preview]
                """);
        // a linked base folder that stays inside the workspace
        link("overlays/pr/upstream", Path.of("../../base"));
        Recorder recorder = new Recorder(new ProcessCommandRunner());

        RenderedManifests out = render(recorder, overlay("overlays/pr"));

        assertEquals(
                direct(List.of(
                        cli.kubectl().toString(),
                        "kustomize",
                        root.resolve("overlays/pr").toString())),
                out.documents());
        assertEquals(2, out.size());
        assertEquals(
                List.of(
                        cli.kubectl().toString(),
                        "kustomize",
                        root.toRealPath().resolve("overlays/pr").toString(),
                        "--load-restrictor",
                        "LoadRestrictionsRootOnly"),
                recorder.calls.get(0));
    }

    // --- manifests ----------------------------------------------------------------------------------------------

    @Test
    void manifestsFolderThatIsALinkOutsideIsRefused() throws IOException {
        link("deploy", outside);
        refused(
                RenderRequest.manifests("deploy", "web", "pr-1"),
                "path leaves the workspace through a symbolic link: deploy");
    }

    @Test
    void manifestThatIsALinkOutsideIsRefused() throws IOException {
        write("deploy/app.yaml", DEPLOYMENT);
        link("deploy/stolen.yaml", outside.resolve("secret.yaml"));
        refused(
                RenderRequest.manifests("deploy", "web", "pr-1"),
                "manifests deploy: symbolic link deploy/stolen.yaml leads outside the workspace");
    }

    @Test
    void manifestLinksThatStayInsideAreRead() throws IOException {
        write("deploy/app.yaml", DEPLOYMENT);
        write("common/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: common}\n");
        link("deploy/common.yaml", Path.of("../common/cm.yaml"));
        link("current", root.resolve("deploy"));
        Recorder recorder = new Recorder(null);

        RenderedManifests out = render(recorder, RenderRequest.manifests("current", "web", "pr-1"));

        assertEquals(
                List.of("web", "common"),
                out.documents().stream().map(RenderedManifests::name).toList());
        assertEquals(List.of(), recorder.calls);
    }

    @Test
    void databaseManifestsThroughALinkOutsideAreRefusedBeforeTheAppRenders(@TempDir Path dir) throws IOException {
        try (MockKubernetesApi api = MockKubernetesApi.start()) {
            PreviewFixture fixture = new PreviewFixture(dir, api, "registry.example.com");
            Files.createSymbolicLink(fixture.workspace.resolve("db-link"), outside);
            Recorder recorder = new Recorder(null);
            PreviewRequest request = PreviewRequest.builder("shop")
                    .image(fixture.image("sha256:" + "a".repeat(64)))
                    .chart("chart")
                    .pr("7")
                    .helm(cli.helm().toString())
                    .waitForReady(false)
                    .database("ephemeral")
                    .databaseManifests("db-link")
                    .build();

            PreviewException e = assertThrows(
                    PreviewException.class,
                    () -> fixture.deployer(fixture.configuration(0, WhenFull.QUEUE))
                            .deploy(
                                    request,
                                    new PreviewTools(recorder, new LocalWorkspace(fixture.workspace), env),
                                    l -> {}));

            assertEquals("path leaves the workspace through a symbolic link: db-link", e.getMessage());
            assertEquals(List.of(), recorder.calls, "not even the app's chart was rendered");
            assertEquals(List.of(), api.requests(), "requests to the cluster");
        }
    }
}
