package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RegistryClient} and the streaming side of {@link RegistrySession}, against the real registry with auth. */
class RegistryClientTest {

    private static final String USER = "streamer";
    private static final String PASSWORD = "Str3am-Not-Buffer";

    private static DockerRegistry registry;
    private static CountingProxy proxy;
    private final List<HttpServer> servers = new ArrayList<>();

    @BeforeAll
    static void start() {
        registry = DockerRegistry.startWithBasicAuth(USER, PASSWORD);
        proxy = CountingProxy.start(registry.host());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        registry.close();
    }

    private static RegistrySession session() {
        return new RegistrySession(new RegistryAccess(
                "local", proxy.host(), true, new RegistryCredential.Basic(USER, PASSWORD.toCharArray()), "push"));
    }

    @Test
    void aStreamedBodySentFirstIsOpenedAgainAfterTheRegistryAsksForCredentials() throws Exception {
        byte[] blob = new byte[200_000];
        new Random(7).nextBytes(blob);
        Digest digest = Digest.of(blob);
        String location;
        try (RegistrySession opener = session()) {
            location = new RegistryClient(opener).startUpload("stream/app");
        }
        AtomicInteger opens = new AtomicInteger();
        try (RegistrySession fresh = session()) {
            RegistryClient client = new RegistryClient(fresh);
            proxy.reset();
            client.finishUpload(location, digest, new RequestBody() {
                @Override
                public long length() {
                    return blob.length;
                }

                @Override
                public InputStream open() {
                    opens.incrementAndGet();
                    return new ByteArrayInputStream(blob);
                }
            });
            assertEquals(2, opens.get(), "once answered 401, once with credentials");
            assertEquals(2, fresh.requestsSent());
            assertEquals(2L * blob.length, proxy.requestBodyBytes("PUT /v2/*/blobs/uploads/*"));

            assertTrue(client.hasBlob("stream/app", digest));
            assertFalse(client.hasBlob("stream/app", Digest.of(new byte[] {1})));
            try (InputStream in = client.openBlob("stream/app", digest)) {
                assertArrayEquals(blob, in.readAllBytes());
            }
            try (RegistrySession another = session()) {
                proxy.reset();
                try (InputStream in = new RegistryClient(another).openBlob("stream/app", digest)) {
                    assertArrayEquals(blob, in.readAllBytes(), "a streamed answer after the 401 was discarded");
                }
                assertEquals(2, proxy.requests("GET /v2/*/blobs/*"));
            }
            assertTrue(client.headManifest("stream/app", "missing").isEmpty());
            RegistryResponseException missing = assertThrows(
                    RegistryResponseException.class, () -> client.openBlob("stream/app", Digest.of(new byte[] {2})));
            assertEquals(404, missing.status());
            assertEquals("BLOB_UNKNOWN", missing.errorCode());
        }
    }

    @Test
    void repositoryNamesAreCheckedBeforeAnyRequest() {
        try (RegistrySession session = session()) {
            RegistryClient client = new RegistryClient(session);
            proxy.reset();
            assertEquals(
                    "Repository '../v2/secret' has a '..' component: use '/'-separated lower-case letters and digits,"
                            + " joined by '.', '_', '__' or '-', such as 'team/app'",
                    assertThrows(IllegalArgumentException.class, () -> client.startUpload("../v2/secret"))
                            .getMessage());
            assertEquals(
                    "Digest 'x/../../y' is not 'sha256:' followed by 64 lower-case hex digits",
                    assertThrows(IllegalArgumentException.class, () -> client.getManifest("app", "x/../../y"))
                            .getMessage());
            assertEquals(0, proxy.requests());
        }
    }

    @Test
    void aManifestWhoseBytesDoNotMatchItsDigestIsRefused() throws Exception {
        byte[] served =
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"
                        .getBytes(StandardCharsets.UTF_8);
        String asked = "sha256:" + "a".repeat(64);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        servers.add(server);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", Manifest.OCI_INDEX);
            exchange.sendResponseHeaders(200, served.length);
            exchange.getResponseBody().write(served);
            exchange.close();
        });
        server.start();
        String host = "127.0.0.1:" + server.getAddress().getPort();
        try (RegistrySession session =
                new RegistrySession(new RegistryAccess("liar", host, true, new RegistryCredential.Anonymous(), null))) {
            RegistryAccessException e = assertThrows(
                    RegistryAccessException.class, () -> new RegistryClient(session).getManifest("app", asked));
            assertEquals(
                    "Registry 'liar' at " + host + ": the manifest served for app:" + asked + " hashes to "
                            + Digest.of(served) + ", not " + asked + "; refusing it",
                    e.getMessage());

            ImageCopier copier =
                    new ImageCopier(session, session, new RetryPolicy(3, Duration.ZERO, Duration.ZERO, d -> {
                        throw new AssertionError("a wrong digest is not retried");
                    }));
            assertThrows(RegistryAccessException.class, () -> copier.promote(host + "/app@" + asked, host + "/app:x"));
        } finally {
            server.stop(0);
        }
    }
}
