package io.jenkins.plugins.environments.promotion;

import static io.jenkins.plugins.environments.promotion.CosignFixture.layer;
import static io.jenkins.plugins.environments.promotion.CosignFixture.manifest;
import static io.jenkins.plugins.environments.promotion.CosignFixture.payload;
import static io.jenkins.plugins.environments.promotion.CosignFixture.sign;
import static io.jenkins.plugins.environments.promotion.CosignFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.testing.OciLayout;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The signature rule, without a registry: which signature manifests and payloads sign a digest with a key. */
class SignatureVerifierTest {

    static final String REPO = "127.0.0.1:5000/team/app";
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);

    static final KeyPair EC = CosignFixture.ec("secp256r1");
    static final KeyPair OTHER_EC = CosignFixture.ec("secp256r1");
    static final KeyPair RSA = CosignFixture.generate("RSA", 2048);
    static final KeyPair ED25519 = CosignFixture.generate("Ed25519", 0);

    static final SigningKey EC_KEY = SigningKey.fromPem("prod-signing", CosignFixture.pem(EC.getPublic()));
    static final SigningKey RSA_KEY = SigningKey.fromPem("prod-signing", CosignFixture.pem(RSA.getPublic()));
    static final SigningKey ED_KEY = SigningKey.fromPem("prod-signing", CosignFixture.pem(ED25519.getPublic()));

    /** One signature manifest and the payload blobs the registry holds for it. */
    record Signed(byte[] manifest, Map<String, byte[]> payloads) {

        static Signed one(byte[] payload, String signature) {
            return new Signed(
                    CosignFixture.manifest(List.of(layer(payload, signature))),
                    Map.of(OciLayout.sha256(payload), payload));
        }
    }

    static Stream<Arguments> signatures() {
        byte[] good = payload(REPO, DIGEST);
        byte[] forOther = payload(REPO, OTHER_DIGEST);
        byte[] wrongType = payload(REPO, DIGEST, "something else");
        byte[] altered = payload(REPO, OTHER_DIGEST);
        String goodSignature = sign(EC.getPrivate(), good);
        String badLayer = "the signature does not verify with this key (signed by another key, or payload altered)";
        return Stream.of(
                Arguments.of("valid ECDSA P-256", EC_KEY, Signed.one(good, goodSignature), null),
                Arguments.of("valid RSA", RSA_KEY, Signed.one(good, sign(RSA.getPrivate(), good)), null),
                Arguments.of("valid Ed25519", ED_KEY, Signed.one(good, sign(ED25519.getPrivate(), good)), null),
                Arguments.of(
                        "signed by another key", EC_KEY, Signed.one(good, sign(OTHER_EC.getPrivate(), good)), badLayer),
                Arguments.of("RSA key, ECDSA signature", RSA_KEY, Signed.one(good, goodSignature), badLayer),
                Arguments.of(
                        "ECDSA key, RSA signature", EC_KEY, Signed.one(good, sign(RSA.getPrivate(), good)), badLayer),
                Arguments.of(
                        "payload for another digest",
                        EC_KEY,
                        Signed.one(forOther, sign(EC.getPrivate(), forOther)),
                        "the signed payload is for '" + OTHER_DIGEST + "', not " + DIGEST),
                Arguments.of(
                        "wrong payload type",
                        EC_KEY,
                        Signed.one(wrongType, sign(EC.getPrivate(), wrongType)),
                        "the signed payload's type is 'something else', not 'cosign container image signature'"),
                Arguments.of(
                        "tampered payload under the original digest",
                        EC_KEY,
                        new Signed(
                                manifest(List.of(layer(good, goodSignature))), Map.of(OciLayout.sha256(good), altered)),
                        "its payload does not match its digest " + OciLayout.sha256(good) + " (altered)"),
                Arguments.of(
                        "tampered payload with its digest updated",
                        EC_KEY,
                        Signed.one(altered, goodSignature),
                        badLayer),
                Arguments.of(
                        "signature not Base64",
                        EC_KEY,
                        Signed.one(good, "not*base64!"),
                        "its signature annotation is not valid Base64"),
                Arguments.of(
                        "no signature annotation",
                        EC_KEY,
                        Signed.one(good, null),
                        "it has no dev.cosignproject.cosign/signature annotation"),
                Arguments.of(
                        "payload blob missing",
                        EC_KEY,
                        new Signed(manifest(List.of(layer(good, goodSignature))), Map.of()),
                        "its payload " + OciLayout.sha256(good) + " is missing"),
                Arguments.of(
                        "payload claims to be huge",
                        EC_KEY,
                        new Signed(
                                manifest(List.of(layer(OciLayout.sha256(good), 1 << 20, goodSignature))),
                                Map.of(OciLayout.sha256(good), good)),
                        "its payload of 1048576 bytes is larger than 65536 bytes"),
                Arguments.of(
                        "payload not JSON but signed",
                        EC_KEY,
                        Signed.one(utf8("hello"), sign(EC.getPrivate(), utf8("hello"))),
                        "the signed payload has no 'critical' section"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatures")
    void aDigestIsSignedWhenOneLayerVerifiesWithTheKeyAndNamesExactlyThisDigest(
            String name, SigningKey key, Signed signed, String problem) {
        GateResult result = SignatureVerifier.verify(DIGEST, key, signed.manifest(), signed.payloads());
        String expected = problem == null
                ? "PASS signature: verified with key " + key.describe()
                : "FAIL signature: no signature of " + DIGEST + " verifies with key " + key.describe() + ": " + problem;
        assertEquals(expected, result.line());
    }

    @Test
    void keysAreDescribedByAlgorithmAndSize() {
        assertEquals("'prod-signing' (ECDSA P-256)", EC_KEY.describe());
        assertEquals("'prod-signing' (RSA 2048)", RSA_KEY.describe());
        assertEquals("'prod-signing' (Ed25519)", ED_KEY.describe());
        SigningKey p384 = SigningKey.fromPem(
                "k", CosignFixture.pem(CosignFixture.ec("secp384r1").getPublic()));
        assertEquals("ECDSA P-384", p384.description());
    }

    @Test
    void anyVerifyingLayerSuffices_andEveryFailingLayerIsNamed() {
        byte[] good = payload(REPO, DIGEST);
        byte[] other = payload(REPO, OTHER_DIGEST);
        Map<String, byte[]> blobs = Map.of(OciLayout.sha256(good), good, OciLayout.sha256(other), other);
        byte[] badThenGood =
                manifest(List.of(layer(other, sign(EC.getPrivate(), other)), layer(good, sign(EC.getPrivate(), good))));
        assertEquals(
                "PASS signature: verified with key 'prod-signing' (ECDSA P-256)",
                SignatureVerifier.verify(DIGEST, EC_KEY, badThenGood, blobs).line());

        byte[] bothBad = manifest(List.of(layer(other, sign(EC.getPrivate(), other)), layer(good, null)));
        assertEquals(
                "FAIL signature: no signature of " + DIGEST + " verifies with key 'prod-signing' (ECDSA P-256): layer"
                        + " 1: the signed payload is for '" + OTHER_DIGEST + "', not " + DIGEST
                        + "; layer 2: it has no dev.cosignproject.cosign/signature annotation",
                SignatureVerifier.verify(DIGEST, EC_KEY, bothBad, blobs).line());
    }

    @Test
    void manifestsWithoutSignatureLayersFail() {
        String tag = "sha256-" + "a".repeat(64) + ".sig";
        assertEquals(
                "FAIL signature: the signature manifest " + tag + " is not an image manifest with a list of layers",
                SignatureVerifier.verify(DIGEST, EC_KEY, utf8("<html>"), Map.of())
                        .line());
        Map<String, Object> ordinaryLayer =
                Map.of("mediaType", OciLayout.OCI_LAYER, "digest", OciLayout.sha256(new byte[1]), "size", 1);
        assertEquals(
                "FAIL signature: the signature manifest " + tag
                        + " has no layer of type application/vnd.dev.cosign.simplesigning.v1+json",
                SignatureVerifier.verify(DIGEST, EC_KEY, manifest(List.of(ordinaryLayer)), Map.of())
                        .line());
    }

    @Test
    void onlySignaturePayloadsOfAcceptableSizeAreFetched() {
        byte[] good = payload(REPO, DIGEST);
        byte[] manifest = manifest(List.of(
                layer(good, "c2ln"),
                layer(OciLayout.sha256(utf8("big")), 1 << 20, "c2ln"),
                layer("md5:abc", 3, "c2ln"),
                Map.of("mediaType", OciLayout.OCI_LAYER, "digest", OciLayout.sha256(new byte[1]), "size", 1)));
        assertEquals(
                List.of(new SignatureVerifier.Payload(OciLayout.sha256(good), good.length)),
                SignatureVerifier.payloads(manifest));
        assertEquals(List.of(), SignatureVerifier.payloads(utf8("{")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedKeys")
    void malformedKeysAreRejectedWithTheReason(String name, String pem, String message) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SigningKey.fromPem("prod-signing", pem));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> malformedKeys() {
        return Stream.of(
                Arguments.of("empty", "  ", "the key text is empty"),
                Arguments.of("no PEM", "ssh-ed25519 AAAAC3Nz", "no -----BEGIN PUBLIC KEY----- block found"),
                Arguments.of(
                        "private key",
                        "-----BEGIN " + "EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----",
                        "it holds a private key: give the public key (-----BEGIN PUBLIC KEY-----)"),
                Arguments.of(
                        "bad Base64",
                        "-----BEGIN PUBLIC KEY-----\nMFkw=EwYH\n-----END PUBLIC KEY-----",
                        "the PUBLIC KEY block is not valid Base64"),
                Arguments.of(
                        "characters outside Base64",
                        "-----BEGIN PUBLIC KEY-----\nMFkw*EwYH\n-----END PUBLIC KEY-----",
                        "the PUBLIC KEY block is not valid Base64"),
                Arguments.of(
                        "weak RSA key",
                        CosignFixture.pem(CosignFixture.generate("RSA", 1024).getPublic()),
                        "the RSA key has 1024 bits, too few to trust: use at least 2048"),
                Arguments.of(
                        "not a key",
                        "-----BEGIN PUBLIC KEY-----\naGVsbG8gd29ybGQ=\n-----END PUBLIC KEY-----",
                        "the PUBLIC KEY block is not an ECDSA (P-256, P-384, P-521), RSA or Ed25519 public key"));
    }

    @Test
    void theSignatureTagIsDerivedFromTheDigest() {
        assertEquals("sha256-" + "a".repeat(64) + ".sig", SignatureVerifier.signatureTag(DIGEST));
        assertThrows(IllegalArgumentException.class, () -> SignatureVerifier.signatureTag("sha256:ABC"));
    }
}
