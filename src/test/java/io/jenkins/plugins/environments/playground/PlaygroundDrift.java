package io.jenkins.plugins.environments.playground;

import io.jenkins.plugins.environments.dashboard.DriftMonitor;
import io.jenkins.plugins.environments.dashboard.DriftReading;
import io.jenkins.plugins.environments.dashboard.DriftReadings;
import io.jenkins.plugins.environments.dashboard.DriftTarget;
import io.jenkins.plugins.environments.dashboard.DriftTargets;
import io.jenkins.plugins.environments.dashboard.LedgerIndex;
import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.gitops.GitCredential;
import io.jenkins.plugins.environments.gitops.GitValueReader;
import io.jenkins.plugins.environments.kubernetes.LiveDeployReader;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.TagDigestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drift as the view reads it: the real {@link DriftMonitor} with the real readers (the namespace's ready pods on the
 * Kubernetes API fixture for {@code deploy}, the values file at the head of the GitOps repository for {@code gitops},
 * the tag in the {@code releases} registry for {@code registry}), on a timer, a cell at most every
 * {@link #INTERVAL}.
 */
final class PlaygroundDrift implements DriftReadings, AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final DriftMonitor monitor;
    private final ExecutorService reads;
    private final ScheduledExecutorService timer;

    private PlaygroundDrift(DriftMonitor monitor, ExecutorService reads, ScheduledExecutorService timer) {
        this.monitor = monitor;
        this.reads = reads;
        this.timer = timer;
    }

    static PlaygroundDrift start(
            PlaygroundWorld world, EnvironmentsConfiguration configuration, LedgerIndex index, Clock clock)
            throws IOException {
        Path fetches = Files.createDirectories(world.folder.resolve("drift-fetches"));
        Map<String, ?> readers = Map.of(
                DriftTarget.DEPLOY,
                new LiveDeployReader((cluster, timeouts) -> world.kubernetes.newClient()),
                DriftTarget.GITOPS,
                new GitValueReader(
                        target -> new GitAccess(target.gitOps().repositoryUrl(), new GitCredential.Anonymous(), null),
                        fetches),
                DriftTarget.REGISTRY,
                new TagDigestReader(
                        configuration.registries(),
                        registry -> new RegistryAccess(
                                registry.id(),
                                registry.host(),
                                registry.insecure(),
                                registry.credentialsId() == null
                                        ? new RegistryCredential.Anonymous()
                                        : new RegistryCredential.Basic(
                                                world.releases.username(),
                                                world.releases.password().toCharArray()),
                                registry.credentialsId())));
        ExecutorService reads = Executors.newFixedThreadPool(2, daemon("playground-drift-read"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("playground-drift"));
        @SuppressWarnings("unchecked")
        DriftMonitor monitor = new DriftMonitor(
                (Map<String, io.jenkins.plugins.environments.dashboard.LiveDigestReader>) readers,
                clock,
                System::nanoTime,
                reads,
                new DriftMonitor.Settings(2, INTERVAL, Duration.ofSeconds(10)));
        PlaygroundDrift drift = new PlaygroundDrift(monitor, reads, timer);
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        monitor.watch(DriftTargets.of(configuration, index));
                        monitor.refresh();
                    } catch (RuntimeException e) {
                        System.err.println("playground: drift refresh failed: " + e);
                    }
                },
                0,
                TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        return drift;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public Optional<DriftReading> reading(String app, String environment) {
        return monitor.reading(app, environment);
    }

    /** @return the cells watched now */
    List<DriftTarget> watched() {
        return monitor.watched();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        reads.shutdownNow();
    }
}
