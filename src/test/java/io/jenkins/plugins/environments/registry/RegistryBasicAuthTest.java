package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.testing.DockerRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RegistrySession} against the real {@code docker-registry} with htpasswd basic authentication. */
class RegistryBasicAuthTest {

    private static final String USER = "ci-robot";
    private static final String PASSWORD = "Reg1stry-Pa55w0rd";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static DockerRegistry registry;

    @BeforeAll
    static void start() {
        registry = DockerRegistry.startWithBasicAuth(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void theRightPasswordPingsAndReadsBackAManifestItPushed() throws Exception {
        try (RegistryAccess access = access(PASSWORD);
                RegistrySession session = new RegistrySession(access)) {
            assertEquals("Registry 'local' at " + registry.host() + " answered /v2/ (basic auth)", session.ping());

            String configDigest = pushBlob(session, "team/app", "{\"architecture\":\"amd64\",\"os\":\"linux\"}");
            String layerDigest = pushBlob(session, "team/app", "not really a tarball");
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                            + configDigest + "\",\"size\":39},"
                            + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                            + layerDigest + "\",\"size\":20}]}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> put =
                    session.send(RegistryRequest.put("/v2/team/app/manifests/1.0", OCI_MANIFEST, manifest));
            assertEquals(201, put.statusCode(), () -> new String(put.body(), StandardCharsets.UTF_8));

            HttpResponse<byte[]> get = session.send(
                    RegistryRequest.get("/v2/team/app/manifests/1.0").withHeader("Accept", OCI_MANIFEST));
            assertEquals(200, get.statusCode());
            assertArrayEquals(manifest, get.body());
            assertEquals(
                    digest(manifest),
                    get.headers().firstValue("Docker-Content-Digest").orElseThrow());
        }
    }

    @Test
    void aWrongPasswordGivesAClearErrorWithoutThePassword() {
        String wrong = "Wr0ng-Pa55w0rd";
        try (RegistryAccess access = access(wrong);
                RegistrySession session = new RegistrySession(access)) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertEquals(
                    "Registry 'local' at " + registry.host() + " rejected credentials 'local-registry' (HTTP 401)",
                    e.getMessage());
            assertFalse(e.getMessage().contains(wrong));
        }
    }

    @Test
    void anonymousAccessIsToldThatCredentialsAreRequired() {
        RegistryAccess anonymous =
                new RegistryAccess("local", registry.host(), true, new RegistryCredential.Anonymous(), null);
        try (RegistrySession session = new RegistrySession(anonymous)) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertEquals(
                    "Registry 'local' at " + registry.host()
                            + " requires credentials (it asks for basic authentication), but none are configured",
                    e.getMessage());
        }
    }

    /** A monolithic upload: POST for an upload session, then PUT of the bytes with their digest. */
    private static String pushBlob(RegistrySession session, String repository, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String digest = digest(bytes);
        HttpResponse<byte[]> started = session.send(
                RegistryRequest.post("/v2/" + repository + "/blobs/uploads/", "application/octet-stream", new byte[0]));
        assertEquals(202, started.statusCode());
        String location = started.headers().firstValue("Location").orElseThrow();
        String target = location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
        HttpResponse<byte[]> finished = session.send(RegistryRequest.put(target, "application/octet-stream", bytes));
        assertEquals(201, finished.statusCode(), () -> new String(finished.body(), StandardCharsets.UTF_8));
        return digest;
    }

    private static String digest(byte[] bytes) throws Exception {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static RegistryAccess access(String password) {
        return new RegistryAccess(
                "local",
                registry.host(),
                true,
                new RegistryCredential.Basic(USER, password.toCharArray()),
                "local-registry");
    }
}
