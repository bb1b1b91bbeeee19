package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.ImageReference;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The value types of the registry client: digests, image references, manifests, the retry policy. */
class RegistryValuesTest {

    private static final String D = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void aDigestIsSha256WithSixtyFourLowerCaseHexDigits() {
        assertEquals(D, Digest.parse(D).value());
        assertEquals("0123456789abcdef".repeat(4), Digest.parse(D).hex());
        assertEquals(
                "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Digest.of(new byte[0]).value());
        assertEquals(
                "Digest 'sha256:" + "0123456789ABCDEF".repeat(4) + "' is not 'sha256:' followed by 64 lower-case hex"
                        + " digits",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Digest.parse(D.toUpperCase().replace("SHA", "sha")))
                        .getMessage());
        assertEquals(
                "A digest is required: 'sha256:' followed by 64 lower-case hex digits",
                assertThrows(IllegalArgumentException.class, () -> Digest.parse(null))
                        .getMessage());
    }

    @Test
    void referencesWithPortsNestedRepositoriesAndSeparatorsAreRead() {
        ImageReference a = ImageReference.parseCopySource("image", "127.0.0.1:5000/team/sub/app-x__y.z@" + D);
        assertEquals("127.0.0.1:5000", a.registry());
        assertEquals("team/sub/app-x__y.z", a.repository());
        assertNull(a.tag());
        assertEquals(D, a.reference());
        assertEquals("127.0.0.1:5000/team/sub/app-x__y.z@" + D, a.toString());

        ImageReference b = ImageReference.parseCopyTarget("targetImage", "registry.example.com/app:Prod_1.2-rc");
        assertEquals("Prod_1.2-rc", b.reference());
        assertEquals("registry.example.com/app", b.name());
        assertEquals(
                "localhost/a---b:x",
                ImageReference.parseCopyTarget("targetImage", "localhost/a---b:x")
                        .toString());
        assertEquals(
                "[::1]:5000/app:1",
                ImageReference.parseCopyTarget("targetImage", "[::1]:5000/app:1")
                        .toString());
    }

    @Test
    void theGrammarHelpersAcceptExactlyTheSpecsNames() {
        assertTrue(ImageReference.isRepository("a/b.c/d_e/f__g/h-i/j---k"));
        for (String bad : new String[] {"", "A", "a/", "/a", "a//b", "a/../b", "a_", "a___b", ".a", "a.-b"}) {
            assertFalse(ImageReference.isRepository(bad), bad);
        }
        assertTrue(ImageReference.isTag("_x"));
        assertFalse(ImageReference.isTag("-x"));
        assertFalse(ImageReference.isTag("x".repeat(129)));
    }

    @Test
    void aManifestKeepsItsBytesAndListsItsBlobsOrChildren() {
        String config = "sha256:" + "1".repeat(64);
        String layer = "sha256:" + "2".repeat(64);
        byte[] image = ("{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.DOCKER_MANIFEST + "\",\"config\":{"
                        + "\"mediaType\":\"x\",\"digest\":\"" + config + "\",\"size\":10},\"layers\":[{\"mediaType\":"
                        + "\"y\",\"digest\":\"" + layer + "\",\"size\":20}]}  ")
                .getBytes(StandardCharsets.UTF_8);
        Manifest manifest = Manifest.parse(image, "text/plain");
        assertEquals(Manifest.DOCKER_MANIFEST, manifest.mediaType());
        assertEquals(Digest.of(image), manifest.digest());
        assertEquals(
                List.of(config, layer),
                manifest.blobs().stream().map(b -> b.digest().value()).toList());
        assertFalse(manifest.isIndex());

        byte[] index = ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + Manifest.OCI_MANIFEST
                        + "\",\"digest\":\"" + config + "\",\"size\":5}]}")
                .getBytes(StandardCharsets.UTF_8);
        Manifest list = Manifest.parse(index, Manifest.OCI_INDEX + "; charset=utf-8");
        assertTrue(list.isIndex());
        assertEquals(Manifest.OCI_INDEX, list.mediaType(), "taken from Content-Type without parameters");
        assertEquals(1, list.manifests().size());
    }

    @Test
    void schemaOneAndUnknownMediaTypesAreRefused() {
        assertEquals(
                "the manifest has schemaVersion 1; only schema 2 is copied",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Manifest.parse(
                                        "{\"schemaVersion\":1,\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8),
                                        "application/vnd.docker.distribution.manifest.v1+prettyjws"))
                        .getMessage());
        assertEquals(
                "the manifest's media type 'application/vnd.example+json' is not an OCI or Docker v2 image or index",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Manifest.parse(
                                        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example+json\"}"
                                                .getBytes(StandardCharsets.UTF_8),
                                        null))
                        .getMessage());
    }

    @Test
    void retriesBackOffExponentiallyUpToTheLimitAndOnlyForTransientFailures() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(1), d -> {});
        assertEquals(
                List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                List.of(policy.delayAfter(1), policy.delayAfter(2), policy.delayAfter(3), policy.delayAfter(4)));
        assertEquals(5, RetryPolicy.standard().maxAttempts());

        assertTrue(RetryPolicy.isTransient(new RegistryResponseException("x", 503, null)));
        assertTrue(RetryPolicy.isTransient(new RegistryResponseException("x", 429, null)));
        assertFalse(RetryPolicy.isTransient(new RegistryResponseException("x", 404, "MANIFEST_UNKNOWN")));
        assertTrue(RetryPolicy.isTransient(new RegistryAccessException("x", new ConnectException("refused"))));
        assertTrue(RetryPolicy.isTransient(new RegistryAccessException("x", new IOException("connection reset"))));
        assertFalse(RetryPolicy.isTransient(
                new RegistryAccessException("x", new IOException(new SSLHandshakeException("bad certificate")))));
        assertFalse(RetryPolicy.isTransient(new RegistryAccessException(
                "x", new IOException(new RetryPolicy.BlobMismatchException("wrong bytes")))));
        assertFalse(RetryPolicy.isTransient(new RegistryAccessException("no cause")));
        assertEquals(
                "maxAttempts must be between 1 and 20, not 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, d -> {}))
                        .getMessage());
    }
}
