package io.jenkins.plugins.environments.preview;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.kubernetes.ApplyReport;
import io.jenkins.plugins.environments.kubernetes.ClusterWaitTimeoutException;
import io.jenkins.plugins.environments.kubernetes.KubernetesObjects;
import io.jenkins.plugins.environments.kubernetes.LivePreview;
import io.jenkins.plugins.environments.kubernetes.NamespaceRemoval;
import io.jenkins.plugins.environments.kubernetes.PreviewInputs;
import io.jenkins.plugins.environments.kubernetes.PreviewLabels;
import io.jenkins.plugins.environments.kubernetes.PreviewNamespaces;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.render.ImagePinning;
import io.jenkins.plugins.environments.render.RenderException;
import io.jenkins.plugins.environments.render.RenderedManifests;
import io.jenkins.plugins.environments.render.Renderer;
import io.jenkins.plugins.environments.render.WorkspaceConfinement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Deploys and tears down pull-request previews.
 *
 * <p>A deploy goes through these stages, and stops at the first that fails:
 *
 * <ol>
 *   <li><b>plan</b>: every value checked, names computed ({@link PreviewPlanner}) — nothing touched yet;
 *   <li><b>render</b>: paths checked to stay in the workspace, values files and {@code set} entries scanned for
 *       secrets, then helm, kubectl kustomize or the manifest folder rendered ({@link Renderer});
 *   <li><b>digest</b>: a tag resolved once to its digest through the configured registry;
 *   <li><b>pin</b>: every container of the image's repository pointed at the digest; Ingress rules at the
 *       preview's host;
 *   <li><b>cluster</b>: credentials resolved, the preview locked, admitted under the cluster's cap, the namespace
 *       with its quota and limits applied, the objects applied (server-side, one field manager) and what an earlier
 *       deploy left pruned, readiness awaited;
 *   <li><b>record</b>: a {@code deployed} event in the ledger.
 * </ol>
 *
 * <p>So a request that is wrong in any way is refused before the first request to the cluster.
 */
public final class PreviewDeployer {

    /** How long a teardown waits for the namespace to go unless told otherwise. */
    public static final Duration DEFAULT_TEARDOWN_TIMEOUT = Duration.ofMinutes(5);

    private static final AtomicLong DEPLOYS = new AtomicLong();

    private final EnvironmentsConfiguration configuration;
    private final ClusterConnector clusters;
    private final ImageResolver images;
    private final Ledger ledger;
    private final PreviewCoordinator coordinator;
    private final Clock clock;

    public PreviewDeployer(
            EnvironmentsConfiguration configuration,
            ClusterConnector clusters,
            ImageResolver images,
            Ledger ledger,
            PreviewCoordinator coordinator,
            Clock clock) {
        this.configuration = configuration;
        this.clusters = clusters;
        this.images = images;
        this.ledger = ledger;
        this.coordinator = coordinator;
        this.clock = clock;
    }

