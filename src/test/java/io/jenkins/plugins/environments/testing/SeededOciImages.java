package io.jenkins.plugins.environments.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an OCI image layout (the {@code oci:} transport of skopeo) with real images: gzip'd tar layers of random
 * bytes, image configs, manifests and multi-platform indexes, and pushes them to a {@link DockerRegistry} with
 * {@code skopeo copy}, which keeps their digests.
 *
 * <p>Built from a seed, the same calls write the same bytes; a different seed gives different blobs.
 */
public final class SeededOciImages {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_TAR_LAYER = "application/vnd.oci.image.layer.v1.tar";

    /**
     * A descriptor in the layout.
     *
     * @param mediaType the media type
     * @param digest {@code sha256:…}
     * @param size bytes
     * @param json the descriptor as JSON, with the platform of a manifest in an index
     */
    public record Blob(String mediaType, String digest, long size, String json) {}

    private final Path root;
    private final Random random;
    private final List<String> tagged = new ArrayList<>();
    private final Map<String, String> diffIds = new HashMap<>();

    private SeededOciImages(Path root, long seed) {
        this.root = root;
        this.random = new Random(seed);
        try {
            Files.createDirectories(root.resolve("blobs/sha256"));
            Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            writeIndexJson();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return an empty layout in the folder */
    public static SeededOciImages create(Path root, long seed) {
        return new SeededOciImages(root, seed);
    }

    /** @return the layout's folder */
    public Path path() {
        return root;
    }

    /** @return a gzip'd tar holding one file of {@code size} random bytes */
    public Blob layer(int size) {
        try {
            byte[] content = new byte[size];
            random.nextBytes(content);
            ByteArrayOutputStream gz = new ByteArrayOutputStream(size + size / 100 + 4096);
            MessageDigest diff = sha256();
            try (OutputStream out = new DigestOutputStream(
                    new GZIPOutputStream(gz, 64 * 1024) {
                        {
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    },
                    diff)) {
                writeTar(out, "data/random-" + Long.toHexString(random.nextLong()) + ".bin", content);
            }
            Blob layer = blob(OCI_LAYER, gz.toByteArray(), "");
            diffIds.put(layer.digest(), "sha256:" + HexFormat.of().formatHex(diff.digest()));
            return layer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A layer too large to hold in memory: an uncompressed tar holding one file of {@code size} random bytes, streamed
     * to the layout's folder (random bytes do not compress, and gzip would only cost time). Its diff id is its digest.
     *
     * @return the layer's descriptor
     */
    public Blob streamedLayer(long size) {
        Path partial = root.resolve("blobs/sha256/partial-" + Long.toHexString(random.nextLong()));
        MessageDigest sha256 = sha256();
        long written;
        try (CountingOutput out = new CountingOutput(
                new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20), sha256))) {
            SplittableRandom bytes = new SplittableRandom(random.nextLong());
            writeTarHeader(out, "data/random-" + Long.toHexString(random.nextLong()) + ".bin", size);
            byte[] chunk = new byte[1 << 20];
            for (long left = size; left > 0; left -= chunk.length) {
                int n = (int) Math.min(chunk.length, left);
                bytes.nextBytes(chunk);
                out.write(chunk, 0, n);
            }
            out.write(new byte[(int) ((512 - size % 512) % 512)]);
            out.write(new byte[1024]);
            out.flush();
            written = out.count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sha256.digest());
        try {
            Files.move(partial, root.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        diffIds.put(digest, digest);
        return new Blob(
                OCI_TAR_LAYER,
                digest,
                written,
                "{\"mediaType\":\"" + OCI_TAR_LAYER + "\",\"digest\":\"" + digest + "\",\"size\":" + written + "}");
    }

    /** Counts the bytes written through it. */
    private static final class CountingOutput extends FilterOutputStream {
        private long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }

    /**
     * Writes an image config and manifest.
     *
     * @return the manifest's descriptor, with the platform for an index
     */
    public Blob image(String os, String architecture, List<Blob> layers) {
        StringBuilder diffIdList = new StringBuilder();
        StringBuilder layerJson = new StringBuilder();
        for (Blob layer : layers) {
            diffIdList
                    .append(diffIdList.isEmpty() ? "" : ",")
                    .append('"')
                    .append(diffIds.get(layer.digest()))
                    .append('"');
            layerJson.append(layerJson.isEmpty() ? "" : ",").append(layer.json());
        }
        Blob config = blob(
                OCI_CONFIG,
                ("{\"architecture\":\"" + architecture + "\",\"os\":\"" + os
                                + "\",\"config\":{\"Env\":[\"SEED=" + random.nextLong() + "\"]},"
                                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIdList + "]}}")
                        .getBytes(StandardCharsets.UTF_8),
                "");
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config.json()
                        + ",\"layers\":[" + layerJson + "]}")
                .getBytes(StandardCharsets.UTF_8);
        return blob(
                OCI_MANIFEST,
                manifest,
                ",\"platform\":{\"architecture\":\"" + architecture + "\",\"os\":\"" + os + "\"}");
    }

    /** Writes an index of the manifests. */
    public Blob index(List<Blob> manifests) {
        StringBuilder list = new StringBuilder();
        for (Blob manifest : manifests) {
            list.append(list.isEmpty() ? "" : ",").append(manifest.json());
        }
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + list + "]}")
                .getBytes(StandardCharsets.UTF_8);
        return blob(OCI_INDEX, index, "");
    }

    /** Names a manifest or index in the layout's {@code index.json}, for {@code oci:<dir>:<tag>}. */
    public SeededOciImages tag(String tag, Blob manifest) {
        tagged.add("{\"mediaType\":\"" + manifest.mediaType() + "\",\"digest\":\"" + manifest.digest()
                + "\",\"size\":" + manifest.size() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
                + tag + "\"}}");
        try {
            writeIndexJson();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Pushes a tagged image (every platform of an index) with {@code skopeo copy --preserve-digests}.
     *
     * @param destination {@code repository:tag} in the registry
     */
    public void push(String tag, DockerRegistry registry, String destination) {
        push(tag, registry, destination, List.of("--preserve-digests"));
    }

    /**
     * Pushes a tagged image converted to Docker's v2 schema 2 (a manifest list for an index): the registry then holds
     * new manifests, with new digests; read them back with {@link #inspectRaw}.
     */
    public void pushAsDockerV2(String tag, DockerRegistry registry, String destination) {
        push(tag, registry, destination, List.of("--format=v2s2"));
    }

    private void push(String tag, DockerRegistry registry, String destination, List<String> options) {
        List<String> command =
                new ArrayList<>(List.of(skopeo(), "copy", "--quiet", "--all", "--dest-tls-verify=false"));
        command.addAll(options);
        if (registry.username() != null) {
            command.add("--dest-creds=" + registry.username() + ":" + registry.password());
        }
        command.add("oci:" + root + ":" + tag);
        command.add("docker://" + registry.host() + "/" + destination);
        run(command, root.getParent());
    }

    /** @return {@code skopeo inspect --raw} of an image in the registry: the manifest bytes exactly as stored */
    public static byte[] inspectRaw(DockerRegistry registry, String image, Path sandbox) {
        List<String> command = new ArrayList<>(List.of(skopeo(), "inspect", "--raw", "--tls-verify=false"));
        if (registry.username() != null) {
            command.add("--creds=" + registry.username() + ":" + registry.password());
        }
        command.add("docker://" + registry.host() + "/" + image);
        return run(command, sandbox).stdout().getBytes(StandardCharsets.UTF_8);
    }

    /** @return whether skopeo finds the image in the registry */
    public static boolean exists(DockerRegistry registry, String image, Path sandbox) {
        List<String> command = new ArrayList<>(List.of(skopeo(), "inspect", "--raw", "--tls-verify=false"));
        if (registry.username() != null) {
            command.add("--creds=" + registry.username() + ":" + registry.password());
        }
        command.add("docker://" + registry.host() + "/" + image);
        IsolatedProcess.Result result =
                IsolatedProcess.run(command, sandbox, sandbox.resolve("sandbox"), Map.of(), Duration.ofMinutes(2));
        if (result.exitCode() != 0 && !result.stderr().contains("manifest unknown")) {
            throw new IllegalStateException("skopeo inspect failed: " + result.output());
        }
        return result.exitCode() == 0;
    }

    /** @return {@code sha256:} and the hex SHA-256 of the bytes */
    public static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static String skopeo() {
        return IsolatedProcess.requireOnPath("skopeo", "skopeo").toString();
    }

    private static IsolatedProcess.Result run(List<String> command, Path workDir) {
        IsolatedProcess.Result result = IsolatedProcess.run(
                command, workDir, workDir.resolve("skopeo-sandbox"), Map.of(), Duration.ofMinutes(5));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("skopeo failed (" + result.exitCode() + "): " + result.output());
        }
        return result;
    }

    private Blob blob(String mediaType, byte[] bytes, String extraJson) {
        String digest = sha256(bytes);
        try {
            Files.write(root.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Blob(
                mediaType,
                digest,
                bytes.length,
                "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + bytes.length
                        + extraJson + "}");
    }

    private void writeIndexJson() throws IOException {
        Files.writeString(
                root.resolve("index.json"),
                "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + String.join(",", tagged)
                        + "]}");
    }

    /** One regular file in a POSIX ustar archive, then the two zero blocks that end it. */
    private static void writeTar(OutputStream out, String name, byte[] content) throws IOException {
        writeTarHeader(out, name, content.length);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
        out.write(new byte[1024]);
    }

    /** The header block of one regular file of {@code size} bytes in a POSIX ustar archive. */
    private static void writeTarHeader(OutputStream out, String name, long size) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", size), 12);
        put(header, 136, String.format("%011o", 0), 12);
        header[156] = '0';
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum), 7);
        out.write(header);
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
