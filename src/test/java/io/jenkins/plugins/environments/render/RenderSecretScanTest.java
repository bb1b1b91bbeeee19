package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.testing.KubernetesCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a render reads and produces is scanned: chart tree, overlays and their bases, manifests, rendered Secrets. */
class RenderSecretScanTest {

    private static final String HEADER =
            "configuration contains secrets; move them to a Kubernetes Secret or Jenkins credentials:\n";
    private static KubernetesCli cli;

    @TempDir
    Path root;

    @TempDir
    Path home;

    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @BeforeAll
    static void tools() {
        cli = KubernetesCli.create();
    }

    @AfterAll
    static void close() {
        cli.close();
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** @return the message of the refusal, after checking that no process was started */
    private String refusal(RenderRequest request) {
        Renderer renderer = new Renderer(runner, new LocalWorkspace(root), Map.of(), Duration.ofSeconds(5));
        RenderException e = assertThrows(RenderException.class, () -> renderer.render(request));
        assertEquals(List.of(), runner.calls, "no process started");
        return e.getMessage();
    }

    private Renderer realRenderer() {
        Map<String, String> env = Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(),
                "KUBECACHEDIR", home.resolve("kube").toString(),
                "KUBECONFIG", home.resolve("kubeconfig").toString());
        return new Renderer(new ProcessCommandRunner(), new LocalWorkspace(root), env, Duration.ofMinutes(1));
    }

