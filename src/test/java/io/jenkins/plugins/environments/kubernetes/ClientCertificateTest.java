package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PKCS#12 to PEM, checked by parsing the PEM back with the JDK and comparing it with the keystore. */
class ClientCertificateTest {

    private static final String PASSWORD = "keystore-Pa55";

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        SelfSignedKeystores.generate(dir.resolve("RSA.p12"), "client", "RSA", "jenkins-rsa", null, PASSWORD);
        SelfSignedKeystores.generate(dir.resolve("EC.p12"), "client", "EC", "jenkins-ec", null, PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void pkcs12RoundTripsThroughPem(String algorithm) throws Exception {
        Path file = dir.resolve(algorithm + ".p12");
        KeyStore store = SelfSignedKeystores.load(file, PASSWORD);
        Certificate original = store.getCertificate("client");

        ClusterCredential.ClientCertificate converted =
                ClusterCredential.ClientCertificate.fromPkcs12(Files.readAllBytes(file), PASSWORD.toCharArray());
        String certificatePem = new String(converted.certificatePem());
        String keyPem = new String(converted.privateKeyPem());

        assertTrue(certificatePem.startsWith("-----BEGIN CERTIFICATE-----\n"), certificatePem);
        List<? extends Certificate> parsed = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII))));
        assertEquals(1, parsed.size());
        assertEquals(original, parsed.get(0));
        assertEquals(original.getPublicKey(), parsed.get(0).getPublicKey());

        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"), keyPem);
        assertTrue(keyPem.endsWith("-----END PRIVATE KEY-----\n"), keyPem);
        String body = keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        assertArrayEquals(store.getKey("client", PASSWORD.toCharArray()).getEncoded(), key.getEncoded());
        // The key belongs to the certificate: what it signs, the certificate's public key verifies.
        String signatureAlgorithm = algorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(key);
        signer.update("proof".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(parsed.get(0).getPublicKey());
        verifier.update("proof".getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(signature));
        assertEquals(algorithm, ClientKeys.algorithm(converted.privateKeyPem()));
    }

    @Test
    void aWrongKeystorePasswordIsReportedWithoutThePassword() {
        String wrong = "wrong-Pa55-word";
        ClusterAccessException e = assertThrows(
                ClusterAccessException.class,
                () -> ClusterCredential.ClientCertificate.fromPkcs12(
                        Files.readAllBytes(dir.resolve("RSA.p12")), wrong.toCharArray()));
        assertTrue(e.getMessage().startsWith("Cannot open the PKCS#12 keystore"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void notAKeystoreIsReported() {
        ClusterAccessException e = assertThrows(
                ClusterAccessException.class,
                () -> ClusterCredential.ClientCertificate.fromPkcs12(
                        "not a keystore".getBytes(StandardCharsets.UTF_8), PASSWORD.toCharArray()));
        assertTrue(e.getMessage().startsWith("Cannot open the PKCS#12 keystore"), e.getMessage());
    }

    @Test
    void aKeystoreWithoutAPrivateKeyIsReported() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(
                "ca", SelfSignedKeystores.load(dir.resolve("RSA.p12"), PASSWORD).getCertificate("client"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, PASSWORD.toCharArray());
        ClusterAccessException e = assertThrows(
                ClusterAccessException.class,
                () -> ClusterCredential.ClientCertificate.fromPkcs12(out.toByteArray(), PASSWORD.toCharArray()));
        assertEquals("The PKCS#12 keystore holds no private key with a certificate", e.getMessage());
    }

    @Test
    void closeWipesBothPems() throws Exception {
        ClusterCredential.ClientCertificate certificate = ClusterCredential.ClientCertificate.fromPkcs12(
                Files.readAllBytes(dir.resolve("EC.p12")), PASSWORD.toCharArray());
        char[] certificatePem = certificate.certificatePem();
        char[] keyPem = certificate.privateKeyPem();
        certificate.close();
        assertTrue(new String(certificatePem).chars().allMatch(c -> c == 0));
        assertTrue(new String(keyPem).chars().allMatch(c -> c == 0));
        assertThrows(IllegalStateException.class, certificate::privateKeyPem);
    }

    @Test
    void unsupportedKeysAreNamedWithoutQuotingThem() {
        assertThrows(IllegalArgumentException.class, () -> ClientKeys.algorithm("no pem here".toCharArray()));
        IllegalArgumentException encrypted = assertThrows(
                IllegalArgumentException.class,
                () -> ClientKeys.algorithm(
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"
                                .toCharArray()));
        assertEquals("encrypted private keys are not supported", encrypted.getMessage());
        IllegalArgumentException garbage = assertThrows(
                IllegalArgumentException.class,
                () -> ClientKeys.algorithm(
                        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n".toCharArray()));
        assertFalse(garbage.getMessage().contains("c2VjcmV0"), garbage.getMessage());
    }
}
