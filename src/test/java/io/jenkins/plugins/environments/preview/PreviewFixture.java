package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.PreviewDefaults;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A workspace with a chart, a manifest folder and database manifests, a configuration with one preview cluster (the
 * mock API) and one registry, and a deployer wired to them with a clock the test moves.
 */
public final class PreviewFixture {

    public static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    public static final String IMAGE_REPOSITORY = "team/shop";
    /** The instance id of the Jenkins the tests play, as {@code Jenkins.getLegacyInstanceId()} would give it. */
    public static final String INSTANCE = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    public final Path workspace;
    final Path home;
    final MockKubernetesApi api;
    final String registryHost;
    public final Ledger ledger;
    final AtomicReference<Instant> now = new AtomicReference<>(START);
    public final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    public final PreviewCoordinator coordinator = new PreviewCoordinator(Duration.ofMillis(200));

    public PreviewFixture(Path dir, MockKubernetesApi api, String registryHost) throws IOException {
        this.workspace = Files.createDirectories(dir.resolve("workspace"));
        this.home = Files.createDirectories(dir.resolve("home"));
        this.api = api;
        this.registryHost = registryHost;
        this.ledger = Ledger.open(dir.resolve("ledger.jsonl"), clock);
        writeChart();
        writeManifests();
    }

    public EnvironmentsConfiguration configuration(int maxPreviews, WhenFull whenFull) {
        Cluster cluster =
                new Cluster("previews", "https://k8s.example.com:6443", "k8s-token", null, false, maxPreviews);
        Registry registry = new Registry("local", registryHost, null, registryHost.startsWith("127.0.0.1"), false);
        PreviewDefaults defaults = new PreviewDefaults(
                "previews",
                "pr-{number}",
                "pr-{number}.preview.example.com",
                Duration.ofHours(72),
                null,
                null,
                whenFull);
        return new EnvironmentsConfiguration(List.of(cluster), List.of(registry), List.of(), defaults);
    }

    public PreviewDeployer deployer(EnvironmentsConfiguration configuration) {
        return deployer(configuration, INSTANCE);
    }

    /** @param instance the id of the Jenkins that the deployer plays */
    public PreviewDeployer deployer(EnvironmentsConfiguration configuration, String instance) {
        return new PreviewDeployer(
                configuration, cluster -> api.newClient(), images(), ledger, coordinator, clock, instance);
    }

    /** @return tags resolved anonymously through the configured registry */
    public ImageResolver images() {
        return new RegistryImageResolver(
                r -> new RegistryAccess(r.id(), r.host(), r.insecure(), new RegistryCredential.Anonymous(), null));
    }

    public PreviewTools tools() {
        return new PreviewTools(
                new ProcessCommandRunner(),
                new LocalWorkspace(workspace),
                Map.of(
                        "HOME", home.toString(),
                        "XDG_CONFIG_HOME", home.resolve("config").toString(),
                        "XDG_CACHE_HOME", home.resolve("cache").toString(),
                        "XDG_DATA_HOME", home.resolve("data").toString(),
                        "KUBECONFIG", home.resolve("kubeconfig").toString()));
    }

    public String image(String digest) {
        return registryHost + "/" + IMAGE_REPOSITORY + "@" + digest;
    }

    public void write(String relative, String text) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void writeChart() throws IOException {
        write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        write(
                "chart/values.yaml",
                "image: " + registryHost + "/" + IMAGE_REPOSITORY + ":latest\nextra: true\n"
                        + "preview:\n  host: shop.example.com\n");
        write("chart/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: {{ .Release.Name }}}
                  template:
                    metadata:
                      labels: {app: {{ .Release.Name }}}
                    spec:
                      containers:
                        - name: web
                          image: {{ .Values.image }}
                        - name: proxy
                          image: docker.io/library/nginx:1.27
                """);
        write("chart/templates/extra.yaml", """
                {{- if .Values.extra }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: extra
                data:
                  greeting: hello
                {{- end }}
                """);
        write("chart/templates/ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: {{ .Release.Name }}
                  annotations:
                    host-value: {{ .Values.preview.host }}
                spec:
                  rules:
                    - host: placeholder.example.com
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service: {name: {{ .Release.Name }}, port: {number: 80}}
                """);
        write("chart/templates/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: session-key
                stringData:
                  note: generated-at-deploy
                """);
        // the scan refuses rendered Secrets with data; this one exists to show that teardown purges Secrets
        write(".environment-management/secret-scan-waivers.yaml", """
                waivers:
                  - rule: secret-object
                    path: chart
                    reason: the test chart's Secret holds a note, not a credential
                """);
    }

    private void writeManifests() throws IOException {
        write("manifests/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers:
                        - name: web
                          image: %s/%s:latest
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: shop
                spec:
                  selector: {app: shop}
                  ports: [{port: 80}]
                """.formatted(registryHost, IMAGE_REPOSITORY));
        write("db/postgres.yaml", """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: postgres
                spec:
                  serviceName: postgres
                  replicas: 1
                  selector:
                    matchLabels: {app: postgres}
                  template:
                    metadata:
                      labels: {app: postgres}
                    spec:
                      containers:
                        - name: postgres
                          image: docker.io/library/postgres:17
                """);
    }
}
