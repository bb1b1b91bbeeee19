package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.Deadline;

/**
 * Reads what really runs for one cell of the dashboard, by the strategy that put it there: the workloads of a
 * namespace ({@code deploy}), the value a GitOps file holds ({@code gitops}), the digest a tag points to
 * ({@code registry}). One implementation per strategy, in the layer that talks to that kind of remote; the
 * {@link DriftMonitor} calls them in the background, never for a page.
 *
 * <p>A reader finishes by the deadline, or fails: every remote call it makes is bounded by what is left of it.
 */
@FunctionalInterface
public interface LiveDigestReader {

    /**
     * @param target the cell and where to look
     * @param deadline when the read must be over
     * @return the digest that runs ({@code sha256:…}), or {@code null} when nothing runs (no workload of the app, no
     *     such tag, a key that holds no digest)
     * @throws DriftReadException when the remote could not be read, with a message fit for the page
     * @throws Exception for anything else; the page shows only its type then
     */
    String liveDigest(DriftTarget target, Deadline deadline) throws Exception;
}
