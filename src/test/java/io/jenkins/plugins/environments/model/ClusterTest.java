package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.LABEL_RULE;
import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterTest {

    static final String CERTIFICATE =
            "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nAAECAwQFBgcICQ==\n" + "-----END CERTIFICATE-----\n";
    private static final String URL_EXAMPLE = "for example 'https://k8s.example.com:6443'";
    private static final String PEM_PAIR = "-----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----";

    static Cluster cluster(String id) {
        return new Cluster(id, "https://k8s.example.com:6443", "k8s-token", null, false, 0);
    }

    private static Executable withId(String id) {
        return () -> new Cluster(id, "https://k8s.example.com", "token", null, false, 0);
    }

    private static Executable withUrl(String url) {
        return () -> new Cluster("dev", url, "token", null, false, 0);
    }

    private static Executable withCredentials(String credentialsId) {
        return () -> new Cluster("dev", "https://k8s.example.com", credentialsId, null, false, 0);
    }

    private static Executable withCertificate(String pem) {
        return () -> new Cluster("dev", "https://k8s.example.com", "token", pem, false, 0);
    }

    static Stream<Arguments> badValues() {
        String url = "Server URL ";
        return Stream.of(
                bad(
                        "clusterIdMustBeLabel",
                        withId("Dev_1"),
                        "id",
                        "Cluster id 'Dev_1' is not a valid name: " + LABEL_RULE),
                bad(
                        "clusterIdAtMost63Characters",
                        withId("a".repeat(64)),
                        "id",
                        "Cluster id '" + "a".repeat(64) + "' is not a valid name: " + LABEL_RULE),
                bad(
                        "clusterIdMustNotStartWithHyphen",
                        withId("-dev"),
                        "id",
                        "Cluster id '-dev' is not a valid name: " + LABEL_RULE),
                bad(
                        "clusterIdMustNotContainDot",
                        withId("dev.eu"),
                        "id",
                        "Cluster id 'dev.eu' is not a valid name: " + LABEL_RULE),
                bad("clusterIdIsRequired", withId(null), "id", "Cluster id is required"),
                bad("clusterIdMustNotBeBlank", withId("  "), "id", "Cluster id is required"),
                bad("serverUrlIsRequired", withUrl(""), "serverUrl", "Server URL is required"),
                bad(
                        "serverUrlMustBeHttpsUnlessLoopback",
                        withUrl("http://k8s.example.com"),
                        "serverUrl",
                        url + "'http://k8s.example.com' uses plain http, which is allowed only for a loopback host"
                                + " (localhost, 127.0.0.1, [::1]): use https://"),
                bad(
                        "serverUrlMustBeHttpsUnlessLoopback: private address",
                        withUrl("http://10.0.0.1:6443"),
                        "serverUrl",
                        url + "'http://10.0.0.1:6443' uses plain http, which is allowed only for a loopback host"
                                + " (localhost, 127.0.0.1, [::1]): use https://"),
                bad(
                        "serverUrlMustHaveScheme",
                        withUrl("k8s.example.com:6443"),
                        "serverUrl",
                        url + "'k8s.example.com:6443' must start with https://, " + URL_EXAMPLE),
                bad(
                        "serverUrlMustNotUseOtherScheme",
                        withUrl("ftp://k8s.example.com"),
                        "serverUrl",
                        url + "'ftp://k8s.example.com' must start with https://, " + URL_EXAMPLE),
                bad(
                        "serverUrlMustHaveHost",
                        withUrl("https:///api"),
                        "serverUrl",
                        url + "'https:///api' has no valid host: " + URL_EXAMPLE),
                bad(
                        "serverUrlHostMustBeValid",
                        withUrl("https://k8s_dev.example.com"),
                        "serverUrl",
                        url + "'https://k8s_dev.example.com' has no valid host: " + URL_EXAMPLE),
                bad(
                        "serverUrlMustParse",
                        withUrl("https://k8s example.com"),
                        "serverUrl",
                        url + "'https://k8s example.com' is not a valid URL: " + URL_EXAMPLE),
                bad(
                        "serverUrlPortAtMost65535",
                        withUrl("https://k8s.example.com:70000"),
                        "serverUrl",
                        url
                                + "'https://k8s.example.com:70000' has an invalid port '70000': use a number from 1 to 65535"),
                bad(
                        "serverUrlPortAtLeast1",
                        withUrl("https://k8s.example.com:0"),
                        "serverUrl",
                        url + "'https://k8s.example.com:0' has an invalid port '0': use a number from 1 to 65535"),
                bad(
                        "serverUrlMustNotHaveQuery",
                        withUrl("https://k8s.example.com?insecure=1"),
                        "serverUrl",
                        url + "'https://k8s.example.com?insecure=1' must not have a query or fragment: " + URL_EXAMPLE),
                bad(
                        "serverUrlMustNotCarryCredentials",
                        withUrl("https://admin:s3cret@k8s.example.com"),
                        "serverUrl",
                        "Server URL must not contain a user name or password; put them in Jenkins credentials"),
                bad(
                        "serverUrlMustNotContainControlCharacters",
                        withUrl("https://k8s.example.com\n"),
                        "serverUrl",
                        url + "'https://k8s.example.com\\u000A' must not contain control characters such as line"
                                + " breaks"),
                bad("credentialsIdIsRequired", withCredentials(null), "credentialsId", "Credentials id is required"),
                bad(
                        "credentialsIdAtMost256Characters",
                        withCredentials("x".repeat(257)),
                        "credentialsId",
                        "Credentials id is 257 characters long: use at most 256"),
                bad(
                        "credentialsIdMustNotContainControlCharacters",
                        withCredentials("k8s\ttoken"),
                        "credentialsId",
                        "Credentials id 'k8s\\u0009token' must not contain control characters such as line breaks"),
                bad(
                        "caCertificateMustBePem",
                        withCertificate("not a certificate"),
                        "caCertificate",
                        "CA certificate is not a PEM certificate: paste the text from -----BEGIN CERTIFICATE----- to"
                                + " -----END CERTIFICATE-----"),
                bad(
                        "caCertificateBodyMustBeBase64",
                        withCertificate("-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----"),
                        "caCertificate",
                        "CA certificate number 1 is not valid PEM: the text between " + PEM_PAIR + " must be base64"),
                bad(
                        "caCertificateBodyMustNotBeEmpty",
                        withCertificate("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----"),
                        "caCertificate",
                        "CA certificate number 1 is not valid PEM: the text between " + PEM_PAIR + " must be base64"),
                bad(
                        "caCertificateEveryBlockMustDecode",
                        withCertificate(
                                CERTIFICATE + "-----BEGIN CERTIFICATE-----\nMIIB@@@@\n-----END CERTIFICATE-----"),
                        "caCertificate",
                        "CA certificate number 2 is not valid PEM: the text between " + PEM_PAIR + " must be base64"),
                bad(
                        "caCertificateNeedsEndLine",
                        withCertificate("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n"),
                        "caCertificate",
                        "CA certificate has a -----BEGIN CERTIFICATE----- or -----END CERTIFICATE----- line without"
                                + " its partner"),
                bad(
                        "caCertificateBlocksMustNotNest",
                        withCertificate("-----BEGIN CERTIFICATE-----\n" + CERTIFICATE),
                        "caCertificate",
                        "CA certificate has a -----BEGIN CERTIFICATE----- or -----END CERTIFICATE----- line without"
                                + " its partner"),
                bad(
                        "caCertificateMustNotBeAPrivateKey",
                        withCertificate("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg==\n-----END PRIVATE KEY-----"),
                        "caCertificate",
                        "CA certificate contains a private key: paste only the certificate, never a private key"),
                bad(
                        "maxConcurrentPreviewsNotNegative",
                        () -> new Cluster("dev", "https://k8s.example.com", "token", null, false, -1),
                        "maxConcurrentPreviews",
                        "Max concurrent previews is -1: use 0 for no limit or a positive number"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080",
                "http://127.1.2.3",
                "http://localhost:6443",
                "http://[::1]:6443",
                "https://k8s.example.com",
                "https://10.0.0.1:6443/k8s/clusters/c-1",
                "https://[2001:db8::1]:6443"
            })
    void serverUrlMustBeHttpsUnlessLoopback_acceptsHttpsAndLoopbackHttp(String url) {
        assertEquals(url, new Cluster("dev", url, "token", null, false, 0).serverUrl());
    }

    @Test
    void caCertificateIsOptional_blankMeansNone() {
        assertNull(new Cluster("dev", "https://k8s.example.com", "token", "  \n", false, 0).caCertificate());
    }

    @Test
    void caCertificateAcceptsBundleWithComments() {
        String bundle = "# Issuer: Example Root\n" + CERTIFICATE + "\n# Intermediate\n" + CERTIFICATE;
        assertEquals(bundle, new Cluster("dev", "https://k8s.example.com", "token", bundle, false, 0).caCertificate());
    }

    @Test
    void maxConcurrentPreviewsZeroMeansUnlimited() {
        assertFalse(cluster("dev").limitsPreviews());
        assertTrue(new Cluster("dev", "https://k8s.example.com", "token", null, false, 3).limitsPreviews());
    }

    @Test
    void skipTlsVerifyGivesLoudWarningNamingTheCluster() {
        Cluster insecure = new Cluster("scratch", "https://k8s.example.com", "token", null, true, 0);
        assertEquals(
                List.of("Cluster 'scratch' skips TLS verification: anyone who can intercept the connection can read"
                        + " its credentials; set a CA certificate instead"),
                insecure.warnings());
    }

    @Test
    void skipTlsVerifyWithCaCertificateWarnsThatTheCertificateIsUnused() {
        Cluster both = new Cluster("scratch", "https://k8s.example.com", "token", CERTIFICATE, true, 0);
        assertEquals(2, both.warnings().size());
        assertEquals(
                "Cluster 'scratch' has a CA certificate that is not used, because it skips TLS verification",
                both.warnings().get(1));
    }

    @Test
    void verifiedClusterHasNoWarnings() {
        assertEquals(List.of(), cluster("dev").warnings());
    }

    @Test
    void fieldChecksAreReusableByForms() {
        assertEquals(
                "Cluster id 'Dev' is not a valid name: " + LABEL_RULE,
                InvalidConfigurationException.problemWith(() -> Cluster.checkId("Dev"))
                        .orElseThrow());
        assertTrue(InvalidConfigurationException.problemWith(() -> Cluster.checkServerUrl("https://k8s.example.com"))
                .isEmpty());
    }

    @Test
    void credentialsMessageNeverRepeatsAPasswordInTheUrl() {
        InvalidConfigurationException e = Rejections.assertRejected(
                withUrl("https://admin:s3cret@k8s.example.com"),
                "serverUrl",
                "Server URL must not contain a user name or password; put them in Jenkins credentials");
        assertFalse(e.getMessage().contains("s3cret"));
    }
}
