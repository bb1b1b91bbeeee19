package io.jenkins.plugins.environments.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.environments.model.Digests;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a cosign signature of an image digest, without any network: the signature manifest and the payload blobs
 * come in as bytes, a {@link GateResult} comes out.
 *
 * <p>Cosign stores the signatures of {@code sha256:<hex>} in the image's own repository under the tag
 * {@code sha256-<hex>.sig}: an image manifest whose layers of type
 * {@value #SIMPLE_SIGNING} each hold a "simple signing" payload (JSON naming the signed digest under
 * {@code critical.image.docker-manifest-digest}, with {@code critical.type} = {@value #PAYLOAD_TYPE}), signed over
 * its exact bytes; the signature is the layer's annotation {@value #SIGNATURE_ANNOTATION}, in Base64.
 *
 * <p>The digest is signed when at least one such layer passes every check, in this order: it has the signature
 * annotation; its payload is at most {@value #MAX_PAYLOAD_SIZE} bytes; the payload's SHA-256 is the layer's digest;
 * the annotation is Base64 of a signature that verifies over the payload with the key; and only then, the payload
 * being authentic, its type is right and it names exactly this digest. The payload's
 * {@code critical.identity.docker-reference} is not compared: the same digest may be signed under one repository
 * name and promoted under another (a mirror), and it is the digest that the signature vouches for.
 */
public final class SignatureVerifier {

    public static final String GATE = "signature";
    public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String PAYLOAD_TYPE = "cosign container image signature";
    /** Payloads are a few hundred bytes; anything much larger is not one and is not downloaded. */
    public static final int MAX_PAYLOAD_SIZE = 64 * 1024;
    /**
     * The most simple-signing layers one signature manifest may have: cosign adds one per signature, so a handful is
     * usual. A manifest with more is refused before any payload is fetched, which bounds the gate's requests to
     * {@value} + 1.
     */
    public static final int MAX_SIGNATURES = 16;
    /** The largest signature manifest read, in bytes: 4 MiB, the manifest size registries accept. */
    public static final int MAX_MANIFEST_SIZE = 4 * 1024 * 1024;

    private SignatureVerifier() {}

    /** @return the tag cosign stores the signatures of {@code digest} under: {@code sha256-<hex>.sig} */
    public static String signatureTag(String digest) {
        return "sha256-" + Digests.hex(digest) + ".sig";
    }

    /**
     * A payload blob to fetch: its digest and the size its layer declares, which is all that may be read of it.
     *
     * @param digest the blob's digest
     * @param size the declared size, at most {@link #MAX_PAYLOAD_SIZE}
     */
    public record Payload(String digest, int size) {}

    /**
     * @return the payload blobs that {@link #verify} needs from a signature manifest: those of its simple-signing
     *     layers with a valid digest and a size within {@link #MAX_PAYLOAD_SIZE}; empty for a manifest that cannot be
     *     read or that has more than {@link #MAX_SIGNATURES} simple-signing layers (which {@link #verify} refuses)
     */
    public static List<Payload> payloads(byte[] manifest) {
        List<Layer> signed = layers(manifest).orElse(List.of()).stream()
                .filter(layer -> SIMPLE_SIGNING.equals(layer.mediaType()))
                .toList();
        if (signed.size() > MAX_SIGNATURES) {
            return List.of();
        }
        return signed.stream()
                .filter(layer ->
                        Digests.isDigest(layer.digest()) && layer.size() >= 0 && layer.size() <= MAX_PAYLOAD_SIZE)
                .map(layer -> new Payload(layer.digest(), (int) layer.size()))
                .distinct()
                .toList();
    }

    /**
     * @param digest the image digest that must be signed, {@code sha256:…}
     * @param key the key the signature must verify with
     * @param manifest the signature manifest, as the registry returned it under {@link #signatureTag}
     * @param payloads the payload blobs by digest; a missing one fails its layer
     * @return PASS {@code verified with key 'name' (algorithm)}, or FAIL naming what is wrong with each layer
     */
    public static GateResult verify(String digest, SigningKey key, byte[] manifest, Map<String, byte[]> payloads) {
        Digests.checkDigest("digest", "Digest", digest);
        Optional<List<Layer>> parsed = layers(manifest);
        if (parsed.isEmpty()) {
            return GateResult.fail(
                    GATE,
                    "the signature manifest " + signatureTag(digest) + " is not an image manifest with a list of"
                            + " layers");
        }
        List<Layer> signed = parsed.get().stream()
                .filter(layer -> SIMPLE_SIGNING.equals(layer.mediaType()))
                .toList();
        if (signed.isEmpty()) {
            return GateResult.fail(
                    GATE, "the signature manifest " + signatureTag(digest) + " has no layer of type " + SIMPLE_SIGNING);
        }
        if (signed.size() > MAX_SIGNATURES) {
            return GateResult.fail(
                    GATE,
                    "the signature manifest " + signatureTag(digest) + " has " + signed.size() + " signature layers;"
                            + " at most " + MAX_SIGNATURES + " are read");
        }
        List<String> problems = new ArrayList<>();
        for (Layer layer : signed) {
            String problem = problem(layer, digest, key, payloads);
            if (problem == null) {
                return GateResult.pass(GATE, "verified with key " + key.describe());
            }
            problems.add((signed.size() == 1 ? "" : "layer " + layer.number() + ": ") + problem);
        }
        return GateResult.fail(
                GATE,
                "no signature of " + digest + " verifies with key " + key.describe() + ": "
                        + String.join("; ", problems));
    }

    /** @return why this layer does not sign the digest, or {@code null} when it does */
    private static String problem(Layer layer, String digest, SigningKey key, Map<String, byte[]> payloads) {
        if (layer.signature() == null) {
            return "it has no " + SIGNATURE_ANNOTATION + " annotation";
        }
        if (!Digests.isDigest(layer.digest())) {
            return "its digest is not a sha256 digest";
        }
        if (layer.size() > MAX_PAYLOAD_SIZE) {
            return "its payload of " + layer.size() + " bytes is larger than " + MAX_PAYLOAD_SIZE + " bytes";
        }
        byte[] payload = payloads.get(layer.digest());
        if (payload == null) {
            return "its payload " + layer.digest() + " is missing";
        }
        if (!Digests.of(payload).equals(layer.digest()) || payload.length != layer.size()) {
            return "its payload does not match its digest " + layer.digest() + " (altered)";
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(layer.signature().strip());
        } catch (IllegalArgumentException e) {
            return "its signature annotation is not valid Base64";
        }
        if (!verifies(key, payload, signature)) {
            return "the signature does not verify with this key (signed by another key, or payload altered)";
        }
        JsonNode claims = Json.parse(payload).orElse(null);
        JsonNode critical = claims == null ? null : claims.get("critical");
        if (critical == null || !critical.isObject()) {
            return "the signed payload has no 'critical' section";
        }
        String type = Json.text(critical, "type");
        if (!PAYLOAD_TYPE.equals(type)) {
            return "the signed payload's type is " + (type == null ? "missing" : "'" + type + "'") + ", not '"
                    + PAYLOAD_TYPE + "'";
        }
        JsonNode image = critical.get("image");
        String signedDigest = image == null ? null : Json.text(image, "docker-manifest-digest");
        if (!digest.equals(signedDigest)) {
            return "the signed payload is for "
                    + (signedDigest == null ? "no digest" : "'" + signedDigest + "'")
                    + ", not " + digest;
        }
        return null;
    }

    private static boolean verifies(SigningKey key, byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(key.signatureAlgorithm());
            verifier.initVerify(key.key());
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A signature of another algorithm or a malformed encoding does not verify.
            return false;
        }
    }

    /** One layer descriptor of a signature manifest, numbered from 1. */
    private record Layer(int number, String mediaType, String digest, long size, String signature) {}

    private static Optional<List<Layer>> layers(byte[] manifest) {
        Optional<JsonNode> root = Json.parse(manifest);
        JsonNode layers = root.map(node -> node.get("layers")).orElse(null);
        if (layers == null || !layers.isArray()) {
            return Optional.empty();
        }
        List<Layer> result = new ArrayList<>();
        for (JsonNode layer : layers) {
            JsonNode annotations = layer.get("annotations");
            JsonNode size = layer.get("size");
            result.add(new Layer(
                    result.size() + 1,
                    Json.text(layer, "mediaType"),
                    Json.text(layer, "digest"),
                    size != null && size.canConvertToLong() ? size.asLong() : Long.MAX_VALUE,
                    annotations == null ? null : Json.text(annotations, SIGNATURE_ANNOTATION)));
        }
        return Optional.of(result);
    }
}
