package io.jenkins.plugins.environments.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.registry.RegistryAccessException;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The digest-exists gate: the digest must be in the source repository, and when it is an image index (a
 * multi-platform image) so must every manifest it lists, or a copy of it would be incomplete. Asks the registry with
 * {@code HEAD} for the digest, and for an index {@code GET}s it (checking that its bytes hash to the digest) and
 * {@code HEAD}s each child. Reads only.
 */
public final class DigestExistsGate implements Gate {

    public static final String GATE = "digest-exists";

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

    private GateResult checkChildren() throws RegistryAccessException {
        HttpResponse<byte[]> index = session.send(RegistryRequest.get(RegistryPaths.manifest(repository, digest))
                .withHeader("Accept", RegistryPaths.ANY_MANIFEST));
        if (index.statusCode() != 200) {
            return GateResult.fail(GATE, unexpected(index, digest));
        }
        if (!Digests.of(index.body()).equals(digest)) {
            return GateResult.fail(
                    GATE, where() + " answered bytes for " + digest + " that do not hash to it (altered index)");
        }
        JsonNode manifests =
                Json.parse(index.body()).map(n -> n.get("manifests")).orElse(null);
        if (manifests == null || !manifests.isArray()) {
            return GateResult.fail(GATE, "the index " + digest + " in " + where() + " has no list of manifests");
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode child : manifests) {
            String childDigest = Json.text(child, "digest");
            if (!Digests.isDigest(childDigest)) {
                return GateResult.fail(GATE, "the index " + digest + " lists a manifest without a valid sha256 digest");
            }
            HttpResponse<byte[]> head = head(childDigest);
            if (head.statusCode() == 404) {
                missing.add(childDigest + platform(child));
            } else if (head.statusCode() != 200) {
                return GateResult.fail(GATE, unexpected(head, childDigest));
            }
        }
        if (!missing.isEmpty()) {
            return GateResult.fail(
                    GATE,
                    "the index " + digest + " is in " + where() + " but " + missing.size() + " of its "
                            + manifests.size() + " manifests " + (missing.size() == 1 ? "is" : "are") + " missing: "
                            + String.join(", ", missing));
        }
        return GateResult.pass(
                GATE, "the index " + digest + " and all " + manifests.size() + " of its manifests are in " + where());
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

    private String unexpected(HttpResponse<byte[]> response, String reference) {
        return session.access().describe() + " answered HTTP " + response.statusCode() + " for the manifest "
                + reference + " of " + repository;
    }
}
