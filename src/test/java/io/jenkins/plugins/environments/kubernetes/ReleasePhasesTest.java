package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.environments.kubernetes.ReleasePhases.DeletePolicy;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import io.jenkins.plugins.environments.render.RenderRequest;
import io.jenkins.plugins.environments.render.RenderedManifests;
import io.jenkins.plugins.environments.render.Renderer;
import io.jenkins.plugins.environments.testing.HookedChart;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReleasePhases} on a chart shaped like a real one ({@link HookedChart}), rendered by the real helm through the
 * plugin's {@link Renderer} ({@code helm template --include-crds}), and on small renders for the rules that refuse.
 */
class ReleasePhasesTest {

    private static final String IMAGE = "registry.example.com/team/shop:1.0";

    private static KubernetesCli cli;
    private static ReleasePhases chart;

    @TempDir
    static Path dir;

    @BeforeAll
    static void render() throws Exception {
        cli = KubernetesCli.create();
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        HookedChart.write(workspace.resolve("chart"), IMAGE);
        RenderRequest request = RenderRequest.of(
                "chart",
                null,
                null,
                List.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                "shop",
                "pr-7",
                cli.helm().toString(),
                "kubectl");
        RenderedManifests rendered = new Renderer(
                        new ProcessCommandRunner(),
                        new LocalWorkspace(workspace),
                        Map.of("HOME", dir.resolve("home").toString()),
                        Duration.ofMinutes(1))
                .render(request);
        chart = ReleasePhases.of("pr-7", rendered.documents());
    }

    @AfterAll
    static void close() {
        cli.close();
    }

    private static List<String> described(List<ReleasePhases.Hook> hooks) {
        return hooks.stream().map(ReleasePhases.Hook::describe).toList();
    }

    private static List<String> names(List<HasMetadata> objects) {
        return objects.stream()
                .map(o -> o.getKind() + " " + o.getMetadata().getName())
                .toList();
    }

    @Test
    void crdsOfTheChartsCrdsFolderAreRenderedAndSetApart() {
        assertEquals(
                List.of(HookedChart.CRD),
                chart.crds().stream().map(RenderedManifests::name).toList());
        assertFalse(names(chart.release()).contains("CustomResourceDefinition " + HookedChart.CRD));
    }

    @Test
    void releaseObjectsAreNeitherHooksNorTestsInHelmsInstallOrder() {
        assertEquals(List.of("Service shop", "Deployment shop"), names(chart.release()));
    }

    @Test
    void installRunsPreInstallHooksByWeightThenName() {
        assertEquals(
                List.of(
                        "Job migrate-schema (pre-install, weight -5)",
                        "Job warm-cache (PreSync, weight -1)",
                        "Job migrate-data (pre-install, weight 0)",
                        "ConfigMap seed (pre-install, weight 3)"),
                described(chart.before(true)));
    }

    @Test
    void upgradeRunsPreUpgradeHooksAndNotTheInstallOnlySeed() {
        assertEquals(
                List.of(
                        "Job migrate-schema (pre-upgrade, weight -5)",
                        "Job warm-cache (PreSync, weight -1)",
                        "Job migrate-data (pre-upgrade, weight 0)"),
                described(chart.before(false)));
    }

    @Test
    void postInstallAndPostUpgradeHooksRunAfter() {
        assertEquals(List.of("Job notify (post-install, weight 0)"), described(chart.after(true)));
        assertEquals(List.of("Job notify (post-upgrade, weight 0)"), described(chart.after(false)));
    }

    @Test
    void helmTestHooksDeleteHooksAndArgoSkipAreNeverApplied() {
        List<String> never = chart.notApplied();
        assertEquals(4, never.size(), never.toString());
        assertTrue(
                never.stream().anyMatch(n -> n.contains("Pod test-connection (helm.sh/hook: test: run by helm test")));
        assertTrue(never.stream()
                .anyMatch(n -> n.contains("Pod legacy-test (helm.sh/hook: test-success: run by helm test")));
        assertTrue(
                never.stream().anyMatch(n -> n.contains("Job cleanup (helm.sh/hook: pre-delete: not a deploy event)")));
        assertTrue(
                never.stream().anyMatch(n -> n.contains("ConfigMap skipped-by-argo (argocd.argoproj.io/hook: Skip)")));
        List<String> applied = names(chart.checkedForOwnership());
        for (String name :
                List.of(HookedChart.TEST_POD, HookedChart.LEGACY_TEST_POD, HookedChart.CLEANUP, HookedChart.SKIPPED)) {
            assertTrue(applied.stream().noneMatch(a -> a.endsWith(" " + name)), name + " in " + applied);
        }
    }

