package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterClients} and {@link ClusterProbe} against fabric8's mock API server in CRUD mode, behind a gate that
 * answers 401 unless the request carries the expected bearer token; what reached the server is asserted there.
 */
class ClusterProbeTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.dev-service-account.signature";
    private static final String FORBIDDEN_TOKEN = "eyJhbGciOiJSUzI1NiJ9.no-permissions.signature";
    private static final String GIT_VERSION = "v1.33.2-mock";

    private static KubernetesMockServer server;
    private static BearerTokenGate gate;
    private static String url;

    @BeforeAll
    static void startServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        gate = new BearerTokenGate(new KubernetesMixedDispatcher(responses), TOKEN, FORBIDDEN_TOKEN);
        server = new KubernetesMockServer(
                new Context(),
                new MockWebServer(),
                responses,
                gate,
                false,
                new VersionInfo.Builder()
                        .withMajor("1")
                        .withMinor("33")
                        .withGitVersion(GIT_VERSION)
                        .build());
        server.init(InetAddress.getLoopbackAddress(), 0);
        url = "http://127.0.0.1:" + server.getPort();
    }

    @AfterAll
    static void stopServer() {
        server.destroy();
    }

    @BeforeEach
    void forgetRequests() {
        gate.forget();
    }

    @Test
    void aTokenReachesTheServerAsABearerHeader() throws Exception {
        try (ClusterAccess access = tokenAccess(TOKEN)) {
            assertEquals(GIT_VERSION, ClusterProbe.serverVersion(access));
            try (KubernetesClient client = ClusterClients.connect(access)) {
                client.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName("pr-7")
                                .endMetadata()
                                .build())
                        .create();
                assertEquals(
                        List.of("pr-7"),
                        client.namespaces().list().getItems().stream()
                                .map(n -> n.getMetadata().getName())
                                .toList());
            }
        }
        assertEquals(
                List.of(
                        "GET /version Bearer " + TOKEN,
                        "POST /api/v1/namespaces Bearer " + TOKEN,
                        "GET /api/v1/namespaces Bearer " + TOKEN),
                gate.authorizations());
    }

    @Test
    void aKubeconfigUsesItsCurrentContextsUserAndServer() throws Exception {
        String kubeconfig = Kubeconfigs.withToken(url, TOKEN);
        try (ClusterAccess access = new ClusterAccess(
                "dev", "", null, false, new ClusterCredential.Kubeconfig(kubeconfig.toCharArray()), "dev-kubeconfig")) {
            assertEquals(GIT_VERSION, ClusterProbe.serverVersion(access));
            assertEquals("team-a", ClusterClients.config(access).getNamespace());
        }
        assertEquals(List.of("GET /version Bearer " + TOKEN), gate.authorizations());
    }

    @Test
    void theConfiguredServerWinsOverTheKubeconfigs() throws Exception {
        String kubeconfig = Kubeconfigs.withToken("https://elsewhere.invalid:6443", TOKEN);
        try (ClusterAccess access = new ClusterAccess(
                "dev",
                url,
                null,
                false,
                new ClusterCredential.Kubeconfig(kubeconfig.toCharArray()),
                "dev-kubeconfig")) {
            assertEquals(GIT_VERSION, ClusterProbe.serverVersion(access));
        }
        assertEquals(List.of("GET /version Bearer " + TOKEN), gate.authorizations());
    }

    @Test
    void aWrongTokenGivesAClearErrorWithoutTheToken() {
        String wrong = "eyJhbGciOiJSUzI1NiJ9.someone-else.signature";
        try (ClusterAccess access = tokenAccess(wrong)) {
            ClusterAccessException e =
                    assertThrows(ClusterAccessException.class, () -> ClusterProbe.serverVersion(access));
            assertEquals("Cluster 'dev' at " + url + " rejected credentials 'dev-token' (HTTP 401)", e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(wrong), t::toString);
            }
        }
        assertEquals(List.of("GET /version Bearer " + wrong), gate.authorizations());
    }

    @Test
    void aTokenWithoutPermissionIsDenied() {
        try (ClusterAccess access = tokenAccess(FORBIDDEN_TOKEN)) {
            ClusterAccessException e =
                    assertThrows(ClusterAccessException.class, () -> ClusterProbe.serverVersion(access));
            assertEquals(
                    "Cluster 'dev' at " + url + " denied access to credentials 'dev-token' (HTTP 403)", e.getMessage());
        }
    }

    @Test
    void thePreviewNamespaceApplyCarriesTheClientsTokenAndFailsAsFabric8sOwnApplyWould() throws Exception {
        // PreviewNamespaces sends its namespace apply as a raw request through the client's HTTP client (to read
        // 201 vs 200); it must authenticate like every other request and fail with the same exception.
        PreviewNamespaceSpec spec = PreviewNamespaceSpec.of("pr-8", "shop", 8, Duration.ofHours(1));
        String path = "/api/v1/namespaces/pr-8?fieldManager=environment-management&force=true";
        try (ClusterAccess access = tokenAccess(FORBIDDEN_TOKEN);
                KubernetesClient client = ClusterClients.connect(access)) {
            // Sent directly: through ensureNamespace the GET that decides ownership would fail first.
            KubernetesClientException raw = assertThrows(
                    KubernetesClientException.class,
                    () -> NamespaceApply.apply(
                            client, TestInstance.preview(spec.namespace(), "shop", 8), PreviewLabels.FIELD_MANAGER));
            KubernetesClientException fabric8 = assertThrows(
                    KubernetesClientException.class,
                    () -> client.resource(new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName("pr-8")
                                    .endMetadata()
                                    .build())
                            .fieldManager(PreviewLabels.FIELD_MANAGER)
                            .forceConflicts()
                            .serverSideApply());

            assertEquals(403, raw.getCode());
            assertEquals(fabric8.getMessage(), raw.getMessage());
            assertEquals(fabric8.getStatus(), raw.getStatus());
            assertEquals(
                    "Cluster 'dev' at " + url + " denied access to credentials 'dev-token' (HTTP 403)",
                    ClusterFailures.translate(access, client.getConfiguration(), raw)
                            .getMessage());
        }
        assertEquals(
                List.of("PATCH " + path + " Bearer " + FORBIDDEN_TOKEN, "PATCH " + path + " Bearer " + FORBIDDEN_TOKEN),
                gate.authorizations());
    }

    @Test
    void aWrongTokenInAKubeconfigGivesTheSameError() {
        String kubeconfig = Kubeconfigs.withToken(url, "wrong-token-from-file");
        try (ClusterAccess access = new ClusterAccess(
                "dev", "", null, false, new ClusterCredential.Kubeconfig(kubeconfig.toCharArray()), "dev-kubeconfig")) {
            ClusterAccessException e =
                    assertThrows(ClusterAccessException.class, () -> ClusterProbe.serverVersion(access));
            assertEquals(
                    "Cluster 'dev' at " + url + " rejected credentials 'dev-kubeconfig' (HTTP 401)", e.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsReportedAsSuch() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (ClusterAccess access = new ClusterAccess(
                "dev",
                "http://127.0.0.1:" + port,
                null,
                false,
                new ClusterCredential.Token(TOKEN.toCharArray()),
                "dev-token")) {
            ClusterAccessException e =
                    assertThrows(ClusterAccessException.class, () -> ClusterProbe.serverVersion(access));
            assertTrue(
                    e.getMessage().startsWith("Cluster 'dev' at http://127.0.0.1:" + port + " is unreachable ("),
                    e.getMessage());
        }
    }

    private static ClusterAccess tokenAccess(String token) {
        return new ClusterAccess(
                "dev", url, null, false, new ClusterCredential.Token(token.toCharArray()), "dev-token");
    }
}
