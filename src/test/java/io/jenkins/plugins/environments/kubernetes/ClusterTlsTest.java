package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS towards the API server: trusting a configured CA, skipping verification, failing the handshake, and client
 * certificates. fabric8's mock API server cannot ask for a client certificate, so these tests serve {@code /version}
 * from a JDK HTTPS server that requires one (mutual TLS) and records the certificate the client presented. Its
 * certificates are made by {@code keytool}.
 */
class ClusterTlsTest {

    private static final String PASSWORD = "changeit-test";
    private static final String GIT_VERSION = "v1.33.2-mtls";

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static String url;
    private static String serverCaPem;
    private static Path rsaClient;
    private static Path ecClient;
    private static Path strangerClient;
    private static final List<String> peers = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> applies = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startServer() throws Exception {
        Path serverStore = SelfSignedKeystores.generate(
                dir.resolve("server.p12"), "server", "EC", "127.0.0.1", "ip:127.0.0.1", PASSWORD);
        rsaClient =
                SelfSignedKeystores.generate(dir.resolve("rsa.p12"), "jenkins", "RSA", "jenkins-rsa", null, PASSWORD);
        ecClient = SelfSignedKeystores.generate(dir.resolve("ec.p12"), "jenkins", "EC", "jenkins-ec", null, PASSWORD);
        strangerClient =
                SelfSignedKeystores.generate(dir.resolve("stranger.p12"), "stranger", "EC", "stranger", null, PASSWORD);

        KeyStore serverKeys = SelfSignedKeystores.load(serverStore, PASSWORD);
        serverCaPem = SelfSignedKeystores.pem(serverKeys.getCertificate("server"));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(
                "rsa", SelfSignedKeystores.load(rsaClient, PASSWORD).getCertificate("jenkins"));
        trusted.setCertificateEntry(
                "ec", SelfSignedKeystores.load(ecClient, PASSWORD).getCertificate("jenkins"));

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeys, PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        server.createContext("/version", exchange -> {
            try (exchange) {
                X509Certificate peer = (X509Certificate)
                        ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
                peers.add(peer.getSubjectX500Principal().getName());
                byte[] body = ("{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"" + GIT_VERSION + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        // Under /api/v1/namespaces/: a GET finds nothing (404); each server-side apply "creates" its object (201)
        // and echoes the body.
        server.createContext("/api/v1/namespaces/", exchange -> {
            try (exchange) {
                X509Certificate peer = (X509Certificate)
                        ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
                applies.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + peer.getSubjectX500Principal().getName());
                if ("GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        url = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void anRsaClientCertificateFromPkcs12AuthenticatesOverMutualTls() throws Exception {
        peers.clear();
        try (ClusterAccess access = certificateAccess(rsaClient, serverCaPem, false)) {
            assertEquals(GIT_VERSION, ClusterProbe.serverVersion(access));
        }
        assertEquals(List.of("CN=jenkins-rsa"), peers);
    }

    @Test
    void anEcClientCertificateFromPkcs12AuthenticatesOverMutualTls() throws Exception {
        peers.clear();
        try (ClusterAccess access = certificateAccess(ecClient, serverCaPem, false)) {
            assertEquals(GIT_VERSION, ClusterProbe.serverVersion(access));
        }
        assertEquals(List.of("CN=jenkins-ec"), peers);
    }

    @Test
    void thePreviewNamespaceApplyUsesTheClientsTlsSettingsAndCertificate() throws Exception {
        // The namespace apply is a raw request (to read 201 vs 200) through the client's own HTTP client: it must
        // trust the configured CA and present the client certificate like fabric8's own requests.
        applies.clear();
        try (ClusterAccess access = certificateAccess(rsaClient, serverCaPem, false);
                KubernetesClient client = ClusterClients.connect(access)) {
            LivePreview live = new PreviewNamespaces(client, Clock.systemUTC(), TestInstance.ID)
                    .ensureNamespace(PreviewNamespaceSpec.of("pr-9", "shop", 9, Duration.ofHours(1)));
            assertEquals(PreviewInventory.empty("pr-9"), live.inventory());
        }
        String apply = " application/apply-patch+yaml; charset=utf-8 CN=jenkins-rsa";
        assertEquals(
                List.of(
                        "GET /api/v1/namespaces/pr-9 null CN=jenkins-rsa",
                        "PATCH /api/v1/namespaces/pr-9?fieldManager=environment-management&force=true" + apply,
                        "PATCH /api/v1/namespaces/pr-9/resourcequotas/preview-quota"
                                + "?fieldManager=environment-management&force=true" + apply,
                        "PATCH /api/v1/namespaces/pr-9/limitranges/preview-limits"
                                + "?fieldManager=environment-management&force=true" + apply),
                applies);
    }

    @Test
    void aServerCertificateThatIsNotTrustedFailsTheHandshake() throws Exception {
        try (ClusterAccess access = certificateAccess(rsaClient, null, false)) {
            ClusterAccessException e =
                    assertThrows(ClusterAccessException.class, () -> ClusterProbe.serverVersion(access));
            assertTrue(
                    e.getMessage().startsWith("Cluster 'secure' at " + url + " failed the TLS handshake ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("for client certificates, credentials 'secure-cert'"), e.getMessage());
        }
    }

    @Test
    void skippingVerificationAcceptsAnUntrustedServer() throws Exception {
        try (ClusterAccess access = certificateAccess(rsaClient, null, true)) {
            assertEquals(GIT_VERSION, ClusterProbe.serverVersion(access));
        }
    }

    @Test
    void aClientCertificateTheServerDoesNotTrustIsRefused() throws Exception {
        try (ClusterAccess access = certificateAccess(strangerClient, serverCaPem, false)) {
            ClusterAccessException e =
                    assertThrows(ClusterAccessException.class, () -> ClusterProbe.serverVersion(access));
            // TLS 1.3 settles client authentication after the handshake: the client sees an alert or a reset.
            assertTrue(e.getMessage().startsWith("Cluster 'secure' at " + url), e.getMessage());
            assertTrue(e.getMessage().contains("credentials 'secure-cert'"), e.getMessage());
        }
    }

    @Test
    void theCaOfAKubeconfigIsUsedWhenTheEntryHasNone() throws Exception {
        ClusterCredential.ClientCertificate certificate =
                ClusterCredential.ClientCertificate.fromPkcs12(Files.readAllBytes(rsaClient), PASSWORD.toCharArray());
        String kubeconfig = Kubeconfigs.of(
                "server: " + url + "\ncertificate-authority-data: " + base64(serverCaPem),
                "client-certificate-data: " + base64(new String(certificate.certificatePem())) + "\n"
                        + "client-key-data: " + base64(new String(certificate.privateKeyPem())));
        certificate.close();
        try (ClusterAccess access = new ClusterAccess(
                "secure", "", null, false, new ClusterCredential.Kubeconfig(kubeconfig.toCharArray()), "kc")) {
            assertEquals(GIT_VERSION, ClusterProbe.serverVersion(access));
        }
    }

    private static ClusterAccess certificateAccess(Path keystore, String caPem, boolean skipTlsVerify)
            throws Exception {
        return new ClusterAccess(
                "secure",
                url,
                caPem,
                skipTlsVerify,
                ClusterCredential.ClientCertificate.fromPkcs12(Files.readAllBytes(keystore), PASSWORD.toCharArray()),
                "secure-cert");
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
