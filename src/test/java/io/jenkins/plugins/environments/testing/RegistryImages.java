package io.jenkins.plugins.environments.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pushes small but real OCI images into a {@link DockerRegistry} over plain HTTP (anonymous registries only): a config
 * blob and a manifest, following the distribution spec's monolithic upload (POST, then PUT with {@code ?digest=}).
 */
public final class RegistryImages {

    /** The media type of the manifests pushed here. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private RegistryImages() {}

    /**
     * Pushes an image with no layers whose config names {@code label}, so different labels give different digests.
     *
     * @return the manifest's digest, as the registry reported it
     */
    public static String push(DockerRegistry registry, String repository, String tag, String label)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"fixture\":\""
                            + label + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                    .getBytes(StandardCharsets.UTF_8);
            String configDigest = sha256(config);
            HttpResponse<String> start = http.send(
                    HttpRequest.newBuilder(registry.url().resolve("/v2/" + repository + "/blobs/uploads/"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            require(202, start);
            URI upload = registry.url()
                    .resolve(start.headers().firstValue("Location").orElseThrow());
            String separator = upload.getRawQuery() == null ? "?" : "&";
            require(
                    201,
                    http.send(
                            HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + configDigest))
                                    .header("Content-Type", "application/octet-stream")
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(config))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{"
                            + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                            + configDigest + "\",\"size\":" + config.length + "},\"layers\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> put = http.send(
                    HttpRequest.newBuilder(registry.url().resolve("/v2/" + repository + "/manifests/" + tag))
                            .header("Content-Type", OCI_MANIFEST)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            require(201, put);
            String digest = sha256(manifest);
            if (!digest.equals(put.headers().firstValue("Docker-Content-Digest").orElse(null))) {
                throw new IllegalStateException("registry reported another digest than " + digest);
            }
            return digest;
        }
    }

    /** @return {@code sha256:} and the hex SHA-256 of the bytes */
    public static String sha256(byte[] content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
    }
}
