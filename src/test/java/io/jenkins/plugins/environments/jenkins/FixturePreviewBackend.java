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
import io.jenkins.plugins.environments.preview.PreviewCoordinator;
import io.jenkins.plugins.environments.preview.PreviewFixture;
import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.time.Clock;

/**
 * What the preview steps reach through Jenkins, answered by a {@link PreviewFixture}: its configuration, images, ledger,
 * coordinator, clock and tools, and the fabric8 mock API server as every cluster.
 */
final class FixturePreviewBackend implements PreviewBackend {

    private final PreviewFixture fixture;
    private final MockKubernetesApi api;
    private final EnvironmentsConfiguration configuration;

    FixturePreviewBackend(PreviewFixture fixture, MockKubernetesApi api, EnvironmentsConfiguration configuration) {
        this.fixture = fixture;
        this.api = api;
        this.configuration = configuration;
    }

    @Override
    public EnvironmentsConfiguration configuration() {
        return configuration;
    }

    @Override
    public ClusterConnector clusters(Run<?, ?> run) {
        return cluster -> api.newClient();
    }

    @Override
    public ImageResolver images(Run<?, ?> run) {
        return fixture.images();
    }

    @Override
    public Ledger ledger() {
        return fixture.ledger;
    }

    @Override
    public PreviewCoordinator coordinator() {
        return fixture.coordinator;
    }

    @Override
    public Clock clock() {
        return fixture.clock;
    }

    @Override
    public String instanceId() {
        return PreviewFixture.INSTANCE;
    }

    @Override
    public PreviewTools tools(FilePath workspace, Launcher launcher, EnvVars env, TaskListener listener) {
        return fixture.tools();
    }
}
