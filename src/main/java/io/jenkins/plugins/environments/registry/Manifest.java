package io.jenkins.plugins.environments.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A manifest exactly as a registry stored it: its bytes, its media type and their digest. The bytes are never
 * re-serialized, so a manifest put elsewhere keeps its digest.
 *
 * <p>An image manifest (OCI or Docker v2) refers to blobs (its config and layers); an index (OCI image index or
 * Docker manifest list) refers to other manifests.
 */
public final class Manifest {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    /** The {@code Accept} header for manifests: every kind this class reads, so no registry converts one. */
    public static final String ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a manifest points at.
     *
     * @param mediaType the target's media type
     * @param digest the target's digest
     * @param size the target's size in bytes
     */
    public record Descriptor(String mediaType, Digest digest, long size) {}

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;
    private final List<Descriptor> blobs;
    private final List<Descriptor> manifests;

    private Manifest(
            byte[] bytes, String mediaType, Digest digest, List<Descriptor> blobs, List<Descriptor> manifests) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = digest;
        this.blobs = List.copyOf(blobs);
        this.manifests = List.copyOf(manifests);
    }

    /**
     * Reads a manifest's references.
     *
     * @param bytes the manifest as the registry sent it
     * @param contentType the {@code Content-Type} it came with, used when the manifest has no {@code mediaType}
     * @throws IllegalArgumentException if it is not a schema 2 image manifest or index of a kind listed above
     */
    public static Manifest parse(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the manifest is not a JSON object");
        }
        String mediaType = json.path("mediaType").isTextual()
                ? json.get("mediaType").asText()
                : contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (json.path("schemaVersion").asInt() != 2) {
            throw new IllegalArgumentException(
                    "the manifest has schemaVersion " + json.path("schemaVersion") + "; only schema 2 is copied");
        }
        List<Descriptor> blobs = new ArrayList<>();
        List<Descriptor> manifests = new ArrayList<>();
        switch (mediaType) {
            case OCI_INDEX, DOCKER_LIST -> {
                for (JsonNode child : json.path("manifests")) {
                    manifests.add(descriptor(child, "manifests[]"));
                }
            }
            case OCI_MANIFEST, DOCKER_MANIFEST -> {
                blobs.add(descriptor(json.path("config"), "config"));
                for (JsonNode layer : json.path("layers")) {
                    blobs.add(descriptor(layer, "layers[]"));
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "the manifest's media type '" + mediaType + "' is not an OCI or Docker v2 image or index");
        }
        return new Manifest(bytes.clone(), mediaType, Digest.of(bytes), blobs, manifests);
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("the manifest has no descriptor object at " + where);
        }
        JsonNode digest = node.path("digest");
        JsonNode size = node.path("size");
        if (!digest.isTextual() || !size.canConvertToLong() || size.asLong() < 0) {
            throw new IllegalArgumentException("the manifest's descriptor at " + where + " lacks a digest or size");
        }
        return new Descriptor(node.path("mediaType").asText(""), Digest.parse(digest.asText()), size.asLong());
    }

    /** @return a copy of the bytes, exactly as stored */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the media type: the manifest's own {@code mediaType} field, else the type it was served with */
    public String mediaType() {
        return mediaType;
    }

    /** @return the sha256 of the bytes */
    public Digest digest() {
        return digest;
    }

    /** @return the size of the bytes */
    public int size() {
        return bytes.length;
    }

    /** @return whether this is an index (OCI image index or Docker manifest list) */
    public boolean isIndex() {
        return !manifests.isEmpty() || mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
    }

    /** @return the config and layers of an image manifest, in order; empty for an index */
    public List<Descriptor> blobs() {
        return blobs;
    }

    /** @return the manifests an index lists, in order; empty for an image manifest */
    public List<Descriptor> manifests() {
        return manifests;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest m && Arrays.equals(bytes, m.bytes) && mediaType.equals(m.mediaType);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
    }
}