    private void chart() throws IOException {
        write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        write("chart/values.yaml", "image: shop\n");
        write("chart/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
    }

    @Test
    void theChartsOwnValuesTemplatesAndSubchartsAreScanned() throws IOException {
        chart();
        write("chart/values.yaml", "image: shop\ndb:\n  password: Ch4rtDefault\n");
        write("chart/templates/secret.yaml", "kind: Secret\nstringData:\n  api_key: \"tmpl-k3y-77\"\n");
        write("chart/charts/db/values.yaml", "auth:\n  rootPassword: Subch4rtPw\n");
        write("chart/README.md", "helm install shop . --set auth.password=secretpassword\n");
        write("chart/charts/cache-1.0.0.tgz", "\0binary");

        assertEquals(
                HEADER
                        + "  chart/charts/db/values.yaml:2: [generic-secret] literal value for key 'rootPassword'\n"
                        + "  chart/templates/secret.yaml:3: [generic-secret] literal value for key 'api_key'\n"
                        + "  chart/values.yaml:3: [generic-secret] literal value for key 'password'",
                refusal(RenderRequest.chart("chart", "shop", "pr-1", List.of(), Map.of(), "/bin/helm")));
    }

    @Test
    void everyValuesLayerAndSetEntryIsScanned() throws IOException {
        chart();
        write("values/base.json", "{\n  \"api\": {\"token\": \"Js0nT0ken99\"}\n}\n");
        write("values/pr.yaml", "db: {user: shop, password: Fl0wPass!}\n");

        assertEquals(
                HEADER
                        + "  values/base.json:2: [generic-secret] literal value for key 'token'\n"
                        + "  values/pr.yaml:1: [generic-secret] literal value for key 'password'\n"
                        + "  --set db.url: [url-password] password in a URL",
                refusal(RenderRequest.chart(
                        "chart",
                        "shop",
                        "pr-1",
                        List.of("values/base.json", "values/pr.yaml"),
                        Map.of("db.url", "postgres://shop:S3tUrlPw@db/shop"),
                        "/bin/helm")));
    }

    @Test
    void anOverlayItsBasesAndItsGeneratorsAreScanned() throws IOException {
        write("deploy/base/kustomization.yaml", "resources:\n- app.yaml\n");
        write(
                "deploy/base/app.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n"
                        + "  DATABASE_URL: postgres://app:B4seUrlPw@db/app\n");
        write(
                "deploy/overlays/pr/kustomization.yaml",
                "resources:\n- ../../base\nsecretGenerator:\n- name: db\n"
                        + "  literals:\n  - password=L1teralPw\n  envs:\n  - ../../env/db.env\n");
        write("deploy/env/db.env", "DB_USER=shop\nDB_PASSWORD=Env-F1le-Pw\n");

        assertEquals(
                HEADER
                        + "  deploy/overlays/pr/kustomization.yaml:6: [assignment-secret] literal value for 'password'\n"
                        + "  deploy/base/app.yaml:6: [url-password] password in a URL\n"
                        + "  deploy/env/db.env:2: [generic-secret] literal value for key 'DB_PASSWORD'",
                refusal(RenderRequest.kustomize("deploy/overlays/pr", "shop", "pr-1", "/bin/kubectl")));
    }

    @Test
    void aManifestFolderIsScannedAsData() throws IOException {
        write(
                "manifests/app.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n"
                        + "  template:\n    spec:\n      containers:\n        - name: shop\n          env:\n"
                        + "            - {name: API_TOKEN, value: fl0wEnvT0ken}\n");

        assertEquals(
                HEADER + "  manifests/app.yaml:11: [env-secret] literal value for variable 'API_TOKEN'",
                refusal(RenderRequest.manifests("manifests", "shop", "pr-1")));
    }

    @Test
    void aRenderedSecretWithDataIsRefusedAndExternalOrSealedSecretsPass() throws IOException {
        write(
                "manifests/ok.yaml",
                "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n"
                        + "  name: db\nspec:\n  data:\n    - secretKey: password\n      remoteRef: {key: shop/db}\n---\n"
                        + "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: api\nspec:\n"
                        + "  encryptedData:\n    token: AgBy3i4OJSWK\n---\napiVersion: v1\nkind: Secret\nmetadata:\n"
                        + "  name: empty\n");
        Renderer renderer = new Renderer(runner, new LocalWorkspace(root), Map.of(), Duration.ofSeconds(5));
        assertEquals(
                3,
                renderer.render(RenderRequest.manifests("manifests", "shop", "pr-1"))
                        .size());

        write(
                "manifests/config.yaml",
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-config\ndata:\n"
                        + "  config.json: eyJsb2dMZXZlbCI6ImluZm8ifQ==\n");
        RenderException e = assertThrows(
                RenderException.class, () -> renderer.render(RenderRequest.manifests("manifests", "shop", "pr-1")));
        assertEquals(
                HEADER + "  manifests: [secret-object] rendered Secret 'app-config' holds data from the repository "
                        + "(keys config.json); create it with an ExternalSecret or a SealedSecret instead",
                e.getMessage());
    }

    @Test
    void aSecretThatHelmGeneratesIsRefusedUnlessWaived() throws IOException {
        chart();
        write(
                "chart/templates/secret.yaml",
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: session\n"
                        + "stringData:\n  key: {{ randAlphaNum 32 | quote }}\n");
        RenderRequest request = RenderRequest.chart(
                "chart", "shop", "pr-1", List.of(), Map.of(), cli.helm().toString());

        RenderException e =
                assertThrows(RenderException.class, () -> realRenderer().render(request));
        assertEquals(
                HEADER + "  chart: [secret-object] rendered Secret 'session' holds data from the repository (keys "
                        + "key); create it with an ExternalSecret or a SealedSecret instead",
                e.getMessage());

        write(
                SecretScanWaivers.FILE,
                "waivers:\n  - rule: secret-object\n    path: chart\n"
                        + "    reason: a random session key made by helm at each render, never stored\n");
        assertEquals(2, realRenderer().render(request).size());
    }

    @Test
    void aSecretThatKustomizeGeneratesFromFilesIsRefused() throws IOException {
        write("overlay/kustomization.yaml", "secretGenerator:\n- name: app\n  files:\n  - settings.json\n");
        write("overlay/settings.json", "{\"logLevel\": \"info\"}\n");

        RenderException e = assertThrows(
                RenderException.class,
                () -> realRenderer()
                        .render(RenderRequest.kustomize(
                                "overlay", "shop", "pr-1", cli.kubectl().toString())));
        assertFalse(e.getMessage().contains("info"), e.getMessage());
        assertEquals(
                true,
                e.getMessage().startsWith(HEADER + "  overlay: [secret-object] rendered Secret 'app-"),
                e.getMessage());
    }

    @Test
    void aWaiverDropsOnlyTheFindingsOfItsRuleAndPath() throws IOException {
        chart();
        write("chart/values.yaml", "db:\n  password: Ch4rtDefault\n");
        write("chart/ci/test-values.yaml", "db:\n  password: Ci-Only-Pw1\n  url: postgres://u:Ci-Url-Pw@db/x\n");
        write(
                SecretScanWaivers.FILE,
                "waivers:\n  - rule: generic-secret\n    path: chart/ci/*.yaml\n"
                        + "    reason: chart-testing values for a throwaway database\n");

        assertEquals(
                HEADER
                        + "  chart/ci/test-values.yaml:3: [url-password] password in a URL\n"
                        + "  chart/values.yaml:2: [generic-secret] literal value for key 'password'\n"
                        + "  --set db.password: [generic-secret] literal value for key 'password'",
                refusal(RenderRequest.chart(
                        "chart", "shop", "pr-1", List.of(), Map.of("db.password", "S3tPw-99"), "/bin/helm")));
    }

    @Test
    void anIncompleteWaiverStopsTheRender() throws IOException {
        chart();
        RenderRequest request = RenderRequest.chart("chart", "shop", "pr-1", List.of(), Map.of(), "/bin/helm");
        Map<String, String> cases = Map.of(
                "waivers:\n  - rule: generic-secret\n    path: chart/values.yaml\n",
                SecretScanWaivers.FILE + ": waiver 1: reason must say why the finding is not a secret",
                "waivers:\n  - rule: no-such-rule\n    path: a\n    reason: x\n",
                SecretScanWaivers.FILE + ": waiver 1: rule must be one of the scanner's rule ids, not 'no-such-rule'",
                "waivers:\n  - rule: jwt\n    path: /etc/x\n    reason: x\n",
                SecretScanWaivers.FILE + ": waiver 1: path must be a glob relative to the workspace",
                "waivers:\n  - rule: jwt\n    path: a\n    reason: x\n    line: 3\n",
                SecretScanWaivers.FILE + ": waiver 1 must be a mapping of rule, path and reason",
                "rule: jwt\n",
                SecretScanWaivers.FILE + " must hold one key, 'waivers', with a list of waivers",
                "waivers: [\n",
                SecretScanWaivers.FILE + " is not valid YAML");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            write(SecretScanWaivers.FILE, c.getKey());
            assertEquals(c.getValue(), refusal(request), c.getKey());
        }
    }
}
