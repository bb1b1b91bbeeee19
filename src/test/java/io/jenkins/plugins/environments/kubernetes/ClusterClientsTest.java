package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fabric8 configuration built from each kind of credential, and what wins when a kubeconfig is involved. */
class ClusterClientsTest {

    private static final String SERVER = "https://10.0.0.1:6443";
    private static final String TOKEN = "sa-token-value-1234";
    private static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void nothingComesFromTheMachine() throws Exception {
        // fabric8's auto-configuration would read these (and ~/.kube/config, and a mounted service account).
        String[] properties = {"kubernetes.master", "kubernetes.auth.token", "kubernetes.namespace"};
        System.setProperty("kubernetes.master", "https://leaked.invalid:1");
        System.setProperty("kubernetes.auth.token", "leaked-token");
        System.setProperty("kubernetes.namespace", "leaked-namespace");
        try (ClusterAccess access = tokenAccess()) {
            Config config = ClusterClients.config(access);
            assertEquals(SERVER + "/", config.getMasterUrl(), "fabric8 adds the slash");
            assertEquals(TOKEN, config.getOauthToken());
            assertNull(config.getNamespace());
            assertFalse(Boolean.TRUE.equals(config.getAutoConfigure()));
            assertNull(config.getCurrentContext());
            assertEquals(List.of(), config.getContexts());
            assertNull(config.getCaCertFile());
            assertNull(config.getClientCertFile());
            assertNull(config.getUsername());
            assertFalse(config.isTrustCerts());
        } finally {
            for (String property : properties) {
                System.clearProperty(property);
            }
        }
    }

    @Test
    void caAndSkipTlsVerifyComeFromTheEntry() throws Exception {
        try (ClusterAccess access = new ClusterAccess(
                "dev", SERVER, CA_PEM, true, new ClusterCredential.Token(TOKEN.toCharArray()), "dev-token")) {
            Config config = ClusterClients.config(access);
            assertEquals(CA_PEM, decode(config.getCaCertData()));
            assertTrue(config.isTrustCerts());
            assertTrue(config.isDisableHostnameVerification());
        }
    }

    /**
     * The built configuration carries the client certificate and key; fabric8's mock server cannot check mutual TLS,
     * which {@link ClusterTlsTest} does against a JDK HTTPS server instead.
     */
    @Test
    void aClientCertificateIsCarriedInTheConfig(@TempDir Path dir) throws Exception {
        Path keystore = SelfSignedKeystores.generate(dir.resolve("c.p12"), "c", "RSA", "jenkins", null, "pw-123456");
        ClusterCredential.ClientCertificate certificate =
                ClusterCredential.ClientCertificate.fromPkcs12(Files.readAllBytes(keystore), "pw-123456".toCharArray());
        String certificatePem = new String(certificate.certificatePem());
        String keyPem = new String(certificate.privateKeyPem());
        try (ClusterAccess access = new ClusterAccess("dev", SERVER, null, false, certificate, "dev-cert")) {
            Config config = ClusterClients.config(access);
            assertEquals(certificatePem, decode(config.getClientCertData()));
            assertEquals(keyPem, decode(config.getClientKeyData()));
            assertEquals("RSA", config.getClientKeyAlgo());
            assertNull(config.getOauthToken());
        }
    }

    @Test
    void aKubeconfigFillsWhatTheEntryLeavesBlank() throws Exception {
        String kubeconfig = Kubeconfigs.of(
                "server: https://from-file.example:6443\ncertificate-authority-data: " + base64(CA_PEM)
                        + "\ninsecure-skip-tls-verify: true",
                "token: " + TOKEN);
        try (ClusterAccess access = kubeconfigAccess("", kubeconfig)) {
            Config config = ClusterClients.config(access);
            assertEquals("https://from-file.example:6443/", config.getMasterUrl());
            assertEquals(CA_PEM, decode(config.getCaCertData()));
            assertTrue(config.isTrustCerts(), "the file's insecure flag applies to the file's own server");
            assertEquals(TOKEN, config.getOauthToken());
            assertEquals("team-a", config.getNamespace());
        }
    }

    @Test
    void theEntryWinsOverTheKubeconfigAndTheFilesInsecureFlagStaysWithTheFilesServer() throws Exception {
        String kubeconfig = Kubeconfigs.of(
                "server: https://from-file.example:6443\ninsecure-skip-tls-verify: true", "token: " + TOKEN);
        try (ClusterAccess access = kubeconfigAccess(SERVER, kubeconfig)) {
            Config config = ClusterClients.config(access);
            assertEquals(SERVER + "/", config.getMasterUrl(), "fabric8 adds the slash");
            assertFalse(config.isTrustCerts());
        }
        try (ClusterAccess access = kubeconfigAccess("https://from-file.example:6443/", kubeconfig)) {
            assertTrue(ClusterClients.config(access).isTrustCerts(), "same server, written with a slash");
        }
    }

