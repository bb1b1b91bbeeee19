package io.jenkins.plugins.environments.dashboard;

import java.time.Instant;

/**
 * A preview that was deployed and not torn down since. A redeploy moves its deploy time, digest, build, expiry and
 * pin; namespace, URL, cluster and job are taken from the latest deploy that names them.
 *
 * @param environment the environment the events name, {@code preview} for previews the plugin deploys
 * @param deployed when it was last deployed
 * @param cluster the cluster's id (never its URL), or {@code null}
 * @param job the full name of the pull request's job, such as {@code payments/PR-1842}, or {@code null}
 * @param expires when its time to live runs out, or {@code null} when unknown or pinned
 * @param pinned whether it never expires
 */
public record LivePreview(
        String app,
        String environment,
        String pr,
        String namespace,
        String url,
        Instant deployed,
        String digest,
        String actor,
        String build,
        String cluster,
        String job,
        Instant expires,
        boolean pinned) {

    /** @return whether its time to live ran out before {@code now}, though nobody swept it yet */
    public boolean expiredAt(Instant now) {
        return !pinned && expires != null && expires.isBefore(now);
    }

    /** @return the build or job that owns it, for deciding who may see it: its build, else its job; or {@code null} */
    public String owner() {
        if (build != null) {
            return build;
        }
        return job == null ? null : BuildLink.ofJob(job).url();
    }
}
