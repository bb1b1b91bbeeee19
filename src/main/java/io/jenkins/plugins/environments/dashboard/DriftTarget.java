package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.Names;
import java.util.Objects;

/**
 * One cell whose drift is watched: what the ledger says was promoted there, by which strategy, and where a
 * {@link LiveDigestReader} looks to see what really runs. Only the coordinates the cell's strategy needs are set.
 *
 * @param app the app's name
 * @param environment the environment's name
 * @param strategy {@value #DEPLOY}, {@value #GITOPS} or {@value #REGISTRY}, as the last promotion into the cell
 *     recorded it; {@code null} when it recorded none
 * @param expectedDigest the digest the ledger says is there ({@code sha256:…})
 * @param cluster the id of the environment's cluster ({@code deploy})
 * @param namespace the app's namespace there ({@code deploy})
 * @param repository the image repository with its registry, such as {@code registry.example.com/team/shop}: what
 *     containers name ({@code deploy}), where the tag lives ({@code registry}), the name of a kustomization's image
 *     entry when the target names none ({@code gitops})
 * @param tag the tag the {@code registry} strategy moves
 * @param gitOps the file and key the {@code gitops} strategy commits to, with its repository and branch
 */
public record DriftTarget(
        String app,
        String environment,
        String strategy,
        String expectedDigest,
        String cluster,
        String namespace,
        String repository,
        String tag,
        GitOpsTarget gitOps) {

    public static final String DEPLOY = "deploy";
    public static final String GITOPS = "gitops";
    public static final String REGISTRY = "registry";

    public DriftTarget {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        expectedDigest = Digests.checkDigest("expectedDigest", "Promoted digest", expectedDigest);
        strategy = Names.isBlank(strategy) ? null : strategy;
    }

    /** @return a cell deployed straight into a namespace */
    public static DriftTarget deploy(
            String app, String environment, String digest, String cluster, String namespace, String repository) {
        return new DriftTarget(app, environment, DEPLOY, digest, cluster, namespace, repository, null, null);
    }

    /** @return a cell whose digest a tag carries */
    public static DriftTarget registry(String app, String environment, String digest, String repository, String tag) {
        return new DriftTarget(app, environment, REGISTRY, digest, null, null, repository, tag, null);
    }

    /** @return a cell committed into a GitOps file */
    public static DriftTarget gitOps(
            String app, String environment, String digest, GitOpsTarget gitOps, String repository) {
        return new DriftTarget(app, environment, GITOPS, digest, null, null, repository, null, gitOps);
    }

    /** @return the cell this target is about */
    public Cell cell() {
        return new Cell(app, environment);
    }

    /** @return {@code shop in prod}, for messages */
    public String describe() {
        return app + " in " + environment;
    }

    /** One app in one environment. */
    public record Cell(String app, String environment) {}
}
