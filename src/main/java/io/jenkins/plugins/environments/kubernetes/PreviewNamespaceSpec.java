package io.jenkins.plugins.environments.kubernetes;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What one preview namespace should look like. All values are checked when the spec is made, so a spec that exists
 * can be sent to a cluster.
 *
 * @param namespace the namespace name (an RFC 1123 label), such as {@code pr-42}
 * @param app the application name (an RFC 1123 label)
 * @param pullRequest the pull request number, positive
 * @param ttl how long after each deploy the preview may be swept
 * @param buildUrl the build that deploys it, an {@code http(s)} URL, or {@code null}
 * @param pinned whether to set {@code pinned: "true"}, which keeps the preview out of the TTL sweep
 * @param quota the namespace's resource bounds
 */
public record PreviewNamespaceSpec(
        String namespace,
        String app,
        int pullRequest,
        Duration ttl,
        String buildUrl,
        boolean pinned,
        PreviewQuota quota) {

    public PreviewNamespaceSpec {
        PreviewInputs.namespace(namespace);
        PreviewInputs.app(app);
        PreviewInputs.pullRequest(pullRequest);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("Preview TTL must be positive, not " + ttl);
        }
        Objects.requireNonNull(quota, "quota");
        if (buildUrl != null && !isHttpUrl(buildUrl)) {
            throw new IllegalArgumentException("Build URL " + PreviewInputs.quote(buildUrl) + " is not an http(s) URL");
        }
    }

    /** A spec with no build URL, not pinned, with {@link PreviewQuota#standard()}. */
    public static PreviewNamespaceSpec of(String namespace, String app, int pullRequest, Duration ttl) {
        return new PreviewNamespaceSpec(namespace, app, pullRequest, ttl, null, false, PreviewQuota.standard());
    }

    private static boolean isHttpUrl(String url) {
        if (url.length() > 2048 || url.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
