package io.jenkins.plugins.environments.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerRegistryTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static HttpClient http;

    @BeforeAll
    static void createClient() {
        http = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void closeClient() {
        http.close();
    }

    @Test
    void anonymousRegistryRoundTripsAnImageThatSkopeoCanRead(@TempDir Path sandbox) throws Exception {
        Path skopeo = IsolatedProcess.requireOnPath("skopeo", "skopeo");
        try (DockerRegistry registry = DockerRegistry.start()) {
            assertTrue(registry.host().matches("127\\.0\\.0\\.1:\\d+"), registry.host());
            assertNull(registry.username());
            assertEquals(200, get(registry.url().resolve("/v2/"), Map.of()).statusCode());

            byte[] config = """
                    {"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""".getBytes(StandardCharsets.UTF_8);
            String configDigest = sha256(config);
            pushBlob(registry, "fixtures/app", config, configDigest);

            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{"
                            + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                            + configDigest + "\",\"size\":" + config.length + "},\"layers\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(registry.url().resolve("/v2/fixtures/app/manifests/v1"))
                            .header("Content-Type", OCI_MANIFEST)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
            assertEquals(
                    sha256(manifest),
                    put.headers().firstValue("Docker-Content-Digest").orElse(null));

            HttpResponse<byte[]> pulled = http.send(
                    HttpRequest.newBuilder(registry.url().resolve("/v2/fixtures/app/manifests/v1"))
                            .header("Accept", OCI_MANIFEST)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, pulled.statusCode());
            assertEquals(
                    new String(manifest, StandardCharsets.UTF_8), new String(pulled.body(), StandardCharsets.UTF_8));

            // skopeo is an independent client: it must print exactly the bytes we pushed (it adds no newline).
            IsolatedProcess.Result inspect = IsolatedProcess.run(
                    List.of(
                            skopeo.toString(),
                            "inspect",
                            "--raw",
                            "--tls-verify=false",
                            "docker://" + registry.host() + "/fixtures/app:v1"),
                    sandbox,
                    sandbox,
                    Map.of(),
                    Duration.ofSeconds(60));
            assertEquals(0, inspect.exitCode(), inspect.output());
            assertEquals(new String(manifest, StandardCharsets.UTF_8), inspect.stdout());
        }
    }

    @Test
    void basicAuthRegistryChallengesAnonymousClients() throws Exception {
        try (DockerRegistry registry = DockerRegistry.startWithBasicAuth("robot", "s3cret-Pass")) {
            assertEquals("robot", registry.username());
            assertEquals("s3cret-Pass", registry.password());
            URI base = registry.url().resolve("/v2/");

            HttpResponse<String> anonymous = get(base, Map.of());
            assertEquals(401, anonymous.statusCode());
            String challenge =
                    anonymous.headers().firstValue("WWW-Authenticate").orElse("");
            assertTrue(challenge.startsWith("Basic "), challenge);
            assertTrue(challenge.contains("realm="), challenge);

            assertEquals(
                    401,
                    get(base, Map.of("Authorization", basic("robot", "wrong"))).statusCode());
            assertEquals(
                    200,
                    get(base, Map.of("Authorization", basic(registry.username(), registry.password())))
                            .statusCode());
        }
    }

    @Test
    void closeStopsTheRegistry() throws Exception {
        DockerRegistry registry = DockerRegistry.start();
        URI base = registry.url().resolve("/v2/");
        registry.close();
        try {
            int status = get(base, Map.of()).statusCode();
            throw new AssertionError("registry still answers after close with HTTP " + status);
        } catch (IOException expected) {
            // Connection refused: the process is gone.
        }
    }

    private static void pushBlob(DockerRegistry registry, String repository, byte[] content, String digest)
            throws IOException, InterruptedException {
        HttpResponse<String> start = http.send(
                HttpRequest.newBuilder(registry.url().resolve("/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, start.statusCode(), start.body());
        String location = start.headers().firstValue("Location").orElse(null);
        assertNotNull(location, "upload session without Location header");
        URI upload = registry.url().resolve(location);
        String separator = upload.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> finish = http.send(
                HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, finish.statusCode(), finish.body());
        assertEquals(
                digest, finish.headers().firstValue("Docker-Content-Digest").orElse(null));
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
