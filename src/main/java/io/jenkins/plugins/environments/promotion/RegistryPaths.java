package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.Names;
import java.util.List;
import java.util.regex.Pattern;

/** Paths of the OCI distribution API for one repository, and the media types the gates ask for. */
final class RegistryPaths {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** Every manifest type the gates understand, for the {@code Accept} header. */
    static final String ANY_MANIFEST =
            String.join(", ", List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST));

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
    private static final int MAX_REPOSITORY_LENGTH = 255;

    private RegistryPaths() {}

    /**
     * @return the repository name, such as {@code team/app}: slash-separated components of lower-case letters and
     *     digits joined by {@code .}, {@code _}, {@code __} or dashes, at most 255 characters (the distribution
     *     spec's rule); it is checked before it becomes part of a URL
     */
    static String checkRepository(String repository) {
        Names.require("repository", "Repository", repository);
        boolean valid = repository.length() <= MAX_REPOSITORY_LENGTH;
        for (String component : repository.split("/", -1)) {
            valid &= COMPONENT.matcher(component).matches();
        }
        if (!valid) {
            throw Names.invalid(
                    "repository",
                    "Repository",
                    repository,
                    "is not a repository name: use slash-separated parts of lower-case letters and digits, joined"
                            + " by '.', '_' or '-', such as 'team/app'");
        }
        return repository;
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
