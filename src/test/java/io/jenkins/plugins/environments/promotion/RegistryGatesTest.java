package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.OciLayout;
import io.jenkins.plugins.environments.testing.OciLayout.Descriptor;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gates that ask a registry, against a real one (Debian's docker-registry) holding images and cosign-style
 * signatures that the test wrote as an OCI layout and pushed with skopeo.
 */
class RegistryGatesTest {

    private static final KeyPair SIGNING = CosignFixture.ec("secp256r1");
    private static final KeyPair OTHER = CosignFixture.ec("secp256r1");
    private static final String KEY_PEM = CosignFixture.pem(SIGNING.getPublic());

    private static DockerRegistry registry;
    private static RegistryAccess access;
    private static RegistrySession session;
    private static String where;

    @TempDir
    static Path work;

    @BeforeAll
    static void startRegistry() {
        registry = DockerRegistry.start();
        access = new RegistryAccess("source", registry.host(), true, new RegistryCredential.Anonymous(), null);
        session = new RegistrySession(access);
        where = " on Registry 'source' at " + registry.host();
    }

    @AfterAll
    static void stopRegistry() {
        session.close();
        registry.close();
    }

    @Test
    void signatureGate_unsignedImage_otherKey_validSignature() {
        OciLayout layout = OciLayout.create(work.resolve("signatures"));
        Descriptor image = layout.image("linux/amd64", "signed app");
        String digest = image.digest();
        String tag = "sha256-" + digest.substring("sha256:".length()) + ".sig";
        for (String repository : List.of("team/unsigned", "team/other-key", "team/signed")) {
            push(layout, "app", image, repository + ":1.0");
        }
        push(
                layout,
                "other-key",
                signature(layout, "team/other-key", digest, OTHER.getPrivate()),
                "team/other-key:" + tag);
        push(layout, "signed", signature(layout, "team/signed", digest, SIGNING.getPrivate()), "team/signed:" + tag);

        assertEquals(
                "FAIL signature: no signature found for " + digest + " (no tag " + tag + " in team/unsigned)",
                new SignatureGate(session, "team/unsigned", digest, "prod-signing", KEY_PEM)
                        .evaluate()
                        .line());
        assertEquals(
                "FAIL signature: no signature of " + digest + " verifies with key 'prod-signing' (ECDSA P-256): the"
                        + " signature does not verify with this key (signed by another key, or payload altered)",
                new SignatureGate(session, "team/other-key", digest, "prod-signing", KEY_PEM)
                        .evaluate()
                        .line());
        assertEquals(
                "PASS signature: verified with key 'prod-signing' (ECDSA P-256)",
                new SignatureGate(session, "team/signed", digest, "prod-signing", KEY_PEM)
                        .evaluate()
                        .line());
        assertEquals(
                "FAIL signature: signature key 'prod-signing' is not usable: no -----BEGIN PUBLIC KEY----- block found",
                new SignatureGate(session, "team/signed", digest, "prod-signing", "not a key")
                        .evaluate()
                        .line());
    }

    @Test
    void digestExistsGate_singleImage_missingDigest() {
        OciLayout layout = OciLayout.create(work.resolve("single"));
        Descriptor image = layout.image("linux/amd64", "single");
        push(layout, "single", image, "team/single:1.0");
        assertEquals(
                "PASS digest-exists: " + image.digest() + " is in team/single" + where,
                new DigestExistsGate(session, "team/single", image.digest())
                        .evaluate()
                        .line());
        String absent = "sha256:" + "c".repeat(64);
        assertEquals(
                "FAIL digest-exists: " + absent + " is not in team/single" + where,
                new DigestExistsGate(session, "team/single", absent).evaluate().line());
        assertEquals(
                "FAIL digest-exists: " + image.digest() + " is not in team/nothing-here" + where,
                new DigestExistsGate(session, "team/nothing-here", image.digest())
                        .evaluate()
                        .line());
    }

    @Test
    void digestExistsGate_multiPlatformIndexNeedsEveryChild() throws Exception {
        OciLayout layout = OciLayout.create(work.resolve("multi"));
        Descriptor amd64 = layout.image("linux/amd64", "multi");
        Descriptor arm64 = layout.image("linux/arm64", "multi");
        Descriptor index = layout.index(List.of(amd64, arm64));
        push(layout, "multi", index, "team/multi:1.0");
        assertEquals(
                "PASS digest-exists: the index " + index.digest() + " and all 2 of its manifests are in team/multi"
                        + where,
                new DigestExistsGate(session, "team/multi", index.digest())
                        .evaluate()
                        .line());

        // The registry refuses an index whose children are missing, so one is removed after the push.
        assertEquals(
                202,
                session.send(RegistryRequest.delete("/v2/team/multi/manifests/" + arm64.digest()))
                        .statusCode());
        assertEquals(
                "FAIL digest-exists: the index " + index.digest() + " is in team/multi" + where
                        + " but 1 of its 2 manifests is missing: " + arm64.digest() + " (linux/arm64)",
                new DigestExistsGate(session, "team/multi", index.digest())
                        .evaluate()
                        .line());
    }

    @Test
    void badRepositoriesAndDigestsAreRefusedBeforeAnyRequest() {
        String digest = "sha256:" + "a".repeat(64);
        InvalidConfigurationException repository = assertThrows(
                InvalidConfigurationException.class, () -> new DigestExistsGate(session, "../v2/_catalog", digest));
        assertEquals(
                "Repository '../v2/_catalog' has a '..' component: use '/'-separated lower-case letters and digits,"
                        + " joined by '.', '_', '__' or '-', such as 'team/app'",
                repository.getMessage());
        InvalidConfigurationException badDigest = assertThrows(
                InvalidConfigurationException.class,
                () -> new SignatureGate(session, "team/app", "sha256:1234", "k", KEY_PEM));
        assertEquals(
                "Digest 'sha256:1234' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits",
                badDigest.getMessage());
    }

    @Test
    void anUnusableKeyFailsBeforeAnyRequest() {
        // Nothing listens there: a request would fail with "unreachable", not with the key's problem.
        RegistryAccess nowhere =
                new RegistryAccess("nowhere", "127.0.0.1:1", true, new RegistryCredential.Anonymous(), null);
        try (RegistrySession unreachable = new RegistrySession(nowhere)) {
            String privateKey = "-----BEGIN " + "PRIVATE KEY-----\nMC4CAQ\n-----END PRIVATE KEY-----";
            assertEquals(
                    "FAIL signature: signature key 'prod-signing' is not usable: it holds a private key: give the"
                            + " public key (-----BEGIN PUBLIC KEY-----)",
                    new SignatureGate(unreachable, "team/app", "sha256:" + "a".repeat(64), "prod-signing", privateKey)
                            .evaluate()
                            .line());
        }
    }

    /** Stores a cosign-style signature manifest for {@code digest} in the layout. */
    private static Descriptor signature(OciLayout layout, String repository, String digest, PrivateKey key) {
        byte[] payload = CosignFixture.payload(registry.host() + "/" + repository, digest);
        Descriptor layer = layout.blob(
                SignatureVerifier.SIMPLE_SIGNING,
                payload,
                Map.of(SignatureVerifier.SIGNATURE_ANNOTATION, CosignFixture.sign(key, payload)));
        return layout.manifest(layout.blob(OciLayout.OCI_CONFIG, CosignFixture.utf8("{}")), List.of(layer));
    }

    private static void push(OciLayout layout, String layoutTag, Descriptor manifest, String target) {
        layout.tag(layoutTag, manifest).push(layoutTag, registry, target, work);
    }
}
