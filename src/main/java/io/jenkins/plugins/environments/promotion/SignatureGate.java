package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.registry.RegistryAccessException;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import java.io.IOException;
import java.io.InputStream;
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
            HttpResponse<InputStream> manifest =
                    session.open(RegistryRequest.get(RegistryPaths.manifest(repository, tag))
                            .withHeader("Accept", RegistryPaths.OCI_MANIFEST + ", " + RegistryPaths.DOCKER_MANIFEST));
            byte[] manifestBytes;
            try (InputStream body = manifest.body()) {
                if (manifest.statusCode() == 404) {
                    return GateResult.fail(
                            name(), "no signature found for " + digest + " (no tag " + tag + " in " + repository + ")");
                }
                if (manifest.statusCode() != 200) {
                    return GateResult.fail(name(), unexpected(manifest, "the signature manifest " + tag));
                }
                manifestBytes = body.readNBytes(SignatureVerifier.MAX_MANIFEST_SIZE + 1);
            }
            if (manifestBytes.length > SignatureVerifier.MAX_MANIFEST_SIZE) {
                return GateResult.fail(
                        name(),
                        "the signature manifest " + tag + " is larger than " + SignatureVerifier.MAX_MANIFEST_SIZE
                                + " bytes; it was not read further");
            }
            Map<String, byte[]> payloads = new HashMap<>();
            for (SignatureVerifier.Payload payload : SignatureVerifier.payloads(manifestBytes)) {
                HttpResponse<InputStream> blob =
                        session.open(RegistryRequest.get(RegistryPaths.blob(repository, payload.digest())));
                try (InputStream body = blob.body()) {
                    if (blob.statusCode() == 200) {
                        // One byte more than declared tells an altered payload without reading the rest of it.
                        payloads.put(payload.digest(), body.readNBytes(payload.size() + 1));
                    } else if (blob.statusCode() != 404) {
                        return GateResult.fail(name(), unexpected(blob, "the signature payload " + payload.digest()));
                    }
                }
            }
            return SignatureVerifier.verify(digest, key, manifestBytes, payloads);
        } catch (RegistryAccessException e) {
            return GateResult.fail(name(), e.getMessage());
        } catch (IOException e) {
            return GateResult.fail(
                    name(), session.access().describe() + " broke off while sending a signature of " + digest);
        }
    }

    private String unexpected(HttpResponse<?> response, String what) {
        return session.access().describe() + " answered HTTP " + response.statusCode() + " for " + what + " of "
                + repository;
    }
}