    /**
     * Deploys or redeploys a preview.
     *
     * @param log receives progress lines for the build log
     * @throws PreviewException with a message for the pipeline author
     * @throws InterruptedException when the build is aborted while waiting
     */
    public PreviewResult deploy(PreviewRequest request, PreviewTools tools, Consumer<String> log)
            throws InterruptedException {
        PreviewPlan plan = PreviewPlanner.plan(configuration, request);
        PreviewTarget target = new PreviewTarget(plan.cluster(), plan.app(), plan.pullRequest(), plan.namespace());

        Renderer renderer = new Renderer(tools.runner(), tools.workspace(), tools.environment(), plan.timeout());
        if (plan.databaseRender() != null) {
            // rendered after the app: its paths are checked now, before helm or kubectl starts for the app
            confined(tools, plan.databaseRender());
        }
        RenderedManifests rendered = render(renderer, plan.render());
        String digest = digestOf(plan.image(), log);
        ImagePinning.Result pinned = pin(rendered, plan.image(), digest);
        log.accept("Pinned " + pinned.changes().size() + " container(s) of "
                + plan.image().name() + " to " + digest);
        List<Map<String, Object>> documents = new ArrayList<>(PreviewHosts.point(pinned.manifests(), plan.host()));
        if (plan.databaseRender() != null) {
            RenderedManifests database = render(renderer, plan.databaseRender());
            log.accept("Ephemeral database: " + database.size() + " object(s) from "
                    + plan.databaseRender().sourcePath());
            documents.addAll(database.documents());
        }

        String deployId = deployId();
        try (KubernetesClient client = clusters.connect(plan.cluster())) {
            List<HasMetadata> objects = typed(client, documents);
            PreviewNamespaces namespaces = new PreviewNamespaces(client, clock);
            try (PreviewCoordinator.Held locked = coordinator.lock(target, log);
                    PreviewCoordinator.Held admitted =
                            coordinator.admit(target, plan.whenFull(), () -> namespaces.listPreviews(null), log)) {
                LivePreview live = namespaces.ensureNamespace(plan.spec());
                log.accept("Namespace " + target.describe() + " ready, expires at " + live.expiresAt());
                ApplyReport report = namespaces.apply(plan.spec(), deployId, objects, live.inventory());
                log.accept("Applied " + report.applied().size() + " object(s)"
                        + (report.pruned().isEmpty() ? "" : "; pruned " + String.join(", ", report.pruned())));
                if (plan.waitForReady()) {
                    log.accept("Waiting up to " + plan.timeout() + " for Deployments and StatefulSets to be ready");
                    namespaces.awaitReady(plan.namespace(), objects, plan.timeout());
                }
                // Recorded under the lock, so the ledger's order of deploys is the order they reached the cluster.
                record(plan, digest, deployId);
                log.accept("Preview " + plan.url() + " runs " + digest);
                return new PreviewResult(
                        plan.cluster().id(),
                        plan.namespace(),
                        plan.url(),
                        digest,
                        live.expiresAt(),
                        report.applied(),
                        report.pruned(),
                        plan.schema());
            } catch (ClusterWaitTimeoutException e) {
                throw new PreviewException(e.getMessage(), e); // the message names each pending object once
            } catch (KubernetesClientException e) {
                throw clusterFailure("deploy " + target.describe(), e);
            } catch (IllegalArgumentException e) {
                throw new PreviewException(e.getMessage(), e);
            }
        }
    }

    /**
     * Tears a preview down: purges the plugin's Secrets, deletes the namespace and waits (bounded) until it is gone,
     * then records a {@code torn-down} event. A preview that is not there is not an error.
     *
     * @param reason why, for the ledger: {@code manual}, {@code ttl}, {@code pr-closed}
     * @param actor who, for the ledger: a user id or {@link LedgerEvent#SYSTEM}
     * @param buildUrl the build that tears down, or {@code null}
     */
    public TeardownResult teardown(
            PreviewTarget target, Duration timeout, String reason, String actor, String buildUrl, Consumer<String> log)
            throws InterruptedException {
        LedgerEvent deployed =
                PreviewHistory.openPreview(events(), target.cluster().id(), target.app(), target.pullRequest());
        String schema = deployed == null ? null : deployed.details().get(PreviewHistory.SCHEMA);
        NamespaceRemoval removal;
        int purged = 0;
        try (KubernetesClient client = clusters.connect(target.cluster());
                PreviewCoordinator.Held locked = coordinator.lock(target, log)) {
            PreviewNamespaces namespaces = new PreviewNamespaces(client, clock);
            LivePreview live = namespaces.listPreviews(null).stream()
                    .filter(p -> p.namespace().equals(target.namespace()))
                    .findFirst()
                    .orElse(null);
            if (live != null && !target.app().equals(live.app())) {
                throw new PreviewException("Namespace " + target.describe() + " holds a preview of app "
                        + PreviewInputs.quote(live.app()) + ", not '" + target.app() + "'; not deleting it");
            }
            if (live != null) {
                purged = KubernetesObjects.purgeSecrets(client, target.namespace());
            }
            removal = namespaces.deleteNamespace(target.namespace(), timeout);
        } catch (ClusterWaitTimeoutException e) {
            throw new PreviewException(e.getMessage(), e); // the message names each pending object once
        } catch (KubernetesClientException e) {
            throw clusterFailure("tear down " + target.describe(), e);
        } catch (IllegalStateException e) {
            throw new PreviewException(e.getMessage(), e);
        }
        coordinator.released(target.cluster());
        boolean removed = removal == NamespaceRemoval.DELETED;
        if (removed) {
            log.accept("Deleted " + target.describe() + (purged == 0 ? "" : " after purging " + purged + " Secret(s)"));
        } else {
            log.accept("Preview " + target.describe() + " was not there; nothing to tear down");
        }
        if (removed || deployed != null) {
            LedgerEvent.Builder event = LedgerEvent.builder(
                            LedgerEventType.TORN_DOWN, target.app(), PreviewLabels.ENVIRONMENT_PREVIEW)
                    .pr(target.pullRequest())
                    .namespace(target.namespace())
                    .reason(reason)
                    .actor(actor)
                    .build(buildUrl)
                    .detail(PreviewHistory.CLUSTER, target.cluster().id());
            if (!removed) {
                event.detail("found", "false");
            }
            if (schema != null) {
                event.detail(PreviewHistory.SCHEMA, schema);
                log.accept("Shared schema " + schema + " is no longer used by this preview and can be dropped");
            }
            append(event);
        }
        return new TeardownResult(target.cluster().id(), target.namespace(), removed, purged, schema);
    }

