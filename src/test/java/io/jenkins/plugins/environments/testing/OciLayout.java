package io.jenkins.plugins.environments.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an OCI image layout (the {@code oci-layout} marker, {@code index.json} and {@code blobs/sha256/…}) that a
 * test fills with blobs, image manifests and indexes of its own, and pushes it to a {@link DockerRegistry} with
 * {@code skopeo copy --all --preserve-digests}, so the registry holds exactly the bytes (and digests) the test made.
 *
 * <p>JSON documents are written with fields in a fixed order and no white space, so a digest depends only on what
 * the test put in. A missing {@code skopeo} fails with the Debian package to install.
 */
public final class OciLayout {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A content descriptor.
     *
     * @param mediaType what the content is
     * @param digest {@code sha256:…} of the content
     * @param size the content's length in bytes
     * @param annotations annotations of the descriptor, possibly none
     * @param platform {@code os/architecture} for a manifest listed in an index, or {@code null}
     */
    public record Descriptor(
            String mediaType, String digest, long size, Map<String, String> annotations, String platform) {

        public Descriptor {
            annotations = Map.copyOf(annotations);
        }

        /** @return this descriptor with a platform, such as {@code linux/arm64}, for listing it in an index */
        public Descriptor on(String platform) {
            return new Descriptor(mediaType, digest, size, annotations, platform);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("mediaType", mediaType);
            json.put("digest", digest);
            json.put("size", size);
            if (!annotations.isEmpty()) {
                json.put("annotations", new TreeMap<>(annotations));
            }
            if (platform != null) {
                String[] parts = platform.split("/");
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("architecture", parts[1]);
                p.put("os", parts[0]);
                json.put("platform", p);
            }
            return json;
        }
    }

    private final Path root;
    private final Map<String, Descriptor> tags = new LinkedHashMap<>();

    private OciLayout(Path root) {
        this.root = root;
    }

    /** @return an empty layout in {@code directory}, which is created if needed */
    public static OciLayout create(Path directory) {
        try {
            Files.createDirectories(directory.resolve("blobs/sha256"));
            Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            OciLayout layout = new OciLayout(directory);
            layout.writeIndex();
            return layout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the layout's directory */
    public Path path() {
        return root;
    }

    /** Stores a blob and describes it. */
    public Descriptor blob(String mediaType, byte[] content) {
        return blob(mediaType, content, Map.of());
    }

    /** Stores a blob and describes it, with annotations on the descriptor. */
    public Descriptor blob(String mediaType, byte[] content, Map<String, String> annotations) {
        String digest = sha256(content);
        try {
            Files.write(root.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Descriptor(mediaType, digest, content.length, annotations, null);
    }

    /** Stores an OCI image manifest of these layers and describes it. */
    public Descriptor manifest(Descriptor config, List<Descriptor> layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OCI_MANIFEST);
        manifest.put("config", config.toJson());
        manifest.put("layers", layers.stream().map(Descriptor::toJson).toList());
        return blob(OCI_MANIFEST, json(manifest));
    }

    /**
     * Stores a small runnable-looking image for one platform: a configuration naming the platform and one layer
     * (an empty tar, gzipped) plus a file of {@code content}, so that different contents give different digests.
     *
     * @param platform {@code os/architecture}, such as {@code linux/amd64}
     */
    public Descriptor image(String platform, String content) {
        String[] parts = platform.split("/");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", parts[1]);
        config.put("os", parts[0]);
        config.put("config", Map.of("Labels", Map.of("test.content", content)));
        Descriptor layer = blob(OCI_LAYER, gzip(new byte[1024]));
        config.put("rootfs", new TreeMap<>(Map.of("type", "layers", "diff_ids", List.of(sha256(new byte[1024])))));
        return manifest(blob(OCI_CONFIG, json(config)), List.of(layer)).on(platform);
    }

    /** Stores an OCI image index listing these manifests (give each a platform with {@link Descriptor#on}). */
    public Descriptor index(List<Descriptor> manifests) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", OCI_INDEX);
        index.put("manifests", manifests.stream().map(Descriptor::toJson).toList());
        return blob(OCI_INDEX, json(index));
    }

    /** Names a manifest or index in {@code index.json}, so that {@code oci:<dir>:<tag>} refers to it. */
    public OciLayout tag(String tag, Descriptor manifest) {
        tags.put(tag, new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size(), Map.of(), null));
        writeIndex();
        return this;
    }

    /**
     * Copies the tagged manifest or index, with everything it refers to, into the registry with skopeo, keeping
     * every digest.
     *
     * @param target {@code repository:tag} in the registry
     * @param sandbox a directory for skopeo's home and temporary files
     */
    public void push(String tag, DockerRegistry registry, String target, Path sandbox) {
        Path skopeo = IsolatedProcess.requireOnPath("skopeo", "skopeo");
        IsolatedProcess.Result copy = IsolatedProcess.run(
                List.of(
                        skopeo.toString(),
                        "copy",
                        "--all",
                        "--preserve-digests",
                        "--dest-tls-verify=false",
                        "oci:" + root + ":" + tag,
                        "docker://" + registry.host() + "/" + target),
                sandbox,
                sandbox,
                Map.of(),
                Duration.ofSeconds(120));
        if (copy.exitCode() != 0) {
            throw new IllegalStateException("skopeo copy failed (" + copy.exitCode() + "): " + copy.output());
        }
    }

    /** @return {@code sha256:} and the hex SHA-256 of the bytes */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeIndex() {
        List<Map<String, Object>> manifests = new ArrayList<>();
        tags.forEach((tag, descriptor) -> {
            Map<String, Object> entry = descriptor.toJson();
            entry.put("annotations", new TreeMap<>(Map.of("org.opencontainers.image.ref.name", tag)));
            manifests.add(entry);
        });
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", OCI_INDEX);
        index.put("manifests", manifests);
        try {
            Files.write(root.resolve("index.json"), json(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        return "OciLayout[" + root + ", tags=" + tags.keySet() + "]";
    }
}
