package io.jenkins.plugins.environments.kubernetes;

import java.time.Instant;

/**
 * A preview as its namespace's labels and annotations describe it.
 *
 * @param namespace the namespace name
 * @param app the {@code app} label
 * @param pullRequest the {@code pr} label, or 0 if it is missing or not a number
 * @param expiresAt the {@code expires-at} annotation, or {@code null} if missing or unreadable (never swept then)
 * @param pinned whether the {@code pinned} annotation is {@code "true"}
 * @param lastDeploy the {@code last-deploy} annotation, or {@code null} if missing or unreadable
 * @param inventory the {@code inventory} annotation: what the last completed deploy applied; {@code null} if missing
 *     or unreadable, and then the next {@link PreviewNamespaces#apply apply} prunes by labels; {@link
 *     PreviewInventory#empty(String) empty} when {@link PreviewNamespaces#ensureNamespace} has just created the
 *     namespace, which therefore holds nothing to prune
 */
public record LivePreview(
        String namespace,
        String app,
        int pullRequest,
        Instant expiresAt,
        boolean pinned,
        Instant lastDeploy,
        PreviewInventory inventory) {

    /** A preview whose namespace holds no inventory. */
    public LivePreview(
            String namespace, String app, int pullRequest, Instant expiresAt, boolean pinned, Instant lastDeploy) {
        this(namespace, app, pullRequest, expiresAt, pinned, lastDeploy, null);
    }

    /** Whether the TTL sweep may remove this preview at {@code now}: it is unpinned and its expiry has come. */
    public boolean expiredAt(Instant now) {
        return !pinned && expiresAt != null && !expiresAt.isAfter(now);
    }
}
