package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster side of pull-request previews: one labelled, quota-bound namespace per preview, server-side apply of
 * rendered objects with pruning of what a later render dropped, waiting for workloads, deletion, listing and the TTL
 * sweep. Plain Java on a fabric8 client; the caller owns the client.
 *
 * <p>Every input is checked before the first request, so a rejected value never reaches the cluster. Failures of the
 * cluster itself surface as fabric8's unchecked {@code KubernetesClientException}.
 *
 * <p><b>Ownership.</b> Each instance works for one Jenkins controller (its instance id). A deploy first {@link #check
 * checks}, by reading only, that the namespace is absent or this preview's own ({@link NamespaceOwner}) and that no
 * object it is about to apply belongs to someone else; only then {@link #ensureNamespace(Checked) writes}. {@link
 * #removePreview} and {@link #sweepExpired} delete only namespaces this Jenkins owns.
 *
 * <p><b>Pruning through an inventory.</b> A deploy is {@link #ensureNamespace} followed by {@link #apply(
 * PreviewNamespaceSpec, String, List, PreviewInventory) apply}. To find what an earlier deploy created and this render
 * dropped without listing every {@link PrunableKind}, the last step of each apply writes a {@link PreviewInventory}
 * (apiVersion, kind, namespace and name of every object it applied, and a fingerprint of the render) into the namespace annotation
 * {@value PreviewLabels#INVENTORY}. The next {@code ensureNamespace} gets that annotation back for free in the answer
 * to its namespace apply ({@link LivePreview#inventory()}); the caller hands it to {@code apply}, which deletes the
 * objects of the old inventory that the new render does not have, of any kind ({@link ServedKinds} resolves each
 * kind's resource; one DELETE per object, no LIST), and writes the new inventory. The
 * inventory is written with a JSON merge patch by a second field manager, {@value
 * PreviewLabels#INVENTORY_FIELD_MANAGER}: the namespace apply of {@value PreviewLabels#FIELD_MANAGER} does not carry
 * the key, and a server-side apply removes only fields its own manager owned, so the inventory survives it, and the
 * merge patch never creates a namespace (unlike an apply, which would create it unlabelled).
 *
 * <p><b>A namespace this deploy created.</b> The first deploy finds no inventory, but it needs none when its own
 * namespace apply created the namespace: the API server answers such an apply with HTTP 201 instead of 200 (see
 * {@link NamespaceApply}), and a namespace that did not exist a moment ago holds nothing of an earlier deploy. {@code
 * ensureNamespace} then answers the {@link PreviewInventory#empty(String) empty inventory}, and {@code apply} prunes
 * nothing and lists nothing, so a first deploy costs what a redeploy costs.
 *
 * <p><b>Fallback by labels.</b> Without an inventory in a namespace that already existed (one created by an older
 * version of the plugin or by hand; an inventory edited into something unreadable; a first deploy that was interrupted
 * before writing its inventory) {@code apply} does what it always did: one LIST per {@link PrunableKind}, selecting
 * the managed-by label and a deploy id other than this one, and deletes what comes back. It writes the inventory too,
 * so the deploy after it takes the short path.
 *
 * <p><b>Trade-off.</b> An interrupted deploy (objects applied, inventory not yet written) leaves the previous
 * inventory in place. Objects it created that neither that inventory nor a later render names are not pruned by later
 * deploys: they stay, labelled with their deploy id, until the preview is torn down, because {@link #removePreview}
 * and {@link #sweepExpired} delete the whole namespace and the cluster removes everything in it whatever any
 * inventory says. Calling {@link #apply(PreviewNamespaceSpec, String, List) apply} without an inventory prunes them
 * by labels at the cost of the LISTs. The inventory path deletes by name what the plugin itself applied into the
 * preview namespace; it does not re-read the labels of such an object first.
 *
 * <p>Requests per call (measured against the mock API server, see {@code docs/performance.md}):
 *
 * <ul>
 *   <li>{@link #check}: one GET of the namespace, plus one GET per object that its inventory does not list (none
 *       when the namespace does not exist);
 *   <li>{@link #ensureNamespace(Checked)}: 3 PATCHes (namespace, quota, limit range); {@link
 *       #ensureNamespace(PreviewNamespaceSpec)} checks first, so one GET more;
 *   <li>{@link #apply(PreviewNamespaceSpec, String, List, PreviewInventory) apply} with an inventory: one PATCH per
 *       object, one DELETE per pruned object, one PATCH for the new inventory; so a redeploy of N objects is N + 4
 *       writes plus the deletes (after the one GET of {@code check}), and so is the first deploy into a namespace
 *       that its {@code ensureNamespace} created (empty inventory, nothing to delete);
 *   <li>{@code apply} without an inventory: as above plus one LIST per {@link PrunableKind} (10);
 *   <li>{@link #sweepExpired}: one LIST, one DELETE per expired unpinned preview of this Jenkins;
 *   <li>{@link #removePreview}: one GET, one DELETE of the Secrets, one DELETE of the namespace, one watch;
 *   <li>{@link #listPreviews}: one LIST.
 * </ul>
 */
public final class PreviewNamespaces {

    /** Name of the ResourceQuota in each preview namespace. */
    public static final String QUOTA_NAME = "preview-quota";
    /** Name of the LimitRange in each preview namespace. */
    public static final String LIMIT_RANGE_NAME = "preview-limits";

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;

    /**
     * @param instance the id of this Jenkins controller ({@link NamespaceOwner#instance()}): previews it creates carry
     *     it, and it deletes only previews that carry it
     */
    public PreviewNamespaces(KubernetesClient client, Clock clock, String instance) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instance = PreviewInputs.labelValue("Jenkins instance id", instance);
    }

    /** @return the owner that a preview of {@code spec} made by this Jenkins has */
    public NamespaceOwner owner(PreviewNamespaceSpec spec) {
        return new NamespaceOwner(instance, spec.app(), spec.pullRequest());
    }

    /**
     * What {@link #check} found: a deploy of the spec may write. Only {@code check} makes one, so {@link
     * #ensureNamespace(Checked)} cannot be reached without the reads that decide ownership.
     */
    public static final class Checked {
        private final PreviewNamespaceSpec spec;
        private final boolean exists;

        private Checked(PreviewNamespaceSpec spec, boolean exists) {
            this.spec = spec;
            this.exists = exists;
        }

        /** @return whether the namespace existed (then it is this preview's own) */
        public boolean exists() {
            return exists;
        }
    }

    /**
     * Decides, by reading only, whether a deploy of {@code spec} with {@code objects} may write: one GET of the
     * namespace, and one GET per object that the namespace's inventory does not list (none when the namespace does
     * not exist). The namespace must not exist, or be this preview's ({@link NamespaceOwner}: same Jenkins, app and
     * pull request); each object must not exist, or carry this preview's labels ({@link
     * ObjectApplier#refuseForeignObjects}).
     *
     * <p>Between this read and the namespace apply of {@link #ensureNamespace(Checked)} another client could still
     * create the namespace; the caller keeps that window short (the deploy holds its preview's lock and sends the
     * apply next), and nothing of this plugin deletes a namespace without the marker it writes.
     *
     * <p>First of all, every kind among {@code objects} must be served by the cluster, namespaced ({@link
     * ServedKinds}: no request for built-in GA kinds, one discovery read per other group-version).
     *
     * @param objects objects checked by {@link KubernetesObjects#forNamespace}
     * @throws UnservedKindException naming the kinds the cluster does not serve, before anything is written
     * @throws IllegalStateException naming the namespace or object and who owns it
     */
    public Checked check(PreviewNamespaceSpec spec, List<HasMetadata> objects) {
        NamespaceOwner owner = owner(spec);
        ServedKinds.of(client).requireServed(objects);
        Namespace current = client.namespaces().withName(spec.namespace()).get();
        if (current == null) {
            return new Checked(spec, false);
        }
        if (!NamespaceOwner.of(current).equals(Optional.of(owner))) {
            throw new IllegalStateException("Namespace " + spec.namespace() + " "
                    + NamespaceOwner.describe(current, instance) + "; not deploying " + owner.describeApp()
                    + " into it");
        }
        Map<String, String> annotations = current.getMetadata().getAnnotations();
        PreviewInventory inventory = annotations == null
                ? null
                : PreviewInventory.read(spec.namespace(), annotations.get(PreviewLabels.INVENTORY))
                        .orElse(null);
        new ObjectApplier(client).refuseForeignObjects(spec.namespace(), PreviewLabels.of(owner), objects, inventory);
        return new Checked(spec, true);
    }

    /**
     * Creates or updates the preview's namespace, ResourceQuota and LimitRange by server-side apply (field manager
     * {@value PreviewLabels#FIELD_MANAGER}, conflicts forced). Each call renews {@code expires-at} to now + TTL and
     * sets {@code last-deploy} to now.
     *
     * <p>{@code pinned} is applied only when the spec pins; a pin set by hand (another field manager) is left alone.
     *
     * <p>The namespace apply is sent by {@link NamespaceApply}, which reads whether it created the namespace. The
     * namespace gets the preview labels with this Jenkins' instance and the owner marker ({@link NamespaceOwner}).
     *
     * <p>First it {@link #check checks} (one GET) that the namespace is absent or this preview's own.
     *
     * @return the preview as the namespace now describes it, with the {@link LivePreview#inventory() inventory} that
     *     the last completed deploy left, or the {@link PreviewInventory#empty(String) empty} inventory if this call
     *     created the namespace; to be handed to {@link #apply(PreviewNamespaceSpec, String, List, PreviewInventory)
     *     apply}
     * @throws IllegalStateException naming the namespace and its owner, with nothing written, if it is not this
     *     preview's
     */
    public LivePreview ensureNamespace(PreviewNamespaceSpec spec) {
        return ensureNamespace(check(spec, List.of()));
    }

    /**
     * {@link #ensureNamespace(PreviewNamespaceSpec)} after a {@link #check} of the namespace and the objects to apply,
     * without reading the namespace again: the three PATCHes only.
     */
    public LivePreview ensureNamespace(Checked checked) {
        PreviewNamespaceSpec spec = checked.spec;
        NamespaceOwner owner = owner(spec);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> labels = PreviewLabels.of(owner);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(PreviewLabels.OWNER, owner.marker());
        annotations.put(PreviewLabels.EXPIRES_AT, now.plus(spec.ttl()).toString());
        annotations.put(PreviewLabels.LAST_DEPLOY, now.toString());
        if (spec.buildUrl() != null) {
            annotations.put(PreviewLabels.BUILD_URL, spec.buildUrl());
        }
        if (spec.pinned()) {
            annotations.put(PreviewLabels.PINNED, "true");
        }
        Namespace namespace = new NamespaceBuilder()
                .withNewMetadata()
                .withName(spec.namespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .build();
        NamespaceApply.Result applied = NamespaceApply.apply(client, namespace, PreviewLabels.FIELD_MANAGER);

        PreviewQuota quota = spec.quota();
        ResourceQuota resourceQuota = new ResourceQuotaBuilder()
                .withNewMetadata()
                .withName(QUOTA_NAME)
                .withNamespace(spec.namespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addToHard("cpu", new Quantity(quota.cpu()))
                .addToHard("memory", new Quantity(quota.memory()))
                .addToHard("pods", new Quantity(Integer.toString(quota.pods())))
                .endSpec()
                .build();
        ObjectApplier.serverSideApply(client.resource(resourceQuota).inNamespace(spec.namespace()));

        LimitRange limitRange = new LimitRangeBuilder()
                .withNewMetadata()
                .withName(LIMIT_RANGE_NAME)
                .withNamespace(spec.namespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .addToDefaultRequest("cpu", new Quantity(quota.defaultCpuRequest()))
                .addToDefaultRequest("memory", new Quantity(quota.defaultMemoryRequest()))
                .addToDefault("cpu", new Quantity(quota.defaultCpuLimit()))
                .addToDefault("memory", new Quantity(quota.defaultMemoryLimit()))
                .endLimit()
                .endSpec()
                .build();
        ObjectApplier.serverSideApply(client.resource(limitRange).inNamespace(spec.namespace()));
        return describe(applied.namespace(), applied.created());
    }

    /**
     * {@link #apply(PreviewNamespaceSpec, String, List, PreviewInventory) apply} without an inventory: prunes by
     * labels, with one LIST per {@link PrunableKind}, then writes the inventory.
     */
    public ApplyReport apply(PreviewNamespaceSpec spec, String deployId, List<?> documents) {
        return apply(spec, deployId, documents, null);
    }

    /**
     * Server-side applies rendered objects into the preview's namespace, prunes what an earlier deploy created and
     * this render no longer has, then records what it applied in the namespace's inventory annotation.
     *
     * <p>With {@code previous}, pruning deletes the objects of a {@link PrunableKind} that it lists and this render
     * does not have (same API group, kind and name), by name, without listing anything; with the {@link
     * PreviewInventory#empty(String) empty} inventory of a namespace just created it deletes nothing. Without it,
     * pruning deletes
     * every object of a {@link PrunableKind} in the namespace that carries the managed-by label and a different deploy
     * id. See the class description for why both exist.
     *
     * <p>Each object gets the preview labels and {@code deploy-id}. Objects are copied, never changed in place.
     * Status, resourceVersion, uid and managedFields of the given objects are not sent.
     *
     * @param spec the preview (namespace, app, pull request)
     * @param deployId names this deploy; a label value, different for every deploy (a build number, a digest prefix)
     * @param documents {@link HasMetadata} objects or {@code Map} documents as parsed from YAML
     * @param previous the inventory that {@link #ensureNamespace} returned for this deploy ({@link
     *     LivePreview#inventory()}), or {@code null} to prune by labels
     * @throws IllegalArgumentException before any request, if the deploy id or a document is not acceptable: not an
     *     object with apiVersion, kind and a valid name; cluster-scoped; aimed at another namespace; or a duplicate; if
     *     the inventory of the render would exceed {@link PreviewInventory#MAX_BYTES}; or if {@code previous} describes
     *     another namespace
     */
    public ApplyReport apply(PreviewNamespaceSpec spec, String deployId, List<?> documents, PreviewInventory previous) {
        Map<String, String> labels = PreviewLabels.of(owner(spec));
        return new ObjectApplier(client)
                .apply(spec.namespace(), labels, deployId, documents, previous, PreviewLabels.INVENTORY);
    }

    /**
     * Waits until every Deployment and StatefulSet among {@code objects} has rolled out (see
     * {@link WorkloadReadiness}), by watching each in turn; other kinds are not awaited. The timeout covers all of
     * them together.
     *
     * @throws ClusterWaitTimeoutException naming each workload that was not ready and why, such as
     *     {@code Deployment web: 0/2 ready}
     */
    public void awaitReady(String namespace, List<? extends HasMetadata> objects, Duration timeout)
            throws ClusterWaitTimeoutException, InterruptedException {
        new ObjectApplier(client).awaitReady(namespace, objects, timeout);
    }

    /**
     * What {@link #removePreview} did.
     *
     * @param outcome whether the namespace was there and is gone
     * @param secretsPurged how many of the plugin's Secrets were deleted before the namespace
     */
    public record Removal(NamespaceRemoval outcome, int secretsPurged) {}

    /**
     * Tears down one preview of this Jenkins: reads the namespace (GET) and refuses it unless it is this preview's own
     * ({@link NamespaceOwner}: this Jenkins, {@code app} and {@code pullRequest}); then deletes the plugin's Secrets in
     * it ({@link KubernetesObjects#purgeSecrets}, so credentials do not linger while the namespace terminates), deletes
     * the namespace (propagation Background) and watches until it is gone; the cluster removes what is inside. A
     * mistyped name or a namespace template that names someone else's namespace therefore deletes nothing.
     *
     * <p>Previews own no cluster-scoped objects (every object the plugin applies is namespaced, {@link
     * KubernetesObjects#forNamespace}), so there are no leftovers outside the namespace to delete.
     *
     * @return {@link NamespaceRemoval#WAS_NOT_THERE} if there was no such namespace
     * @throws IllegalStateException naming the namespace and its owner if it is not this preview's
     * @throws ClusterWaitTimeoutException if it still exists when the timeout ends
     */
    public Removal removePreview(String name, String app, int pullRequest, Duration timeout)
            throws ClusterWaitTimeoutException, InterruptedException {
        PreviewInputs.namespace(name);
        NamespaceOwner owner = new NamespaceOwner(instance, app, pullRequest);
        Objects.requireNonNull(timeout, "timeout");
        Resource<Namespace> resource = client.namespaces().withName(name);
        Namespace current = resource.get();
        if (current == null) {
            return new Removal(NamespaceRemoval.WAS_NOT_THERE, 0);
        }
        if (!NamespaceOwner.of(current).equals(Optional.of(owner))) {
            throw new IllegalStateException("Namespace " + name + " " + NamespaceOwner.describe(current, instance)
                    + "; not deleting it for " + owner.describeApp());
        }
        int purged = KubernetesObjects.purgeSecrets(client, name);
        if (resource.withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete()
                .isEmpty()) {
            return new Removal(NamespaceRemoval.WAS_NOT_THERE, purged);
        }
        try {
            resource.waitUntilCondition(Objects::isNull, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (KubernetesClientTimeoutException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting for namespace " + name + " to go");
            }
            throw new ClusterWaitTimeoutException(
                    "Namespace " + name + " not deleted", timeout, List.of("Namespace " + name + ": still present"));
        }
        return new Removal(NamespaceRemoval.DELETED, purged);
    }

    /**
     * Lists the preview namespaces (managed-by and {@code environment=preview} labels), in one request.
     *
     * @param app only this application's previews, or {@code null} for all
     */
    public List<LivePreview> listPreviews(String app) {
        if (app != null) {
            PreviewInputs.app(app);
        }
        return previewNamespaces(app).stream().map(PreviewNamespaces::describe).toList();
    }

    private List<Namespace> previewNamespaces(String app) {
        var query = client.namespaces()
                .withLabel(PreviewLabels.MANAGED_BY, PreviewLabels.MANAGED_BY_VALUE)
                .withLabel(PreviewLabels.ENVIRONMENT, PreviewLabels.ENVIRONMENT_PREVIEW);
        if (app != null) {
            query = query.withLabel(PreviewLabels.APP, app);
        }
        return query.list().getItems().stream()
                .filter(NamespaceOwner::hasPreviewLabels)
                .filter(ns ->
                        app == null || app.equals(ns.getMetadata().getLabels().get(PreviewLabels.APP)))
                .toList();
    }

    /** {@link #sweepExpired(Instant, Consumer)} at the clock's current instant, reporting nothing. */
    public List<SweptPreview> sweepExpired() {
        return sweepExpired(clock.instant(), line -> {});
    }

    /** {@link #sweepExpired(Instant, Consumer)}, reporting nothing. */
    public List<SweptPreview> sweepExpired(Instant now) {
        return sweepExpired(now, line -> {});
    }

    /**
     * Deletes every unpinned preview of this Jenkins whose {@code expires-at} is not after {@code now}: one LIST, then
     * one DELETE (propagation Background, not awaited) per expired preview. A preview without a readable {@code
     * expires-at} is never swept. Only namespaces that this Jenkins owns ({@link NamespaceOwner}) are deleted: another
     * Jenkins' previews are left to it, and an expired namespace that has preview labels without a matching owner
     * marker is reported to {@code report} and left.
     *
     * @return the previews deleted, with reason {@link SweptPreview#TTL}; one that vanished meanwhile is left out
     */
    public List<SweptPreview> sweepExpired(Instant now, Consumer<String> report) {
        Objects.requireNonNull(now, "now");
        List<SweptPreview> swept = new ArrayList<>();
        for (Namespace namespace : previewNamespaces(null)) {
            LivePreview preview = describe(namespace);
            if (!preview.expiredAt(now)) {
                continue;
            }
            Optional<NamespaceOwner> owner = NamespaceOwner.of(namespace);
            if (owner.isEmpty()) {
                report.accept("Namespace " + preview.namespace() + " " + NamespaceOwner.describe(namespace, instance)
                        + "; left alone");
                continue;
            }
            if (!owner.get().instance().equals(instance)) {
                continue;
            }
            boolean deleted = !client.namespaces()
                    .withName(preview.namespace())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete()
                    .isEmpty();
            if (deleted) {
                swept.add(new SweptPreview(preview, SweptPreview.TTL));
            }
        }
        return swept;
    }

    private static LivePreview describe(Namespace namespace) {
        return describe(namespace, false);
    }

    /** @param created whether the namespace apply of this deploy created it, so that it holds nothing to prune */
    private static LivePreview describe(Namespace namespace, boolean created) {
        ObjectMeta metadata = namespace.getMetadata();
        Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
        Map<String, String> annotations = metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
        int pullRequest;
        try {
            pullRequest = PreviewInputs.pullRequest(labels.get(PreviewLabels.PULL_REQUEST));
        } catch (IllegalArgumentException e) {
            pullRequest = 0;
        }
        return new LivePreview(
                metadata.getName(),
                labels.get(PreviewLabels.APP),
                pullRequest,
                instant(annotations.get(PreviewLabels.EXPIRES_AT)).orElse(null),
                "true".equals(annotations.get(PreviewLabels.PINNED)),
                instant(annotations.get(PreviewLabels.LAST_DEPLOY)).orElse(null),
                created
                        ? PreviewInventory.empty(metadata.getName())
                        : PreviewInventory.read(metadata.getName(), annotations.get(PreviewLabels.INVENTORY))
                                .orElse(null));
    }

    private static Optional<Instant> instant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
