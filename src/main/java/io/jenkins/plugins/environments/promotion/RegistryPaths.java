package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.ImageReference;
import java.util.List;

/** Paths of the OCI distribution API for one repository, and the media types the gates ask for. */
final class RegistryPaths {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** Every manifest type the gates understand, for the {@code Accept} header. */
    static final String ANY_MANIFEST =
            String.join(", ", List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST));

    private RegistryPaths() {}

    /**
     * @return the repository name, such as {@code team/app}, checked by the one repository rule
     *     ({@link ImageReference#checkRepository(String, String, String)}) before it becomes part of a URL
     */
    static String checkRepository(String repository) {
        return ImageReference.checkRepository("repository", "Repository", repository);
    }

    static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /** @param reference a tag or a digest, already checked */
    static String manifest(String repository, String reference) {
        return "/v2/" + repository + "/manifests/" + reference;
    }

    /** @param digest a digest, already checked */
    static String blob(String repository, String digest) {
        return "/v2/" + repository + "/blobs/" + digest;
    }

    /** @return the media type of a {@code Content-Type} header without its parameters */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    }
}
