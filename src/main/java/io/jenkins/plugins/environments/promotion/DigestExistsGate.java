package io.jenkins.plugins.environments.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.registry.RegistryAccessException;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The digest-exists gate: the digest must be in the source repository, and when it is an image index (a
 * multi-platform image) so must every manifest it lists, or a copy of it would be incomplete. Asks the registry with
 * {@code HEAD} for the digest, and for an index {@code GET}s it (checking that its bytes hash to the digest) and
 * {@code HEAD}s each child, going into nested indexes the same way. An index that lists no manifest fails: there is
 * nothing to run. Bounded: indexes are read up to {@value #MAX_INDEX_SIZE} bytes, at most {@value #MAX_MANIFESTS}
 * manifests are checked and indexes nest at most {@value #MAX_DEPTH} deep. Reads only.
 */
public final class DigestExistsGate implements Gate {

    public static final String GATE = "digest-exists";
    /** The largest index read, in bytes: 4 MiB, the manifest size registries accept. */
    static final int MAX_INDEX_SIZE = 4 * 1024 * 1024;
    /** The most manifests checked under one index, nested indexes included: one request each. */
    static final int MAX_MANIFESTS = 256;
    /** How deep indexes may nest (an index of indexes is 2). */
    static final int MAX_DEPTH = 4;

    private final RegistrySession session;
    private final String repository;
    private final String digest;

    /**
     * @param session the source registry
     * @param repository the repository in it, such as {@code team/app}
     * @param digest the digest being promoted
     * @throws IllegalArgumentException for a repository or digest that is not valid, before anything is sent
     */
    public DigestExistsGate(RegistrySession session, String repository, String digest) {
        this.session = Objects.requireNonNull(session, "session");
        this.repository = RegistryPaths.checkRepository(repository);
        this.digest = Digests.checkDigest("digest", "Digest", digest);
    }

    @Override
    public String name() {
        return GATE;
    }

    @Override
    public GateResult evaluate() {
        try {
            HttpResponse<byte[]> head = head(digest);
            if (head.statusCode() == 404) {
                return GateResult.fail(GATE, digest + " is not in " + where());
            }
            if (head.statusCode() != 200) {
                return GateResult.fail(GATE, unexpected(head, digest));
            }
            String mediaType = RegistryPaths.mediaType(
                    head.headers().firstValue("Content-Type").orElse(""));
            if (!RegistryPaths.isIndex(mediaType)) {
                return GateResult.pass(GATE, digest + " is in " + where());
            }
            return checkChildren();
        } catch (RegistryAccessException e) {
            return GateResult.fail(GATE, e.getMessage());
        }
    }

    /** What a walk through nested indexes found: missing manifests, and how many manifests it saw. */
    private static final class Walk {
        final List<String> missing = new ArrayList<>();
        int manifests;
    }

    private GateResult checkChildren() throws RegistryAccessException {
        Walk walk = new Walk();
        String problem = walkIndex(digest, 1, walk);
        if (problem != null) {
            return GateResult.fail(GATE, problem);
        }
        if (!walk.missing.isEmpty()) {
            return GateResult.fail(
                    GATE,
                    "the index " + digest + " is in " + where() + " but " + walk.missing.size() + " of its "
                            + walk.manifests + " manifests " + (walk.missing.size() == 1 ? "is" : "are")
                            + " missing: " + String.join(", ", walk.missing));
        }
        return GateResult.pass(
                GATE, "the index " + digest + " and all " + walk.manifests + " of its manifests are in " + where());
    }

    /**
     * Reads one index and checks each manifest it lists, going into nested indexes.
     *
     * @return why the index cannot be accepted, or {@code null}; missing children are collected in {@code walk}
     */
    private String walkIndex(String indexDigest, int depth, Walk walk) throws RegistryAccessException {
        HttpResponse<InputStream> answer =
                session.open(RegistryRequest.get(RegistryPaths.manifest(repository, indexDigest))
                        .withHeader("Accept", RegistryPaths.ANY_MANIFEST));
        byte[] body;
        try (InputStream in = answer.body()) {
            if (answer.statusCode() != 200) {
                return unexpected(answer, indexDigest);
            }
            body = in.readNBytes(MAX_INDEX_SIZE + 1);
        } catch (IOException e) {
            return session.access().describe() + " broke off while sending the index " + indexDigest;
        }
        if (body.length > MAX_INDEX_SIZE) {
            return "the index " + indexDigest + " in " + where() + " is larger than " + MAX_INDEX_SIZE + " bytes";
        }
        if (!Digests.of(body).equals(indexDigest)) {
            return where() + " answered bytes for " + indexDigest + " that do not hash to it (altered index)";
        }
        JsonNode manifests = Json.parse(body).map(n -> n.get("manifests")).orElse(null);
        if (manifests == null || !manifests.isArray()) {
            return "the index " + indexDigest + " in " + where() + " has no list of manifests";
        }
        if (manifests.isEmpty()) {
            return "the index " + indexDigest + " in " + where() + " lists no manifest: there is no image to promote";
        }
        for (JsonNode child : manifests) {
            String childDigest = Json.text(child, "digest");
            if (!Digests.isDigest(childDigest)) {
                return "the index " + indexDigest + " lists a manifest without a valid sha256 digest";
            }
            if (++walk.manifests > MAX_MANIFESTS) {
                return "the index " + digest + " lists more than " + MAX_MANIFESTS
                        + " manifests (nested indexes included); not checked further";
            }
            HttpResponse<byte[]> head = head(childDigest);
            if (head.statusCode() == 404) {
                walk.missing.add(childDigest + platform(child));
                continue;
            }
            if (head.statusCode() != 200) {
                return unexpected(head, childDigest);
            }
            String declared = Json.text(child, "mediaType");
            String served = RegistryPaths.mediaType(
                    head.headers().firstValue("Content-Type").orElse(""));
            if (RegistryPaths.isIndex(served) || declared != null && RegistryPaths.isIndex(declared)) {
                if (depth >= MAX_DEPTH) {
                    return "the index " + digest + " nests indexes deeper than " + MAX_DEPTH + " levels";
                }
                String problem = walkIndex(childDigest, depth + 1, walk);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private HttpResponse<byte[]> head(String reference) throws RegistryAccessException {
        return session.send(RegistryRequest.head(RegistryPaths.manifest(repository, reference))
                .withHeader("Accept", RegistryPaths.ANY_MANIFEST));
    }

    /** @return {@code  (linux/arm64)} for a child with a platform, empty otherwise */
    private static String platform(JsonNode child) {
        JsonNode platform = child.get("platform");
        if (platform == null || Json.text(platform, "os") == null) {
            return "";
        }
        String variant = Json.text(platform, "variant");
        return " (" + Json.text(platform, "os") + "/" + Json.text(platform, "architecture")
                + (variant == null ? "" : "/" + variant) + ")";
    }

    private String where() {
        return repository + " on " + session.access().describe();
    }

    private String unexpected(HttpResponse<?> response, String reference) {
        return session.access().describe() + " answered HTTP " + response.statusCode() + " for the manifest "
                + reference + " of " + repository;
    }
}
