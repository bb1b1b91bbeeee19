package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.PeriodicWork;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.dashboard.DriftMonitor;
import io.jenkins.plugins.environments.dashboard.DriftReadException;
import io.jenkins.plugins.environments.dashboard.DriftReadings;
import io.jenkins.plugins.environments.dashboard.DriftTarget;
import io.jenkins.plugins.environments.dashboard.DriftTargets;
import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.gitops.GitValueReader;
import io.jenkins.plugins.environments.kubernetes.ClusterAccess;
import io.jenkins.plugins.environments.kubernetes.ClusterAccessException;
import io.jenkins.plugins.environments.kubernetes.ClusterClients;
import io.jenkins.plugins.environments.kubernetes.LiveDeployReader;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.Timeouts;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.TagDigestReader;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's drift in a running Jenkins: one {@link DriftMonitor} for this Jenkins, whose readers reach clusters,
 * GitOps repositories and registries with the credentials the administrator configured, looked up in Jenkins' own
 * store as Jenkins itself (never in a build's context); and a periodic task that every {@value #PERIOD_SECONDS}
 * seconds hands the monitor the cells to watch (from the global configuration and the dashboard's ledger index) and
 * lets it start the reads that are due. The reads run on a pool of their own, so a slow cluster never holds a Jenkins
 * timer thread; the monitor bounds how many run.
 */
@Extension
public final class DriftWiring extends PeriodicWork {

    /** How often the cells are handed over and due reads started. */
    static final long PERIOD_SECONDS = 15;

    private static DriftMonitor monitor;
    private static ExecutorService reads;

    /** @return the readings the dashboard shows; empty until the first reads are done */
    public static synchronized DriftReadings readings() {
        return monitor();
    }

    private static synchronized DriftMonitor monitor() {
        if (monitor == null) {
            Timeouts timeouts = Timeouts.configured();
            reads = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("environment-drift-", 0).factory());
            monitor = new DriftMonitor(
                    Map.of(
                            DriftTarget.DEPLOY, new LiveDeployReader(DriftWiring::connect, timeouts),
                            DriftTarget.GITOPS, new GitValueReader(DriftWiring::gitAccess, null, timeouts),
                            DriftTarget.REGISTRY,
                                    new TagDigestReader(
                                            () -> configuration().registries(), DriftWiring::registryAccess, timeouts)),
                    Clock.systemUTC(),
                    System::nanoTime,
                    reads,
                    DriftMonitor.Settings.DEFAULT);
        }
        return monitor;
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.SECONDS.toMillis(PERIOD_SECONDS);
    }

    @Override
    protected void doRun() throws Exception {
        DriftMonitor drift = monitor();
        drift.watch(DriftTargets.of(configuration(), DashboardIndex.get()));
        drift.refresh();
    }

    private static EnvironmentsConfiguration configuration() {
        return EnvironmentManagementConfiguration.get().toModel();
    }

    private static KubernetesClient connect(String clusterId, Timeouts timeouts) throws DriftReadException {
        Cluster cluster = configuration()
                .cluster(clusterId)
                .orElseThrow(() -> new DriftReadException("cluster '" + clusterId + "' is no longer configured"));
        try (ClusterAccess access = CredentialsResolver.clusterForCleanup(cluster)) {
            return ClusterClients.connect(access, timeouts);
        } catch (AbortException e) {
            throw new DriftReadException("cluster '" + clusterId + "': its configured credentials were not found");
        } catch (ClusterAccessException e) {
            throw new DriftReadException("cluster '" + clusterId + "' could not be connected to with its credentials");
        }
    }

    private static GitAccess gitAccess(DriftTarget target) throws DriftReadException {
        try {
            return CredentialsResolver.gitOpsForDrift(target.gitOps());
        } catch (AbortException e) {
            throw new DriftReadException("the GitOps repository of " + target.environment()
                    + ": its configured credentials were not found in Jenkins' own store");
        }
    }

    private static RegistryAccess registryAccess(Registry registry) throws DriftReadException {
        try {
            return CredentialsResolver.registryForDrift(registry);
        } catch (AbortException e) {
            throw new DriftReadException("registry '" + registry.id() + "': its configured credentials were not found");
        }
    }
}
