package io.jenkins.plugins.environments.kubernetes;

/**
 * A preview that a sweep deleted.
 *
 * @param preview the preview as it was listed
 * @param reason why it was deleted; {@link #TTL} for the expiry sweep
 */
public record SweptPreview(LivePreview preview, String reason) {

    /** The reason of a preview whose {@code expires-at} had passed. */
    public static final String TTL = "ttl";
}
