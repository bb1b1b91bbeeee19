package io.jenkins.plugins.environments.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.preview.ClusterConnector;
import io.jenkins.plugins.environments.preview.ImageResolver;
import io.jenkins.plugins.environments.preview.PreviewCleanup;
import io.jenkins.plugins.environments.preview.PreviewCoordinator;
import io.jenkins.plugins.environments.preview.PreviewDeployer;
import io.jenkins.plugins.environments.preview.PreviewTools;
import java.io.IOException;
import java.time.Clock;

/**
 * What the preview steps, the sweep and the job listener need from Jenkins, in one place: the configuration,
 * clusters and registries with credentials, the ledger, the coordinator, the clock and the agent's tools.
 * {@link JenkinsPreviewBackend} is the real one; tests give their own.
 */
interface PreviewBackend {

    EnvironmentsConfiguration configuration();

    /** @param run the build whose credentials are used, or {@code null} for Jenkins' own work */
    ClusterConnector clusters(Run<?, ?> run);

    ImageResolver images(Run<?, ?> run);

    Ledger ledger() throws IOException;

    PreviewCoordinator coordinator();

    Clock clock();

    /** @return the id of this Jenkins controller, which marks the previews it owns */
    String instanceId();

    PreviewTools tools(FilePath workspace, Launcher launcher, EnvVars environment, TaskListener listener);

    default PreviewDeployer deployer(Run<?, ?> run) throws IOException {
        return new PreviewDeployer(
                configuration(), clusters(run), images(run), ledger(), coordinator(), clock(), instanceId());
    }

    default PreviewCleanup cleanup() throws IOException {
        return new PreviewCleanup(configuration(), clusters(null), deployer(null), ledger(), coordinator(), clock());
    }

    /**
     * @return the URL recorded for the build: the run's own, never {@code BUILD_URL} from the step's environment (a
     *     pipeline can set that with {@code withEnv})
     */
    default String buildUrl(Run<?, ?> run) {
        return run.getUrl();
    }
}