    @Test
    void deletePolicyDefaultsToBeforeHookCreationAsInHelm() {
        Map<String, Set<DeletePolicy>> policies = new java.util.TreeMap<>();
        for (ReleasePhases.Hook hook : chart.before(true)) {
            policies.put(hook.object().getMetadata().getName(), hook.deletePolicies());
        }
        chart.after(true).forEach(h -> policies.put(h.object().getMetadata().getName(), h.deletePolicies()));
        assertEquals(
                Map.of(
                        "migrate-schema", EnumSet.of(DeletePolicy.BEFORE_HOOK_CREATION),
                        "seed", EnumSet.of(DeletePolicy.BEFORE_HOOK_CREATION),
                        "migrate-data", EnumSet.of(DeletePolicy.HOOK_SUCCEEDED),
                        "warm-cache", EnumSet.of(DeletePolicy.HOOK_SUCCEEDED),
                        "notify", EnumSet.of(DeletePolicy.HOOK_SUCCEEDED, DeletePolicy.HOOK_FAILED)),
                policies);
    }

    @Test
    void hooksAreCheckedForTheNamespaceLikeReleaseObjects() {
        for (HasMetadata hook : chart.hookObjects()) {
            assertEquals("pr-7", hook.getMetadata().getNamespace());
        }
        assertEquals(5, chart.hookObjects().size());
    }

    private static List<Map<String, Object>> yaml(String text) {
        return RenderedManifests.parse(text, "test");
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ReleasePhases.of("pr-7", yaml(text)))
                .getMessage();
    }

    @Test
    void argoSyncHooksAreRefusedNamingTheObject() {
        assertEquals(
                "Document 1: Job sync-job has argocd.argoproj.io/hook: Sync; Sync hooks are not supported (the"
                        + " release's objects are applied in one step, and there is no failure phase): use PreSync or"
                        + " PostSync, or a helm.sh/hook",
                message("""
                        apiVersion: batch/v1
                        kind: Job
                        metadata:
                          name: sync-job
                          annotations: {argocd.argoproj.io/hook: Sync}
                        """));
    }

    @Test
    void argoSyncFailHooksAreRefused() {
        assertEquals(
                "Document 2: Pod page-oncall has argocd.argoproj.io/hook: SyncFail; SyncFail hooks are not supported"
                        + " (the release's objects are applied in one step, and there is no failure phase): use"
                        + " PreSync or PostSync, or a helm.sh/hook",
                message("""
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: a}
                        ---
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: page-oncall
                          annotations: {argocd.argoproj.io/hook: SyncFail}
                        """));
    }

    @Test
    void anUnknownDeletePolicyIsRefusedListingTheKnownOnes() {
        assertEquals(
                "Document 1: Job m has helm.sh/hook-delete-policy 'hook-succeded'; known: before-hook-creation,"
                        + " hook-succeeded, hook-failed",
                message("""
                        apiVersion: batch/v1
                        kind: Job
                        metadata:
                          name: m
                          annotations: {helm.sh/hook: pre-install, helm.sh/hook-delete-policy: hook-succeded}
                        """));
    }

    @Test
    void aWeightThatIsNoIntegerIsRefused() {
        assertEquals("Document 1: Job m has helm.sh/hook-weight 'first'; it must be an integer", message("""
                        apiVersion: batch/v1
                        kind: Job
                        metadata:
                          name: m
                          annotations: {helm.sh/hook: pre-upgrade, helm.sh/hook-weight: first}
                        """));
    }

    @Test
    void syncWavesOrderReleaseObjectsStablyAndArgoHooksWinOverHelmHooks() {
        ReleasePhases phases = ReleasePhases.of("pr-7", yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: late, annotations: {argocd.argoproj.io/sync-wave: "2"}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: plain}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: early, annotations: {argocd.argoproj.io/sync-wave: "-3"}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: plain-too}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: both
                  annotations: {argocd.argoproj.io/hook: PostSync, helm.sh/hook: pre-install}
                """));
        assertEquals(
                List.of("ConfigMap early", "ConfigMap plain", "ConfigMap plain-too", "ConfigMap late"),
                names(phases.release()));
        assertEquals(List.of(), phases.before(true));
        assertEquals(List.of("Job both (PostSync, weight 0)"), described(phases.after(true)));
    }

    @Test
    void messagesOfTheNamespaceRulesCountEveryDocumentOfTheRender() {
        assertEquals("Document 3: ConfigMap other names namespace 'prod', not pr-7", message("""
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: t
                          annotations: {helm.sh/hook: test}
                        ---
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: widgets.example.com}
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: other, namespace: prod}
                        """));
    }

    @Test
    void aHookAndAReleaseObjectCannotShareANameAndKind() {
        assertEquals("Document 2: ConfigMap settings appears twice", message("""
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: settings
                          annotations: {helm.sh/hook: post-install}
                        """));
    }
}