    private static void confined(PreviewTools tools, io.jenkins.plugins.environments.render.RenderRequest r) {
        try {
            WorkspaceConfinement.check(tools.workspace(), r);
        } catch (RenderException e) {
            throw new PreviewException(e.getMessage(), e);
        }
    }

    private static RenderedManifests render(Renderer renderer, io.jenkins.plugins.environments.render.RenderRequest r) {
        try {
            return renderer.render(r);
        } catch (RenderException e) {
            throw new PreviewException(e.getMessage(), e);
        }
    }

    private String digestOf(ImageReference image, Consumer<String> log) throws InterruptedException {
        if (image.digest() != null) {
            return image.digest();
        }
        String digest = images.digestOf(PreviewPlanner.registryFor(configuration, image), image);
        log.accept("Resolved " + image + " to " + digest + "; the digest is what gets deployed");
        return digest;
    }

    private static ImagePinning.Result pin(RenderedManifests rendered, ImageReference image, String digest) {
        try {
            return ImagePinning.pin(rendered, image.name(), digest);
        } catch (RenderException e) {
            // Also when no container uses the image: the preview would not run the digest it reports.
            throw new PreviewException(e.getMessage(), e);
        }
    }

    private static List<HasMetadata> typed(KubernetesClient client, List<Map<String, Object>> documents) {
        try {
            return KubernetesObjects.typed(client, documents);
        } catch (IllegalArgumentException e) {
            throw new PreviewException(e.getMessage(), e);
        }
    }

    private void record(PreviewPlan plan, String digest, String deployId) {
        LedgerEvent.Builder event = LedgerEvent.builder(
                        LedgerEventType.DEPLOYED, plan.app(), PreviewLabels.ENVIRONMENT_PREVIEW)
                .pr(plan.pullRequest())
                .digest(digest)
                .namespace(plan.namespace())
                .url(plan.url())
                .build(plan.spec().buildUrl())
                .detail(PreviewHistory.CLUSTER, plan.cluster().id())
                .detail(PreviewHistory.DEPLOY_ID, deployId);
        if (plan.job() != null) {
            event.detail(PreviewHistory.JOB, plan.job());
        }
        if (plan.schema() != null) {
            event.detail(PreviewHistory.SCHEMA, plan.schema());
        }
        append(event);
    }

    private void append(LedgerEvent.Builder event) {
        try {
            ledger.append(event);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ledger " + ledger.file(), e);
        }
    }

    private List<LedgerEvent> events() {
        try {
            return ledger.events();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the ledger " + ledger.file(), e);
        }
    }

    private String deployId() {
        return "d" + Long.toString(clock.millis(), 36) + "-" + Long.toString(DEPLOYS.incrementAndGet(), 36);
    }

    private static PreviewException clusterFailure(String what, KubernetesClientException e) {
        String status = e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "";
        return new PreviewException("Could not " + what + ": " + status + e.getMessage(), e);
    }
}
