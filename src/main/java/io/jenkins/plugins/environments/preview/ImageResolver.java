package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.Registry;

/** Port: turns an image tag into the digest it names right now, asking the image's registry once. */
@FunctionalInterface
public interface ImageResolver {

    /**
     * @param registry the configured registry that holds the image
     * @param image an image named by a tag
     * @return the digest, {@code sha256:} and 64 lower-case hex digits
     * @throws PreviewException when the tag does not exist or the registry cannot tell
     */
    String digestOf(Registry registry, ImageReference image) throws InterruptedException;
}
