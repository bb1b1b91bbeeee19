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
        if (buildUrl != null && !isHttpUrl(buildUrl) && !isRunPath(buildUrl)) {
            throw new IllegalArgumentException("Build URL " + PreviewInputs.quote(buildUrl)
                    + " is not an http(s) URL or a run's path under the Jenkins root (job/…)");
        }
    }

    /** A spec with no build URL, not pinned, with {@link PreviewQuota#standard()}. */
    public static PreviewNamespaceSpec of(String namespace, String app, int pullRequest, Duration ttl) {
        return new PreviewNamespaceSpec(namespace, app, pullRequest, ttl, null, false, PreviewQuota.standard());
    }

    /** What {@code Run.getUrl()} gives when Jenkins has no root URL configured: {@code job/shop/job/PR-7/3/}. */
    private static boolean isRunPath(String url) {
        return printable(url) && url.startsWith("job/") && !url.contains("//") && !url.contains("..");
    }

    private static boolean printable(String url) {
        return url.length() <= 2048 && url.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private static boolean isHttpUrl(String url) {
        if (!printable(url)) {
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
