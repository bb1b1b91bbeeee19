package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.kubernetes.PreviewInputs;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryAccessException;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import java.net.http.HttpResponse;
import java.util.function.Function;

/**
 * Resolves a tag with one {@code HEAD /v2/<repository>/manifests/<tag>} (plus the token exchange a registry may ask
 * for), reading the {@code Docker-Content-Digest} header. The request accepts every manifest and index media type, so
 * that the digest is the one the registry would serve to a container runtime.
 */
public final class RegistryImageResolver implements ImageResolver {

    /** The manifest media types a runtime accepts, images and indexes, OCI and Docker. */
    public static final String MANIFEST_TYPES = String.join(
            ", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private final Function<Registry, RegistryAccess> access;

    /** @param access opens access to a configured registry, credentials resolved (by the Jenkins glue) */
    public RegistryImageResolver(Function<Registry, RegistryAccess> access) {
        this.access = access;
    }

    @Override
    public String digestOf(Registry registry, ImageReference image) {
        String where = PreviewInputs.quote(image.toString());
        try (RegistryAccess opened = access.apply(registry);
                RegistrySession session = new RegistrySession(opened)) {
            HttpResponse<byte[]> response =
                    session.send(RegistryRequest.head("/v2/" + image.repository() + "/manifests/" + image.tag())
                            .withHeader("Accept", MANIFEST_TYPES));
            int status = response.statusCode();
            if (status == 404) {
                throw new PreviewException(
                        "image " + where + " does not exist in registry '" + registry.id() + "': no such tag");
            }
            if (status != 200) {
                throw new PreviewException("registry '" + registry.id() + "' answered HTTP " + status + " for image "
                        + where + "; cannot resolve the tag");
            }
            String digest =
                    response.headers().firstValue("Docker-Content-Digest").orElse(null);
            if (!Digests.isDigest(digest)) {
                throw new PreviewException("registry '" + registry.id() + "' did not name a sha256 digest for image "
                        + where + " (Docker-Content-Digest " + PreviewInputs.quote(digest) + ")");
            }
            return digest;
        } catch (RegistryAccessException e) {
            throw new PreviewException("cannot resolve image " + where + ": " + e.getMessage(), e);
        }
    }
}
