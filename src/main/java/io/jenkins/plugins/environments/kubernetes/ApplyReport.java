package io.jenkins.plugins.environments.kubernetes;

import java.util.List;

/**
 * What one {@link PreviewNamespaces#apply apply} did, each object as {@code Kind name}.
 *
 * @param applied the objects sent with server-side apply, in order
 * @param pruned the objects of earlier deploys that this deploy no longer renders, deleted
 * @param notPruned objects of earlier deploys that this deploy no longer renders but could not delete, each with the
 *     reason (their kind is no longer served by the cluster); the caller reports them
 * @param changed {@code false} only when the previous deploy applied the same render (same fingerprint) and nothing
 *     was pruned: a rerun that changed nothing the plugin declares
 */
public record ApplyReport(List<String> applied, List<String> pruned, List<String> notPruned, boolean changed) {

    public ApplyReport {
        applied = List.copyOf(applied);
        pruned = List.copyOf(pruned);
        notPruned = List.copyOf(notPruned);
    }

    /** @return the pruned and not pruned objects as one log phrase, such as {@code "; pruned Service web"} */
    public String describePruning() {
        return (pruned.isEmpty() ? "" : "; pruned " + String.join(", ", pruned))
                + (notPruned.isEmpty() ? "" : "; NOT pruned " + String.join(", ", notPruned));
    }
}
