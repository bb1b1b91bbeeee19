package io.jenkins.plugins.environments.preview;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.kubernetes.ApplyReport;
import io.jenkins.plugins.environments.kubernetes.ClusterWaitTimeoutException;
import io.jenkins.plugins.environments.kubernetes.CustomResourceDefinitions;
import io.jenkins.plugins.environments.kubernetes.KubernetesMessages;
import io.jenkins.plugins.environments.kubernetes.LivePreview;
import io.jenkins.plugins.environments.kubernetes.NamespaceRemoval;
import io.jenkins.plugins.environments.kubernetes.PreviewInputs;
import io.jenkins.plugins.environments.kubernetes.PreviewLabels;
import io.jenkins.plugins.environments.kubernetes.PreviewNamespaces;
import io.jenkins.plugins.environments.kubernetes.ReleaseHooks;
import io.jenkins.plugins.environments.kubernetes.ReleasePhases;
import io.jenkins.plugins.environments.kubernetes.UnservedKindException;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.ImageFieldPath;
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
 *   <li><b>validate</b>: the render split as Helm splits a release ({@link ReleasePhases}: CRDs, hooks, objects, and
 *       {@code helm test} hooks that are never applied); every object and hook, app and database, checked for the
 *       preview namespace (no other namespace, nothing cluster-scoped, no {@code generateName}, no duplicate) — still
 *       nothing sent to the cluster;
 *   <li><b>read</b>: credentials resolved, the preview locked, then reads only ({@link PreviewNamespaces#check}): the
 *       chart's CRDs must already be on the cluster (a preview never creates cluster-scoped objects); the namespace
 *       must be absent or this preview's own (same Jenkins, app and pull request), and no object or hook to apply
 *       may belong to someone else; then admission under the cluster's cap (a LIST);
 *   <li><b>write</b>: the namespace with its quota and limits applied; the pre-install (first deploy) or pre-upgrade
 *       hooks run and awaited ({@link ReleaseHooks}); the objects applied (server-side, one field manager) and what
 *       an earlier deploy left pruned; readiness awaited; the post-install or post-upgrade hooks run;
 *   <li><b>record</b>: a {@code deployed} event in the ledger.
 * </ol>
 *
 * <p>So a request that is wrong in any way is refused before the first request to the cluster, and a deploy that the
 * cluster's state refuses (someone else's namespace or object, a full cluster) is refused before the first write.
 * Teardowns, including those of the sweep and the job listener, delete only previews this Jenkins owns.
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
    private final String instance;

    /**
     * @param instance the id of this Jenkins controller, which marks the previews it owns (see {@link
     *     io.jenkins.plugins.environments.kubernetes.NamespaceOwner}); a label value
     */
    public PreviewDeployer(
            EnvironmentsConfiguration configuration,
            ClusterConnector clusters,
            ImageResolver images,
            Ledger ledger,
            PreviewCoordinator coordinator,
            Clock clock,
            String instance) {
        this.configuration = configuration;
        this.clusters = clusters;
        this.images = images;
        this.ledger = ledger;
        this.coordinator = coordinator;
        this.clock = clock;
        this.instance = PreviewInputs.labelValue("Jenkins instance id", instance);
    }

    /** @return the id of the Jenkins controller whose previews this deployer makes and removes */
    public String instance() {
        return instance;
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
        ImagePinning.Result pinned = pin(rendered, plan.image(), digest, plan.imageFields());
        log.accept("Pinned " + pinned.changes().size() + " container(s) of "
                + plan.image().name() + " to " + digest);
        List<Map<String, Object>> documents = new ArrayList<>(PreviewHosts.point(pinned.manifests(), plan.host()));
        if (plan.databaseRender() != null) {
            RenderedManifests database = render(renderer, plan.databaseRender());
            log.accept("Ephemeral database: " + database.size() + " object(s) from "
                    + plan.databaseRender().sourcePath());
            documents.addAll(database.documents());
        }

        ReleasePhases phases = phases(plan.namespace(), documents);
        List<HasMetadata> objects = phases.release();
        phases.notApplied().forEach(skipped -> log.accept("Not applied: " + skipped));

        String deployId = deployId();
        try (KubernetesClient client = clusters.connect(plan.cluster())) {
            PreviewNamespaces namespaces = new PreviewNamespaces(client, clock, instance);
            try (PreviewCoordinator.Held locked = coordinator.lock(target, log)) {
                // Reads only: a preview never creates cluster-scoped objects, so the chart's CRDs must be there.
                CustomResourceDefinitions.requirePresent(
                        client, phases.crds(), plan.cluster().id(), log);
                PreviewNamespaces.Checked checked = namespaces.check(plan.spec(), phases.checkedForOwnership());
                return deployChecked(plan, target, client, namespaces, checked, phases, digest, deployId, log);
            } catch (ClusterWaitTimeoutException e) {
                throw new PreviewException(e.getMessage(), e); // the message names each pending object once
            } catch (KubernetesClientException e) {
                throw clusterFailure("deploy " + target.describe(), e);
            } catch (UnservedKindException e) {
                throw new PreviewException(e.messageFor(plan.cluster().id()), e);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new PreviewException(e.getMessage(), e);
            }
        }
    }

    /** The writes of a deploy, once {@link PreviewNamespaces#check} has found nothing in the way. */
    private PreviewResult deployChecked(
            PreviewPlan plan,
            PreviewTarget target,
            KubernetesClient client,
            PreviewNamespaces namespaces,
            PreviewNamespaces.Checked checked,
            ReleasePhases phases,
            String digest,
            String deployId,
            Consumer<String> log)
            throws InterruptedException, ClusterWaitTimeoutException {
        List<HasMetadata> objects = phases.release();
        try (PreviewCoordinator.Held admitted =
                coordinator.admit(target, plan.whenFull(), () -> namespaces.listPreviews(null), log)) {
            PreviewNamespaces.Checked cleared = checked;
            if (!checked.exists() && plan.cluster().limitsPreviews()) {
                // A new preview may have waited for a slot: a namespace that was absent then is looked for again.
                cleared = namespaces.check(plan.spec(), phases.checkedForOwnership());
            }
            LivePreview live = namespaces.ensureNamespace(cleared);
            log.accept("Namespace " + target.describe() + " ready, expires at " + live.expiresAt());
            // Helm's install on the first deploy (no inventory yet), upgrade on the next ones.
            boolean install = live.inventory() == null || live.inventory().deployId() == null;
            ReleaseHooks hooks = ReleaseHooks.forPreview(client, namespaces, plan.spec());
            // The hooks before and after the release share the step's timeout.
            Deadline hooksDeadline = Deadline.after(plan.timeout());
            hooks.run(phases.before(install), true, hooksDeadline, log);
            ApplyReport report = namespaces.apply(plan.spec(), deployId, objects, live.inventory());
            log.accept("Applied " + report.applied().size() + " object(s)" + report.describePruning());
            if (plan.waitForReady()) {
                log.accept("Waiting up to " + plan.timeout() + " for Deployments and StatefulSets to be ready");
                namespaces.awaitReady(plan.namespace(), objects, plan.timeout());
            }
            hooks.run(phases.after(install), false, hooksDeadline, log);
            // Recorded under the lock, so the ledger's order of deploys is the order they reached the cluster.
            record(plan, digest, deployId, live);
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
        }
    }

    /**
     * Tears a preview down: reads the namespace and refuses one that is not this Jenkins' preview of the target's app
     * and pull request (nothing deleted, nothing recorded); purges the plugin's Secrets, deletes the namespace and
     * waits (bounded) until it is gone, then records a {@code torn-down} event. A preview that is not there is not an
     * error.
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
        PreviewNamespaces.Removal removal;
        try (KubernetesClient client = clusters.connect(target.cluster());
                PreviewCoordinator.Held locked = coordinator.lock(target, log)) {
            removal = new PreviewNamespaces(client, clock, instance)
                    .removePreview(target.namespace(), target.app(), target.pullRequest(), timeout);
        } catch (ClusterWaitTimeoutException e) {
            throw new PreviewException(e.getMessage(), e); // the message names each pending object once
        } catch (KubernetesClientException e) {
            throw clusterFailure("tear down " + target.describe(), e);
        } catch (IllegalStateException e) {
            throw new PreviewException(e.getMessage(), e);
        }
        coordinator.released(target.cluster());
        int purged = removal.secretsPurged();
        boolean removed = removal.outcome() == NamespaceRemoval.DELETED;
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

    private static ImagePinning.Result pin(
            RenderedManifests rendered, ImageReference image, String digest, List<ImageFieldPath> imageFields) {
        try {
            return ImagePinning.pin(rendered, image.name(), digest, imageFields);
        } catch (RenderException e) {
            // Also when no container uses the image: the preview would not run the digest it reports.
            throw new PreviewException(e.getMessage(), e);
        }
    }

    private static ReleasePhases phases(String namespace, List<Map<String, Object>> documents) {
        try {
            return ReleasePhases.of(namespace, documents);
        } catch (IllegalArgumentException e) {
            throw new PreviewException(e.getMessage(), e);
        }
    }

    /** @param live the namespace as the deploy left it: its {@code expires-at} and {@code pinned} annotations */
    private void record(PreviewPlan plan, String digest, String deployId, LivePreview live) {
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
        if (live.expiresAt() != null) {
            event.detail(PreviewHistory.EXPIRES, live.expiresAt().toString());
        }
        if (live.pinned()) {
            event.detail(PreviewHistory.PINNED, "true");
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
        return new PreviewException("Could not " + what + ": " + KubernetesMessages.of(e), e);
    }
}