    @Test
    void aKubeconfigWithClientCertificateDataIsUsed(@TempDir Path dir) throws Exception {
        Path keystore = SelfSignedKeystores.generate(dir.resolve("k.p12"), "k", "EC", "jenkins", null, "pw-123456");
        ClusterCredential.ClientCertificate certificate =
                ClusterCredential.ClientCertificate.fromPkcs12(Files.readAllBytes(keystore), "pw-123456".toCharArray());
        String certificatePem = new String(certificate.certificatePem());
        String keyPem = new String(certificate.privateKeyPem());
        certificate.close();
        String kubeconfig = Kubeconfigs.of(
                "server: " + SERVER,
                "client-certificate-data: " + base64(certificatePem) + "\nclient-key-data: " + base64(keyPem));
        try (ClusterAccess access = kubeconfigAccess("", kubeconfig)) {
            Config config = ClusterClients.config(access);
            assertEquals(certificatePem, decode(config.getClientCertData()));
            assertEquals(keyPem, decode(config.getClientKeyData()));
            assertEquals("EC", config.getClientKeyAlgo());
        }
    }

    @Test
    void kubeconfigsThatRunProgramsOrReadFilesAreRefused() {
        List<String> users = List.of(
                "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: /bin/steal",
                "tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token",
                "client-certificate: /etc/kubernetes/pki/admin.crt\nclient-key: /etc/kubernetes/pki/admin.key",
                "auth-provider:\n  name: oidc");
        List<String> named = List.of("exec", "tokenFile", "client-certificate, client-key", "auth-provider");
        for (int i = 0; i < users.size(); i++) {
            try (ClusterAccess access = kubeconfigAccess(SERVER, Kubeconfigs.of("server: " + SERVER, users.get(i)))) {
                ClusterAccessException e =
                        assertThrows(ClusterAccessException.class, () -> ClusterClients.config(access));
                assertTrue(
                        e.getMessage()
                                .startsWith("Cluster 'dev' at " + SERVER + " (credentials 'dev-kubeconfig'): the"
                                        + " kubeconfig uses " + named.get(i) + ";"),
                        e.getMessage());
            }
        }
    }

    @Test
    void anUnreadableKubeconfigIsReportedWithoutQuotingIt() {
        String broken = "users:\n- name: x\n  user:\n    token: [unclosed-" + TOKEN + "\n  : :";
        try (ClusterAccess access = kubeconfigAccess(SERVER, broken)) {
            ClusterAccessException e = assertThrows(ClusterAccessException.class, () -> ClusterClients.config(access));
            assertTrue(e.getMessage().contains("the kubeconfig file cannot be parsed"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertNull(e.getCause());
        }
    }

    @Test
    void anUnusableClientKeyIsReportedWithoutQuotingIt() {
        char[] key = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END PRIVATE KEY-----\n".toCharArray();
        try (ClusterAccess access = new ClusterAccess(
                "dev", SERVER, null, false, new ClusterCredential.ClientCertificate(CA_PEM.toCharArray(), key), "c")) {
            ClusterAccessException e = assertThrows(ClusterAccessException.class, () -> ClusterClients.config(access));
            assertEquals(
                    "Cluster 'dev' at " + SERVER + ": the private key of credentials 'c' cannot be used: the PKCS#8"
                            + " private key is neither RSA nor EC",
                    e.getMessage());
        }
    }

    @Test
    void aMissingServerIsReported() {
        try (ClusterAccess access =
                new ClusterAccess("dev", " ", null, false, new ClusterCredential.Token(TOKEN.toCharArray()), "t")) {
            ClusterAccessException e = assertThrows(ClusterAccessException.class, () -> ClusterClients.config(access));
            assertTrue(e.getMessage().startsWith("Cluster 'dev' has no server URL"), e.getMessage());
        }
    }

    @Test
    void toStringsHoldNoSecretAndCloseWipes() {
        char[] token = TOKEN.toCharArray();
        char[] kubeconfig = Kubeconfigs.withToken(SERVER, TOKEN).toCharArray();
        char[] certificate = CA_PEM.toCharArray();
        char[] key = "-----BEGIN PRIVATE KEY-----\nsecret-key\n-----END PRIVATE KEY-----\n".toCharArray();
        List<ClusterAccess> accesses = List.of(
                new ClusterAccess("dev", SERVER, null, false, new ClusterCredential.Token(token), "a"),
                new ClusterAccess("dev", SERVER, null, false, new ClusterCredential.Kubeconfig(kubeconfig), "b"),
                new ClusterAccess(
                        "dev", SERVER, null, false, new ClusterCredential.ClientCertificate(certificate, key), "c"));
        for (ClusterAccess access : accesses) {
            for (Object shown : List.of(access, access.credential())) {
                assertFalse(shown.toString().contains(TOKEN), shown::toString);
                assertFalse(shown.toString().contains("secret-key"), shown::toString);
                assertFalse(shown.toString().contains("MIIB"), shown::toString);
            }
            access.close();
        }
        for (char[] wiped : List.of(token, kubeconfig, certificate, key)) {
            assertTrue(new String(wiped).chars().allMatch(c -> c == 0));
        }
        assertEquals(
                "ClusterAccess[cluster=dev, server=" + SERVER + ", skipTlsVerify=false, credentials=a (token)]",
                accesses.get(0).toString());
        assertThrows(IllegalStateException.class, () -> ClusterClients.config(accesses.get(0)));
    }

    private static ClusterAccess tokenAccess() {
        return new ClusterAccess("dev", SERVER, null, false, new ClusterCredential.Token(TOKEN.toCharArray()), "t");
    }

    private static ClusterAccess kubeconfigAccess(String server, String kubeconfig) {
        return new ClusterAccess(
                "dev",
                server,
                null,
                false,
                new ClusterCredential.Kubeconfig(kubeconfig.toCharArray()),
                "dev-kubeconfig");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
