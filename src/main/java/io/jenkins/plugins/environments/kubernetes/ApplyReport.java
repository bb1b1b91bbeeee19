package io.jenkins.plugins.environments.kubernetes;

import java.util.List;

/**
 * What one {@link PreviewNamespaces#apply apply} did, each object as {@code Kind name}.
 *
 * @param applied the objects sent with server-side apply, in order
 * @param pruned the objects of earlier deploys that this deploy no longer renders, deleted
 */
public record ApplyReport(List<String> applied, List<String> pruned) {

    public ApplyReport {
        applied = List.copyOf(applied);
        pruned = List.copyOf(pruned);
    }
}
