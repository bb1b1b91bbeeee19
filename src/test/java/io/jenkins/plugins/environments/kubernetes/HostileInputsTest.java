package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile names, numbers and documents are rejected with an exact message before {@link PreviewNamespaces} sends
 * anything: the mock API server's request log stays empty.
 */
class HostileInputsTest {

    private static final String NAME_RULE = " is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-',"
            + " starting and ending with a letter or digit";
    private static final String LABEL_RULE = " is not a valid label value: 1 to 63 letters, digits, '-', '_' or '.',"
            + " starting and ending with a letter or digit";

    private static MockKubernetesApi api;
    private static PreviewNamespaces previews;

    @BeforeAll
    static void start() {
        api = MockKubernetesApi.start();
        previews = new PreviewNamespaces(api.client(), Clock.systemUTC(), TestInstance.ID);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void forget() {
        api.clearRequests();
    }

    static List<Object[]> hostileNames() {
        String long64 = "a".repeat(64);
        return List.of(
                new Object[] {"1; rm -rf /", "'1; rm -rf /'"},
                new Object[] {"../../x", "'../../x'"},
                new Object[] {long64, "'" + long64 + "' (64 characters)"},
                new Object[] {"PR-42", "'PR-42'"},
                new Object[] {"pr-42\u00e9", "'pr-42\\u00e9'"},
                new Object[] {"", "''"},
                new Object[] {"-pr", "'-pr'"},
                new Object[] {"pr-", "'pr-'"},
                new Object[] {"pr_42", "'pr_42'"},
                new Object[] {"pr.42", "'pr.42'"},
                new Object[] {"pr 42", "'pr 42'"},
                new Object[] {"pr-42\nkube-system", "'pr-42\\u000akube-system'"},
                new Object[] {"kube-system/secrets", "'kube-system/secrets'"},
                new Object[] {"$(id)", "'$(id)'"},
                new Object[] {"pr-42?watch=true", "'pr-42?watch=true'"},
                new Object[] {"%2e%2e", "'%2e%2e'"},
                new Object[] {"\u0440r-42", "'\\u0440r-42'"},
                new Object[] {null, "null"});
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void removePreviewRejectsHostileNames(String name, String quoted) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> previews.removePreview(name, "shop", 42, Duration.ofSeconds(1)));
        assertEquals("Namespace name " + quoted + NAME_RULE, e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void awaitReadyRejectsHostileNamespaces(String name, String quoted) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> previews.awaitReady(name, List.of(), Duration.ofSeconds(1)));
        assertEquals("Namespace name " + quoted + NAME_RULE, e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void listPreviewsRejectsHostileAppNames(String name, String quoted) {
        if (name == null) {
            return; // null means "every app" there
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> previews.listPreviews(name));
        assertEquals("App name " + quoted + NAME_RULE, e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void specRejectsHostileNamespaceAndAppNames(String name, String quoted) {
        IllegalArgumentException namespace = assertThrows(
                IllegalArgumentException.class, () -> PreviewNamespaceSpec.of(name, "shop", 1, Duration.ofHours(1)));
        assertEquals("Namespace name " + quoted + NAME_RULE, namespace.getMessage());
        IllegalArgumentException app = assertThrows(
                IllegalArgumentException.class, () -> PreviewNamespaceSpec.of("pr-1", name, 1, Duration.ofHours(1)));
        assertEquals("App name " + quoted + NAME_RULE, app.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"-1", "0", "1.5", "+3", "007", "1e3", "42; rm -rf /", "", " 42", "9999999999", "\u0664\u0662"})
    void pullRequestNumbersMustBePositiveIntegers(String text) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PreviewInputs.pullRequest(text));
        assertEquals(
                "Pull request number must be a positive integer, not " + PreviewInputs.quote(text), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, Integer.MIN_VALUE})
    void specRejectsNonPositivePullRequests(int pr) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PreviewNamespaceSpec.of("pr-1", "shop", pr, Duration.ofHours(1)));
        assertEquals("Pull request number must be a positive integer, not " + pr, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "build 1",
                "build/1",
                "-build",
                "build-",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "b\u00fcild"
            })
    void applyRejectsHostileDeployIdsBeforeAnyRequest(String deployId) {
        PreviewNamespaceSpec spec = PreviewNamespaceSpec.of("pr-1", "shop", 1, Duration.ofHours(1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> previews.apply(spec, deployId, List.of()));
        assertEquals("Deploy id " + PreviewInputs.quote(deployId) + LABEL_RULE, e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    static List<Object[]> hostileDocuments() {
        return List.of(
                new Object[] {
                    Map.of("kind", "ConfigMap", "metadata", Map.of("name", "x")), "Document 2 has no apiVersion or kind"
                },
                new Object[] {
                    Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "../x")),
                    "Document 2: ConfigMap name '../x'" + LABEL_RULE
                },
                new Object[] {
                    Map.of(
                            "apiVersion",
                            "v1",
                            "kind",
                            "ConfigMap",
                            "metadata",
                            Map.of("name", "x", "namespace", "kube-system")),
                    "Document 2: ConfigMap x names namespace 'kube-system', not pr-1"
                },
                new Object[] {
                    Map.of(
                            "apiVersion",
                            "rbac.authorization.k8s.io/v1",
                            "kind",
                            "ClusterRoleBinding",
                            "metadata",
                            Map.of("name", "root")),
                    "Document 2: ClusterRoleBinding root is cluster-scoped; only namespaced objects can be deployed into"
                            + " namespace pr-1"
                },
                new Object[] {
                    Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "ok")),
                    "Document 2: ConfigMap ok appears twice"
                },
                new Object[] {"kind: ConfigMap", "Document 2 is neither a Kubernetes object nor a map"});
    }

    @ParameterizedTest
    @MethodSource("hostileDocuments")
    void applyRejectsHostileDocumentsBeforeAnyRequest(Object document, String message) {
        PreviewNamespaceSpec spec = PreviewNamespaceSpec.of("pr-1", "shop", 1, Duration.ofHours(1));
        Map<String, Object> fine = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "ok"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> previews.apply(spec, "build-1", List.of(fine, document)));
        assertEquals(message, e.getMessage());
        assertEquals(List.of(), api.requests());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "file:///etc/passwd",
                "https://ci example.com/",
                "not a url",
                "job/../../manage/",
                "job/a//b/",
                "/job/shop/1/"
            })
    void specRejectsBuildUrlsThatAreNotHttp(String url) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new PreviewNamespaceSpec(
                        "pr-1", "shop", 1, Duration.ofHours(1), url, false, PreviewQuota.standard()));
        assertEquals(
                "Build URL " + PreviewInputs.quote(url)
                        + " is not an http(s) URL or a run's path under the Jenkins root (job/…)",
                e.getMessage());
    }

    @Test
    void specTakesARunPathWhenJenkinsHasNoRootUrl() {
        PreviewNamespaceSpec spec = new PreviewNamespaceSpec(
                "pr-1", "shop", 1, Duration.ofHours(1), "job/shop/job/PR-1/3/", false, PreviewQuota.standard());

        assertEquals("job/shop/job/PR-1/3/", spec.buildUrl());
    }
}
