package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.registry.RegistryAccessException;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The signature gate: the digest must carry a cosign signature that verifies with the environment's key. Fetches
 * the signature manifest {@code sha256-<hex>.sig} from the digest's repository and its payload blobs, then lets
 * {@link SignatureVerifier} decide. Reads only.
 */
public final class SignatureGate implements Gate {

    private final RegistrySession session;
    private final String repository;
    private final String digest;
    private final String keyName;
    private final String publicKeyPem;

    /**
     * @param session the registry holding the image (and so its signatures)
     * @param repository the image's repository, such as {@code team/app}
     * @param digest the digest being promoted
     * @param keyName the name of the key in messages: the id of the credentials holding it
     * @param publicKeyPem the public key, {@code -----BEGIN PUBLIC KEY-----}
     * @throws IllegalArgumentException for a repository or digest that is not valid, before anything is sent
     */
    public SignatureGate(
            RegistrySession session, String repository, String digest, String keyName, String publicKeyPem) {
        this.session = Objects.requireNonNull(session, "session");
        this.repository = RegistryPaths.checkRepository(repository);
        this.digest = Digests.checkDigest("digest", "Digest", digest);
        this.keyName = Objects.requireNonNull(keyName, "keyName");
        this.publicKeyPem = publicKeyPem;
    }

    @Override
    public String name() {
        return SignatureVerifier.GATE;
    }

    @Override
    public GateResult evaluate() {
        SigningKey key;
        try {
            key = SigningKey.fromPem(keyName, publicKeyPem);
        } catch (IllegalArgumentException e) {
            return GateResult.fail(name(), "signature key '" + keyName + "' is not usable: " + e.getMessage());
        }
        try {
            String tag = SignatureVerifier.signatureTag(digest);
            HttpResponse<byte[]> manifest = session.send(RegistryRequest.get(RegistryPaths.manifest(repository, tag))
                    .withHeader("Accept", RegistryPaths.OCI_MANIFEST + ", " + RegistryPaths.DOCKER_MANIFEST));
            if (manifest.statusCode() == 404) {
                return GateResult.fail(
                        name(), "no signature found for " + digest + " (no tag " + tag + " in " + repository + ")");
            }
            if (manifest.statusCode() != 200) {
                return GateResult.fail(name(), unexpected(manifest, "the signature manifest " + tag));
            }
            Map<String, byte[]> payloads = new HashMap<>();
            for (String payloadDigest : SignatureVerifier.payloadDigests(manifest.body())) {
                HttpResponse<byte[]> blob =
                        session.send(RegistryRequest.get(RegistryPaths.blob(repository, payloadDigest)));
                if (blob.statusCode() == 200) {
                    payloads.put(payloadDigest, blob.body());
                } else if (blob.statusCode() != 404) {
                    return GateResult.fail(name(), unexpected(blob, "the signature payload " + payloadDigest));
                }
            }
            return SignatureVerifier.verify(digest, key, manifest.body(), payloads);
        } catch (RegistryAccessException e) {
            return GateResult.fail(name(), e.getMessage());
        }
    }

    private String unexpected(HttpResponse<byte[]> response, String what) {
        return session.access().describe() + " answered HTTP " + response.statusCode() + " for " + what + " of "
                + repository;
    }
}
