package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.kubernetes.PreviewNamespaceSpec;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.ImageFieldPath;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.render.RenderRequest;
import java.time.Duration;
import java.util.List;

/**
 * A checked {@link PreviewRequest}: every value valid, every default filled in, every name computed. Making one
 * touches nothing outside the JVM.
 *
 * @param cluster the cluster the preview goes to
 * @param whenFull what to do when the cluster already runs its maximum of previews
 * @param spec the namespace, its labels, TTL, quota and build URL
 * @param host the preview's host name
 * @param image the image whose containers get pinned to the digest; may name a tag still to be resolved
 * @param render what to render for the app
 * @param databaseRender what to render for an {@link DatabaseStrategy#EPHEMERAL} database, or {@code null}
 * @param database the database strategy
 * @param schema the shared schema's name for {@link DatabaseStrategy#SHARED_SCHEMA}, or {@code null}
 * @param waitForReady whether to wait for readiness
 * @param timeout the bound of the wait
 * @param job the deploying job's full name, or {@code null}
 */
public record PreviewPlan(
        Cluster cluster,
        WhenFull whenFull,
        PreviewNamespaceSpec spec,
        String host,
        ImageReference image,
        RenderRequest render,
        RenderRequest databaseRender,
        DatabaseStrategy database,
        String schema,
        boolean waitForReady,
        Duration timeout,
        String job,
        List<ImageFieldPath> imageFields) {

    /** @return the app */
    public String app() {
        return spec.app();
    }

    /** @return the namespace */
    public String namespace() {
        return spec.namespace();
    }

    /** @return the pull request number */
    public int pullRequest() {
        return spec.pullRequest();
    }

    /** @return {@code https://} and the host */
    public String url() {
        return "https://" + host;
    }
}
