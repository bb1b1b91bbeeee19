package io.jenkins.plugins.environments.preview;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.kubernetes.KubernetesMessages;
import io.jenkins.plugins.environments.kubernetes.PreviewLabels;
import io.jenkins.plugins.environments.kubernetes.PreviewNamespaces;
import io.jenkins.plugins.environments.kubernetes.SweptPreview;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes previews nobody tears down by hand.
 *
 * <ul>
 *   <li>{@link #sweepExpired}: on each cluster that may hold previews (the preview default and every cluster the
 *       ledger shows an open preview on), one LIST of preview namespaces and one DELETE per unpinned preview of this
 *       Jenkins whose {@code expires-at} has passed; each recorded as {@code torn-down} with reason {@value
 *       SweptPreview#TTL}. Another Jenkins' previews are left to it; an expired namespace with preview labels but
 *       without a matching owner marker is reported and left.
 *   <li>{@link #forRemovedJob}: tears down every open preview that a job deployed, when Jenkins deletes the job (a
 *       multibranch pull-request job goes when its PR is merged or closed); reason {@value #PR_CLOSED}. Through
 *       {@link PreviewDeployer#teardown}, so a namespace that is no longer this preview's is reported and left.
 * </ul>
 *
 * A cluster that fails is reported and skipped; the others are still swept.
 */
public final class PreviewCleanup {

    /** The reason recorded when a preview's pull-request job was removed. */
    public static final String PR_CLOSED = "pr-closed";

    private final EnvironmentsConfiguration configuration;
    private final ClusterConnector clusters;
    private final PreviewDeployer deployer;
    private final Ledger ledger;
    private final PreviewCoordinator coordinator;
    private final Clock clock;

    public PreviewCleanup(
            EnvironmentsConfiguration configuration,
            ClusterConnector clusters,
            PreviewDeployer deployer,
            Ledger ledger,
            PreviewCoordinator coordinator,
            Clock clock) {
        this.configuration = configuration;
        this.clusters = clusters;
        this.deployer = deployer;
        this.ledger = ledger;
        this.coordinator = coordinator;
        this.clock = clock;
    }

    /** @return the previews removed, on every cluster */
    public List<SweptPreview> sweepExpired(Consumer<String> log) {
        List<SweptPreview> swept = new ArrayList<>();
        for (Cluster cluster : previewClusters()) {
            try (KubernetesClient client = clusters.connect(cluster)) {
                List<SweptPreview> removed = new PreviewNamespaces(client, clock, deployer.instance())
                        .sweepExpired(clock.instant(), line -> log.accept("Cluster '" + cluster.id() + "': " + line));
                for (SweptPreview preview : removed) {
                    append(LedgerEvent.builder(
                                    LedgerEventType.TORN_DOWN,
                                    preview.preview().app() == null
                                            ? "unknown"
                                            : preview.preview().app(),
                                    PreviewLabels.ENVIRONMENT_PREVIEW)
                            .pr(
                                    preview.preview().pullRequest() > 0
                                            ? String.valueOf(preview.preview().pullRequest())
                                            : null)
                            .namespace(preview.preview().namespace())
                            .reason(preview.reason())
                            .actor(LedgerEvent.SYSTEM)
                            .detail(PreviewHistory.CLUSTER, cluster.id()));
                    log.accept(
                            "Removed expired preview " + preview.preview().namespace() + " on cluster '" + cluster.id()
                                    + "' (expired at " + preview.preview().expiresAt() + ")");
                }
                if (!removed.isEmpty()) {
                    coordinator.released(cluster);
                }
                swept.addAll(removed);
            } catch (KubernetesClientException | IllegalArgumentException e) {
                log.accept("Could not sweep previews on cluster '" + cluster.id() + "': "
                        + (e instanceof KubernetesClientException k ? KubernetesMessages.of(k) : e.getMessage()));
            }
        }
        return swept;
    }

    /**
     * @param job the full name of the removed job
     * @return the teardowns done; one that failed is logged and left out
     */
    public List<TeardownResult> forRemovedJob(String job, Duration timeout, Consumer<String> log)
            throws InterruptedException {
        List<TeardownResult> done = new ArrayList<>();
        for (LedgerEvent deployed : PreviewHistory.openOfJob(events(), job)) {
            String clusterId = deployed.details().get(PreviewHistory.CLUSTER);
            Cluster cluster = configuration.cluster(clusterId).orElse(null);
            if (cluster == null || deployed.namespace() == null) {
                log.accept("Cannot tear down the preview of " + deployed.app() + " PR " + deployed.pr() + ": cluster '"
                        + clusterId + "' is no longer configured");
                continue;
            }
            PreviewTarget target =
                    new PreviewTarget(cluster, deployed.app(), Integer.parseInt(deployed.pr()), deployed.namespace());
            try {
                done.add(deployer.teardown(target, timeout, PR_CLOSED, LedgerEvent.SYSTEM, null, log));
            } catch (PreviewException e) {
                log.accept("Could not tear down " + target.describe() + ": " + e.getMessage());
            }
        }
        return done;
    }

    private Set<Cluster> previewClusters() {
        Set<Cluster> result = new LinkedHashSet<>();
        if (configuration.previewDefaults() != null) {
            configuration.cluster(configuration.previewDefaults().cluster()).ifPresent(result::add);
        }
        for (LedgerEvent open : PreviewHistory.open(events())) {
            configuration.cluster(open.details().get(PreviewHistory.CLUSTER)).ifPresent(result::add);
        }
        return result;
    }

    private List<LedgerEvent> events() {
        try {
            return ledger.events();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the ledger " + ledger.file(), e);
        }
    }

    private void append(LedgerEvent.Builder event) {
        try {
            ledger.append(event);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ledger " + ledger.file(), e);
        }
    }
}
