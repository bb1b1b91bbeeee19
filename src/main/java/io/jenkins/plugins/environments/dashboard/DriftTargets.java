package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cells whose drift can be watched: every declared app in every environment it has a target in, where the ledger
 * says a digest runs. The strategy is the one the last promotion into the cell recorded; the coordinates come from the
 * configuration, as a promotion by that strategy would use them (the tag the ledger recorded wins over the configured
 * one, and so does the namespace). Apps the configuration does not declare are not watched: nothing says where to
 * look for them.
 */
public final class DriftTargets {

    private DriftTargets() {}

    /** @return the targets, by app then environment in the configuration's order */
    public static List<DriftTarget> of(EnvironmentsConfiguration configuration, LedgerIndex index) {
        List<DriftTarget> targets = new ArrayList<>();
        for (App app : configuration.apps()) {
            for (AppTarget target : app.targets()) {
                Optional<Environment> environment = configuration.environment(target.environment());
                Deployment current = index.cell(app.name(), target.environment(), null)
                        .map(CellFacts::current)
                        .orElse(null);
                if (environment.isEmpty() || current == null || !Digests.isDigest(current.digest())) {
                    continue;
                }
                targets.add(of(app, target, environment.get(), current));
            }
        }
        return List.copyOf(targets);
    }

    /** @return the target of one cell whose current deployment is {@code current} */
    static DriftTarget of(App app, AppTarget target, Environment environment, Deployment current) {
        String name = app.name();
        String digest = current.digest();
        String strategy = current.strategy();
        String repository = target.repositoryOr(app.image());
        if (DriftTarget.DEPLOY.equals(strategy)) {
            String namespace =
                    current.namespace() != null ? current.namespace() : target.namespaceIn(environment, name);
            return DriftTarget.deploy(name, environment.name(), digest, environment.cluster(), namespace, app.image());
        }
        if (DriftTarget.REGISTRY.equals(strategy)) {
            String tag = current.tag() != null ? current.tag() : target.tagOrEnvironment();
            return DriftTarget.registry(name, environment.name(), digest, repository, tag);
        }
        if (DriftTarget.GITOPS.equals(strategy) && target.gitOpsIn(environment) != null) {
            return DriftTarget.gitOps(name, environment.name(), digest, target.gitOpsIn(environment), repository);
        }
        return new DriftTarget(name, environment.name(), strategy, digest, null, null, null, null, null);
    }
}
