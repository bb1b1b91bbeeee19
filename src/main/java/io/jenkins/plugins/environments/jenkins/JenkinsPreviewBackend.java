package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.kubernetes.ClusterAccess;
import io.jenkins.plugins.environments.kubernetes.ClusterAccessException;
import io.jenkins.plugins.environments.kubernetes.ClusterClients;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.preview.ClusterConnector;
import io.jenkins.plugins.environments.preview.ImageResolver;
import io.jenkins.plugins.environments.preview.PreviewCoordinator;
import io.jenkins.plugins.environments.preview.PreviewException;
import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.preview.RegistryImageResolver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import jenkins.model.Jenkins;

/** The preview backend of a running Jenkins. */
final class JenkinsPreviewBackend implements PreviewBackend {

    static final JenkinsPreviewBackend INSTANCE = new JenkinsPreviewBackend();

    /** How often a queued deploy looks at its cluster again when no teardown here wakes it. */
    private static final Duration RECHECK = Duration.ofSeconds(30);

    private static final PreviewCoordinator COORDINATOR = new PreviewCoordinator(RECHECK);

    private JenkinsPreviewBackend() {}

    @Override
    public EnvironmentsConfiguration configuration() {
        return EnvironmentManagementConfiguration.get().toModel();
    }

    @Override
    public ClusterConnector clusters(Run<?, ?> run) {
        return cluster -> {
            try {
                ClusterAccess access = run == null
                        ? CredentialsResolver.clusterForCleanup(cluster)
                        : CredentialsResolver.clusterInRun(run, cluster);
                return ClusterClients.connect(access);
            } catch (AbortException | ClusterAccessException e) {
                throw new PreviewException("cluster '" + cluster.id() + "': " + e.getMessage(), e);
            }
        };
    }

    @Override
    public ImageResolver images(Run<?, ?> run) {
        return new RegistryImageResolver(registry -> {
            try {
                return CredentialsResolver.registryInRun(run, registry);
            } catch (AbortException e) {
                throw new PreviewException("registry '" + registry.id() + "': " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Ledger ledger() throws IOException {
        return EnvironmentLedger.get();
    }

    @Override
    public PreviewCoordinator coordinator() {
        return COORDINATOR;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** The controller's instance id: stable across restarts, different for every Jenkins (a digest of its secret). */
    @Override
    public String instanceId() {
        return Jenkins.get().getLegacyInstanceId();
    }

    @Override
    public PreviewTools tools(FilePath workspace, Launcher launcher, EnvVars environment, TaskListener listener) {
        return AgentTools.of(workspace, launcher, environment, listener);
    }

    @Override
    public String buildUrl(Run<?, ?> run) {
        return BuildUrls.of(run);
    }
}
