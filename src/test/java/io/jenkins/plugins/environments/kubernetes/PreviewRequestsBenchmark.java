package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import io.jenkins.plugins.environments.render.RenderRequest;
import io.jenkins.plugins.environments.render.Renderer;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.MockKubernetesApi.RecordedCall;
import io.jenkins.plugins.environments.testing.PerformanceReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts the Kubernetes API requests of preview deploys and of the TTL sweep, against {@link MockKubernetesApi}, and
 * writes them into section {@value #SECTION} of {@code docs/performance.md}.
 *
 * <p>Deploys: a chart of N objects (N in 5, 20, 100), rendered by the real {@code helm template}, deployed as a caller
 * does it ({@link PreviewNamespaces#ensureNamespace}, then {@code apply} with the inventory that call returned): the
 * first deploy into a namespace that this deploy creates (empty inventory), a redeploy of the same render, and a
 * redeploy with one object removed; for comparison also the first deploy into a preview namespace that already existed
 * without an inventory, and the redeploy with one object removed into a namespace that has no inventory (left by an
 * older version of the plugin), both of which prune by labels. Sweep: 5,000 preview namespaces, half of them expired by a fixed
 * clock, one in five pinned; the sweep's requests are counted and its duration measured (median of {@value #RUNS}
 * runs, each on a freshly seeded server). Counts are asserted; seconds are only reported.
 */
@Tag(PerformanceReport.TAG)
class PreviewRequestsBenchmark {

    static final String SECTION = "preview-requests";
    private static final String COMMAND = "mvn -B -f central-build/pom.xml verify -Dbenchmarks"
            + " -Dtest=PreviewRequestsBenchmark -Dsurefire.failIfNoSpecifiedTests=false";
    private static final int[] SIZES = {5, 20, 100};
    private static final int NAMESPACES = 5000;
    private static final int RUNS = 5;
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration TTL = Duration.ofHours(72);

    @TempDir
    Path chartRoot;

    @TempDir
    Path home;

    /** One measured deploy. */
    private record DeployRow(int chartObjects, String deploy, int rendered, Counts counts, int goal) {}

    /** Requests of one measured call, by verb. */
    private record Counts(int patch, int get, int delete, int other) {

        static Counts of(List<RecordedCall> calls) {
            int patch = 0;
            int get = 0;
            int delete = 0;
            int other = 0;
            for (RecordedCall call : calls) {
                switch (call.method()) {
                    case "PATCH" -> patch++;
                    case "GET" -> get++;
                    case "DELETE" -> delete++;
                    default -> other++;
                }
            }
            return new Counts(patch, get, delete, other);
        }

        int total() {
            return patch + get + delete + other;
        }
    }

    @Test
    void requestsPerDeployAndPerSweep() throws Exception {
        writeChart();
        List<DeployRow> deploys = new ArrayList<>();
        try (KubernetesCli cli = KubernetesCli.create()) {
            Renderer renderer = renderer();
            for (int size : SIZES) {
                deploys.addAll(measureDeploys(renderer, cli, size));
            }
        }
        SweepResult sweep = measureSweep();
        PerformanceReport.project().writeSection(SECTION, report(deploys, sweep));
    }

    // ---- pruning across 15 kinds (issue 12) ----

    static final String PRUNING_SECTION = "preview-pruning-requests";
    private static final String PRUNING_COMMAND = "mvn -B -f central-build/pom.xml verify -Dbenchmarks"
            + " -Dtest='PreviewRequestsBenchmark#requestsPerDeployWithPruningOverFifteenKinds'"
            + " -Dsurefire.failIfNoSpecifiedTests=false";
    private static final int[] PRUNING_SIZES = {10, 50, 200};

    /** The 15 kinds, as apiVersion and kind; the last is a custom resource (Argo Rollout). */
    private static final List<List<String>> FIFTEEN_KINDS = List.of(
            List.of("apps/v1", "Deployment"),
            List.of("v1", "Service"),
            List.of("v1", "ConfigMap"),
            List.of("v1", "Secret"),
            List.of("v1", "ServiceAccount"),
            List.of("networking.k8s.io/v1", "NetworkPolicy"),
            List.of("apps/v1", "ReplicaSet"),
            List.of("policy/v1", "PodDisruptionBudget"),
            List.of("autoscaling/v2", "HorizontalPodAutoscaler"),
            List.of("rbac.authorization.k8s.io/v1", "Role"),
            List.of("rbac.authorization.k8s.io/v1", "RoleBinding"),
            List.of("batch/v1", "CronJob"),
            List.of("batch/v1", "Job"),
            List.of("networking.k8s.io/v1", "Ingress"),
            List.of("argoproj.io/v1alpha1", "Rollout"));

    /** One measured deploy over 15 kinds; goal is the budget asserted for it. */
    private record PruningRow(int objects, String deploy, int rendered, int pruned, Counts counts, int goal) {}

    /** N objects, kinds taken in turn, so every kind has N / 15 objects (at least one from N = 15). */
    private static List<Map<String, Object>> overFifteenKinds(int count) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> kind = FIFTEEN_KINDS.get(i % FIFTEEN_KINDS.size());
            Map<String, Object> document = new java.util.LinkedHashMap<>();
            document.put("apiVersion", kind.get(0));
            document.put("kind", kind.get(1));
            document.put("metadata", new java.util.LinkedHashMap<>(Map.of("name", "shop-" + i)));
            document.put("spec", Map.of("index", i));
            documents.add(document);
        }
        return documents;
    }

    @Test
    void requestsPerDeployWithPruningOverFifteenKinds() {
        List<PruningRow> rows = new ArrayList<>();
        for (int size : PRUNING_SIZES) {
            List<Map<String, Object>> full = overFifteenKinds(size);
            // Every fifth object dropped: a prune that reaches most kinds, the custom one included from N = 50.
            List<Map<String, Object>> fewer = new ArrayList<>();
            for (int i = 0; i < full.size(); i++) {
                if (i % 5 != 4) {
                    fewer.add(full.get(i));
                }
            }
            int dropped = full.size() - fewer.size();
            PreviewNamespaceSpec spec = PreviewNamespaceSpec.of("pr-" + size, "shop", size, TTL);
            // The custom kind (the 15th) is rendered from N = 15 on; its group-version is read once per client.
            int discovery = size >= FIFTEEN_KINDS.size() ? 1 : 0;
            try (MockKubernetesApi api = MockKubernetesApi.start()) {
                rows.add(pruningDeploy(api, api.client(), spec, "first deploy, new client", full, 0, discovery, 0));
                rows.add(pruningDeploy(api, api.client(), spec, "redeploy, same render, same client", full, 0, 0, 0));
                rows.add(pruningDeploy(
                        api,
                        api.client(),
                        spec,
                        "redeploy, every 5th object dropped, same client",
                        fewer,
                        dropped,
                        0,
                        0));
                try (KubernetesClient fresh = api.newClient()) {
                    rows.add(pruningDeploy(
                            api,
                            fresh,
                            spec,
                            "redeploy, dropped objects back, new client",
                            full,
                            0,
                            discovery,
                            dropped));
                }
            }
        }
        PerformanceReport.project().writeSection(PRUNING_SECTION, pruningReport(rows));
    }

    private static PruningRow pruningDeploy(
            MockKubernetesApi api,
            KubernetesClient client,
            PreviewNamespaceSpec spec,
            String what,
            List<Map<String, Object>> documents,
            int expectedPruned,
            int discoveryReads,
            int unlisted) {
        PreviewNamespaces previews = new PreviewNamespaces(client, Clock.fixed(NOW, ZoneOffset.UTC), TestInstance.ID);
        api.clearRequests();
        List<io.fabric8.kubernetes.api.model.HasMetadata> objects =
                KubernetesObjects.forNamespace(spec.namespace(), documents);
        LivePreview live = previews.ensureNamespace(previews.check(spec, objects));
        ApplyReport report = previews.apply(spec, "build-" + System.nanoTime(), documents, live.inventory());
        Counts counts = Counts.of(api.requests());
        // Rule (issue 12): N + 5 per preview deploy (one GET of the namespace, 3 namespace applies, N applies, one
        // inventory write), one discovery read per custom group-version the client has not seen yet, one DELETE per
        // pruned object of any kind, and no LIST; plus (issue 10) one ownership GET per object that the namespace's
        // inventory does not list.
        int goal = documents.size() + 5 + discoveryReads + expectedPruned + unlisted;
        assertEquals(expectedPruned, report.pruned().size(), what);
        assertEquals(expectedPruned, counts.delete(), what);
        assertEquals(
                goal,
                counts.total(),
                what + ": "
                        + api.requests().stream()
                                .map(c -> c.method() + " " + c.path())
                                .toList());
        return new PruningRow(spec.pullRequest(), what, documents.size(), expectedPruned, counts, goal);
    }

    private static String pruningReport(List<PruningRow> rows) {
        StringBuilder md = new StringBuilder();
        md.append("## Requests of preview deploys with pruning across 15 kinds\n\n");
        md.append(
                "Written by `PreviewRequestsBenchmark#requestsPerDeployWithPruningOverFifteenKinds`. N objects over 15"
                        + " kinds taken in turn (Deployment, Service, ConfigMap, Secret, ServiceAccount, NetworkPolicy,"
                        + " ReplicaSet, PodDisruptionBudget, HorizontalPodAutoscaler, Role, RoleBinding, CronJob, Job, Ingress"
                        + " and an Argo `Rollout`, a custom resource), deployed as `deployPreview` does it: `check`,"
                        + " `ensureNamespace`, `apply` with the inventory. Goal (issue 12): N + 5 requests per deploy, plus one"
                        + " discovery read per custom group-version that the client has not read before (`deployPreview`"
                        + " opens a client per deploy, so a chart with custom resources of one group pays it on every deploy:"
                        + " N + 6), plus one DELETE per pruned object, of any kind, and no LIST. Built-in GA kinds need no"
                        + " discovery (`ServedKinds`).\n\n");
        md.append("| N | kinds | deploy | rendered | pruned | PATCH | GET | DELETE | total | goal | met |\n");
        md.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (PruningRow row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %s | %d | %d | %d | %d | %d | %d | %d | %s |%n",
                    row.objects(),
                    Math.min(row.objects(), FIFTEEN_KINDS.size()),
                    row.deploy(),
                    row.rendered(),
                    row.pruned(),
                    row.counts().patch(),
                    row.counts().get(),
                    row.counts().delete(),
                    row.counts().total(),
                    row.goal(),
                    row.counts().total() <= row.goal() ? "yes" : "no"));
        }
        md.append("\nThe GETs are the namespace's owner read, on a new client the one discovery read of"
                + " `argoproj.io/v1alpha1`, and in the last row one ownership read per object that the inventory does"
                + " not list (the objects coming back), as issue 10 requires before the first write. Before issue 12 the inventory pruned only ten fixed kinds: NetworkPolicies,"
                + " ReplicaSets, PodDisruptionBudgets, HorizontalPodAutoscalers, Roles, RoleBindings and Rollouts"
                + " dropped from a render stayed in place, with no DELETE sent.\n\n");
        md.append("Reproduce:\n\n```\n").append(PRUNING_COMMAND).append("\n```\n\n");
        md.append(PerformanceReport.machine()).append('\n');
        return md.toString();
    }

    // ---- deploys ----

    private List<DeployRow> measureDeploys(Renderer renderer, KubernetesCli cli, int size) {
        int components = size * 2 / 5;
        int configMaps = size - 2 * components;
        List<Map<String, Object>> full = render(renderer, cli, components, configMaps);
        List<Map<String, Object>> oneRemoved = render(renderer, cli, components, configMaps - 1);
        assertEquals(size, full.size(), "the chart renders N objects");
        assertEquals(size - 1, oneRemoved.size());

        List<DeployRow> rows = new ArrayList<>();
        PreviewNamespaceSpec spec = PreviewNamespaceSpec.of("pr-" + size, "shop", size, TTL);
        try (MockKubernetesApi api = MockKubernetesApi.start()) {
            PreviewNamespaces previews =
                    new PreviewNamespaces(api.client(), Clock.fixed(NOW, ZoneOffset.UTC), TestInstance.ID);

            rows.add(deploy(
                    api,
                    previews,
                    spec,
                    size,
                    "first deploy (namespace created by this deploy: nothing to prune)",
                    full,
                    0));
            rows.add(deploy(api, previews, spec, size, "redeploy, same render", full, 0));
            rows.add(deploy(api, previews, spec, size, "redeploy, one object removed", oneRemoved, 1));

            // A preview namespace that existed before its first deploy, without an inventory: the labels fallback.
            PreviewNamespaceSpec existing = PreviewNamespaceSpec.of("pr-" + (size + 1000), "shop", size + 1000, TTL);
            api.client()
                    .namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(existing.namespace())
                            .withLabels(TestInstance.labels("shop", size + 1000))
                            .addToAnnotations(PreviewLabels.OWNER, TestInstance.marker("shop", size + 1000))
                            .endMetadata()
                            .build())
                    .create();
            rows.add(deploy(
                    api,
                    previews,
                    existing,
                    size,
                    "first deploy (namespace existed, no inventory: label fallback)",
                    full,
                    0));

            // A namespace as an older version left it: the same objects, no inventory annotation.
            previews.apply(spec, "reset", full);
            api.client().namespaces().withName(spec.namespace()).edit(ns -> {
                ns.getMetadata().getAnnotations().remove(PreviewLabels.INVENTORY);
                return ns;
            });
            rows.add(deploy(
                    api,
                    previews,
                    spec,
                    size,
                    "redeploy, one object removed, no inventory (label fallback)",
                    oneRemoved,
                    1));
        }
        return rows;
    }

    private static DeployRow deploy(
            MockKubernetesApi api,
            PreviewNamespaces previews,
            PreviewNamespaceSpec spec,
            int size,
            String what,
            List<Map<String, Object>> documents,
            int expectedPruned) {
        api.clearRequests();
        String deployId = "build-" + System.nanoTime();
        LivePreview live = previews.ensureNamespace(spec);
        ApplyReport report = previews.apply(spec, deployId, documents, live.inventory());
        Counts counts = Counts.of(api.requests());
        assertEquals(expectedPruned, report.pruned().size(), what + ": " + report.pruned());
        assertEquals(expectedPruned, counts.delete(), what);
        int rendered = documents.size();
        int goal = 1 + rendered + 4 + expectedPruned;
        if (live.inventory() != null) {
            // Rule (issues 4 and 10): with an inventory, a deploy of N objects is one GET of the namespace (its owner,
            // decided before any write), N + 4 writes, one DELETE per pruned object, and no LIST.
            assertEquals(
                    goal,
                    counts.total(),
                    what + ": "
                            + api.requests().stream()
                                    .map(c -> c.method() + " " + c.path())
                                    .toList());
            assertEquals(1, counts.get(), what);
        } else {
            assertEquals(goal + PrunableKind.values().length, counts.total(), what + ": " + api.requests());
        }
        return new DeployRow(size, what, rendered, counts, goal);
    }

    private void writeChart() throws IOException {
        write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        write("chart/values.yaml", "components: 1\nconfigMaps: 1\n");
        write("chart/templates/components.yaml", """
                {{- range $i := until (int .Values.components) }}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ $.Release.Name }}-c{{ $i }}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: {{ $.Release.Name }}-c{{ $i }}}
                  template:
                    metadata:
                      labels: {app: {{ $.Release.Name }}-c{{ $i }}}
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/shop/app@sha256:{{ repeat 64 "a" }}
                          ports: [{containerPort: 8080}]
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ $.Release.Name }}-c{{ $i }}
                spec:
                  selector: {app: {{ $.Release.Name }}-c{{ $i }}}
                  ports: [{port: 80, targetPort: 8080}]
                {{- end }}
                """);
        write("chart/templates/settings.yaml", """
                {{- range $i := until (int .Values.configMaps) }}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ $.Release.Name }}-settings-{{ $i }}
                data:
                  index: {{ $i | quote }}
                {{- end }}
                """);
    }

    private void write(String relative, String text) throws IOException {
        Path file = chartRoot.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Renderer renderer() {
        Map<String, String> environment = Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(),
                "KUBECACHEDIR", home.resolve("kube").toString(),
                "KUBECONFIG", home.resolve("kubeconfig").toString());
        return new Renderer(
                new ProcessCommandRunner(), new LocalWorkspace(chartRoot), environment, Duration.ofMinutes(1));
    }

    private static List<Map<String, Object>> render(
            Renderer renderer, KubernetesCli cli, int components, int configMaps) {
        return renderer.render(RenderRequest.chart(
                        "chart",
                        "shop",
                        "pr-1",
                        List.of(),
                        Map.of(
                                "components", Integer.toString(components),
                                "configMaps", Integer.toString(configMaps)),
                        cli.helm().toString()))
                .documents();
    }

    // ---- sweep ----

    private record SweepResult(int previews, int expired, int expiredPinned, Counts counts, List<Double> seconds) {

        double medianSeconds() {
            List<Double> sorted = seconds.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    private SweepResult measureSweep() {
        int expired = 0;
        int expiredPinned = 0;
        for (int i = 0; i < NAMESPACES; i++) {
            if (expired(i)) {
                expired++;
                if (pinned(i)) {
                    expiredPinned++;
                }
            }
        }
        Counts counts = null;
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            try (MockKubernetesApi api = MockKubernetesApi.start()) {
                seed(api);
                api.clearRequests();
                PreviewNamespaces previews =
                        new PreviewNamespaces(api.client(), Clock.fixed(NOW, ZoneOffset.UTC), TestInstance.ID);
                long start = System.nanoTime();
                List<SweptPreview> swept = previews.sweepExpired();
                seconds.add((System.nanoTime() - start) / 1e9);
                counts = Counts.of(api.requests());
                // Rule (issue 4): a sweep is one LIST plus one DELETE per expired, unpinned preview.
                assertEquals(expired - expiredPinned, swept.size());
                assertEquals(1, counts.get());
                assertEquals(expired - expiredPinned, counts.delete());
                assertEquals(1 + expired - expiredPinned, counts.total());
            }
        }
        return new SweepResult(NAMESPACES, expired, expiredPinned, counts, seconds);
    }

    private static boolean expired(int i) {
        return i % 2 == 0;
    }

    private static boolean pinned(int i) {
        return i % 5 == 0;
    }

    /** Preview namespaces as deploys leave them (labels, expiry, last deploy, an inventory of 20 objects). */
    private static void seed(MockKubernetesApi api) {
        List<PreviewInventory.AppliedObject> objects = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            objects.add(new PreviewInventory.AppliedObject("apps/v1", "Deployment", "shop-c" + c));
            objects.add(new PreviewInventory.AppliedObject("v1", "Service", "shop-c" + c));
        }
        for (int s = 0; s < 4; s++) {
            objects.add(new PreviewInventory.AppliedObject("v1", "ConfigMap", "shop-settings-" + s));
        }
        for (int i = 0; i < NAMESPACES; i++) {
            String name = "pr-" + (i + 1);
            Instant expiresAt = expired(i) ? NOW.minus(Duration.ofHours(1)) : NOW.plus(Duration.ofHours(1));
            Namespace namespace = new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withLabels(TestInstance.labels("shop", i + 1))
                    .addToAnnotations(PreviewLabels.OWNER, TestInstance.marker("shop", i + 1))
                    .addToAnnotations(PreviewLabels.EXPIRES_AT, expiresAt.toString())
                    .addToAnnotations(
                            PreviewLabels.LAST_DEPLOY, expiresAt.minus(TTL).toString())
                    .addToAnnotations(
                            PreviewLabels.INVENTORY, new PreviewInventory(name, "build-1", objects).annotationValue())
                    .endMetadata()
                    .build();
            if (pinned(i)) {
                namespace.getMetadata().getAnnotations().put(PreviewLabels.PINNED, "true");
            }
            api.client().namespaces().resource(namespace).create();
        }
        for (String other : List.of("default", "kube-system", "payments")) {
            api.client()
                    .namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(other)
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    // ---- report ----

    private static Optional<String> loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return Optional.of(fields[0]);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String report(List<DeployRow> deploys, SweepResult sweep) {
        StringBuilder md = new StringBuilder();
        md.append("## Kubernetes API requests of preview deploys and of the TTL sweep\n\n");
        md.append("Written by `PreviewRequestsBenchmark`. Goal (issue 4, with the read of issue 10): a preview deploy"
                + " of a chart with N objects takes at most N + 5 requests to the Kubernetes API (one GET of the"
                + " namespace that decides who owns it, then N + 4 writes), plus one DELETE per object that the new"
                + " render dropped; a sweep over 5,000 preview namespaces is one LIST plus one DELETE per expired"
                + " namespace.\n\n");
        md.append("### Deploys\n\n");
        md.append(
                "A chart rendered by `helm template` (Deployments and Services in pairs, plus ConfigMaps), deployed"
                        + " as a caller does it: `ensureNamespace` (one GET of the namespace's owner, 3 server-side"
                        + " applies), then `apply` with the inventory that call returned. Requests counted by verb in the mock API server's request log.\n\n");
        md.append("| chart N | deploy | objects rendered | PATCH | GET (LIST) | DELETE | total | goal: 1 + rendered"
                + " + 4 + deletes | met |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (DeployRow row : deploys) {
            boolean met = row.counts().total() <= row.goal();
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %d | %d | %d | %d | %d | %d | %s |%n",
                    row.chartObjects(),
                    row.deploy(),
                    row.rendered(),
                    row.counts().patch(),
                    row.counts().get(),
                    row.counts().delete(),
                    row.counts().total(),
                    row.goal(),
                    met ? "yes" : "no (+" + (row.counts().total() - row.goal()) + ")"));
        }
        md.append("\nA redeploy meets the goal: one GET of the namespace, N applies, 3 namespace/quota/limit-range"
                + " applies, 1 inventory write, and one DELETE per pruned object, with no LIST. So does the first deploy into a namespace"
                + " that this deploy creates: the API server answers the namespace apply with 201 Created instead"
                + " of 200 OK, and a namespace that did not exist a moment ago holds nothing of an earlier deploy,"
                + " so `ensureNamespace` answers an empty inventory and `apply` prunes without listing. A deploy into"
                + " a namespace that existed without an inventory (created beforehand, left by an older version of"
                + " the plugin, or by an interrupted deploy) does not meet it: it cannot tell what an earlier deploy"
                + " left, so it lists each of the " + PrunableKind.values().length + " prunable kinds by label (+"
                + PrunableKind.values().length + "), and writes the inventory for the next deploy. Before the"
                + " inventory every deploy paid those " + PrunableKind.values().length + " LISTs. `deployPreview`"
                + " also reads, in such a namespace, each rendered object once (N GETs) to check that none belongs to"
                + " someone else; with an inventory it reads only the objects the inventory does not list.\n\n");
        md.append("### TTL sweep\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%,d preview namespaces (each with labels, expiry and a 20-object inventory) and 3 other namespaces;"
                        + " a fixed clock puts %,d past their expiry, %,d of those pinned.%n%n",
                sweep.previews(),
                sweep.expired(),
                sweep.expiredPinned()));
        md.append("| preview namespaces | expired | of those pinned | LIST | DELETE | total | goal: 1 + expired"
                + " unpinned | met | seconds (median of " + RUNS + ") |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        int goal = 1 + sweep.expired() - sweep.expiredPinned();
        md.append(String.format(
                Locale.ROOT,
                "| %,d | %,d | %,d | %d | %,d | %,d | %,d | %s | %.2f |%n%n",
                sweep.previews(),
                sweep.expired(),
                sweep.expiredPinned(),
                sweep.counts().get(),
                sweep.counts().delete(),
                sweep.counts().total(),
                goal,
                sweep.counts().total() == goal ? "yes" : "no",
                sweep.medianSeconds()));
        md.append(String.format(
                Locale.ROOT,
                "Runs: %s s. The seconds are those of the in-memory mock server on loopback (one LIST of %,d"
                        + " namespaces, then the DELETEs one after another); a real API server adds its own"
                        + " latency per request. They are reported, never asserted.%n%n",
                sweep.seconds().stream()
                        .map(s -> String.format(Locale.ROOT, "%.2f", s))
                        .toList(),
                sweep.previews() + 3));
        loadAverage()
                .ifPresent(load -> md.append("One-minute load average of the machine after the runs: ")
                        .append(load)
                        .append(" (other builds shared it, so the seconds vary from run to run).\n\n"));
        md.append("The server is fabric8's mock API server in CRUD mode behind the project's `ApiServerDispatcher`:"
                + " it approximates server-side apply as create-or-merge and runs no controllers, so these are"
                + " counts of the requests the plugin sends, not of the work a real API server would do.\n\n");
        md.append("Reproduce:\n\n```\n").append(COMMAND).append("\n```\n\n");
        md.append(PerformanceReport.machine()).append('\n');
        return md.toString();
    }
}
