package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The cluster side of pull-request previews: one labelled, quota-bound namespace per preview, server-side apply of
 * rendered objects with pruning of what a later render dropped, waiting for workloads, deletion, listing and the TTL
 * sweep. Plain Java on a fabric8 client; the caller owns the client.
 *
 * <p>Every input is checked before the first request, so a rejected value never reaches the cluster. Failures of the
 * cluster itself surface as fabric8's unchecked {@code KubernetesClientException}.
 *
 * <p><b>Pruning through an inventory.</b> A deploy is {@link #ensureNamespace} followed by {@link #apply(
 * PreviewNamespaceSpec, String, List, PreviewInventory) apply}. To find what an earlier deploy created and this render
 * dropped without listing every {@link PrunableKind}, the last step of each apply writes a {@link PreviewInventory}
 * (apiVersion, kind and name of every object it applied) into the namespace annotation
 * {@value PreviewLabels#INVENTORY}. The next {@code ensureNamespace} gets that annotation back for free in the answer
 * to its namespace apply ({@link LivePreview#inventory()}); the caller hands it to {@code apply}, which deletes the
 * prunable objects of the old inventory that the new render does not have, and writes the new inventory. The
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
 * deploys: they stay, labelled with their deploy id, until the preview is torn down, because {@link #deleteNamespace}
 * and {@link #sweepExpired} delete the whole namespace and the cluster removes everything in it whatever any
 * inventory says. Calling {@link #apply(PreviewNamespaceSpec, String, List) apply} without an inventory prunes them
 * by labels at the cost of the LISTs. The inventory path deletes by name what the plugin itself applied into the
 * preview namespace; it does not re-read the labels of such an object first.
 *
 * <p>Requests per call (measured against the mock API server, see {@code docs/performance.md}):
 *
 * <ul>
 *   <li>{@link #ensureNamespace}: 3 PATCHes (namespace, quota, limit range);
 *   <li>{@link #apply(PreviewNamespaceSpec, String, List, PreviewInventory) apply} with an inventory: one PATCH per
 *       object, one DELETE per pruned object, one PATCH for the new inventory; so a redeploy of N objects is N + 4
 *       requests plus the deletes, and so is the first deploy into a namespace that its {@code ensureNamespace}
 *       created (empty inventory, nothing to delete);
 *   <li>{@code apply} without an inventory: as above plus one LIST per {@link PrunableKind} (10);
 *   <li>{@link #sweepExpired}: one LIST, one DELETE per expired unpinned preview;
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

    public PreviewNamespaces(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates or updates the preview's namespace, ResourceQuota and LimitRange by server-side apply (field manager
     * {@value PreviewLabels#FIELD_MANAGER}, conflicts forced). Each call renews {@code expires-at} to now + TTL and
     * sets {@code last-deploy} to now.
     *
     * <p>{@code pinned} is applied only when the spec pins; a pin set by hand (another field manager) is left alone.
     *
     * <p>The namespace apply is sent by {@link NamespaceApply}, which reads whether it created the namespace.
     *
     * @return the preview as the namespace now describes it, with the {@link LivePreview#inventory() inventory} that
     *     the last completed deploy left, or the {@link PreviewInventory#empty(String) empty} inventory if this call
     *     created the namespace; to be handed to {@link #apply(PreviewNamespaceSpec, String, List, PreviewInventory)
     *     apply}
     */
    public LivePreview ensureNamespace(PreviewNamespaceSpec spec) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> labels = PreviewLabels.of(spec.app(), spec.pullRequest());
        Map<String, String> annotations = new LinkedHashMap<>();
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
        serverSideApply(client.resource(resourceQuota).inNamespace(spec.namespace()));

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
        serverSideApply(client.resource(limitRange).inNamespace(spec.namespace()));
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
        PreviewInputs.labelValue("Deploy id", deployId);
        String namespace = spec.namespace();
        if (previous != null && !previous.namespace().equals(namespace)) {
            throw new IllegalArgumentException(
                    "The inventory of namespace " + previous.namespace() + " cannot prune namespace " + namespace);
        }
        Map<String, String> labels = PreviewLabels.of(spec.app(), spec.pullRequest());
        labels.put(PreviewLabels.DEPLOY_ID, deployId);
        List<HasMetadata> objects = prepare(namespace, labels, documents);
        PreviewInventory inventory = PreviewInventory.of(namespace, deployId, objects);
        String inventoryValue = inventory.boundedAnnotationValue();

        List<String> applied = new ArrayList<>();
        for (HasMetadata object : objects) {
            serverSideApply(client.resource(object).inNamespace(namespace));
            applied.add(describe(object));
        }

        List<String> pruned = previous == null
                ? pruneByLabels(namespace, deployId)
                : pruneByInventory(namespace, previous, inventory);
        writeInventory(namespace, inventoryValue);
        return new ApplyReport(applied, pruned);
    }

    private List<String> pruneByInventory(String namespace, PreviewInventory previous, PreviewInventory current) {
        Set<String> kept = new HashSet<>();
        for (PreviewInventory.AppliedObject object : current.objects()) {
            kept.add(object.identity());
        }
        List<String> pruned = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (PreviewInventory.AppliedObject object : previous.objects()) {
            if (kept.contains(object.identity()) || !done.add(object.identity())) {
                continue;
            }
            Optional<PrunableKind> kind = PrunableKind.of(object);
            if (kind.isPresent() && delete(kind.get(), namespace, object.name())) {
                pruned.add(object.kind() + " " + object.name());
            }
        }
        return pruned;
    }

    private List<String> pruneByLabels(String namespace, String deployId) {
        List<String> pruned = new ArrayList<>();
        for (PrunableKind kind : PrunableKind.values()) {
            List<? extends HasMetadata> leftovers = client.resources(kind.type)
                    .inNamespace(namespace)
                    .withLabel(PreviewLabels.MANAGED_BY, PreviewLabels.MANAGED_BY_VALUE)
                    .withLabel(PreviewLabels.DEPLOY_ID)
                    .withoutLabel(PreviewLabels.DEPLOY_ID, deployId)
                    .list()
                    .getItems();
            for (HasMetadata leftover : leftovers) {
                // The selector already says this; checking again keeps a server that ignores part of it harmless.
                Map<String, String> present = leftover.getMetadata().getLabels();
                if (present == null
                        || !PreviewLabels.MANAGED_BY_VALUE.equals(present.get(PreviewLabels.MANAGED_BY))
                        || !present.containsKey(PreviewLabels.DEPLOY_ID)
                        || deployId.equals(present.get(PreviewLabels.DEPLOY_ID))) {
                    continue;
                }
                delete(kind, namespace, leftover.getMetadata().getName());
                pruned.add(describe(leftover));
            }
        }
        return pruned;
    }

    /** @return whether there was such an object */
    private boolean delete(PrunableKind kind, String namespace, String name) {
        return !client.resources(kind.type)
                .inNamespace(namespace)
                .withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete()
                .isEmpty();
    }

    /**
     * One JSON merge patch of the inventory annotation, by {@value PreviewLabels#INVENTORY_FIELD_MANAGER}. A namespace
     * that does not exist has nothing to record and is not created.
     */
    private void writeInventory(String namespace, String value) {
        Map<String, Object> patch = Map.of("metadata", Map.of("annotations", Map.of(PreviewLabels.INVENTORY, value)));
        // Patching through a resource that holds the object spares the GET that withName(...).patch(...) sends first.
        Namespace target = new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .endMetadata()
                .build();
        try {
            client.resource(target)
                    .patch(
                            new PatchContext.Builder()
                                    .withPatchType(PatchType.JSON_MERGE)
                                    .withFieldManager(PreviewLabels.INVENTORY_FIELD_MANAGER)
                                    .build(),
                            client.getKubernetesSerialization().asJson(patch));
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
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
        PreviewInputs.namespace(namespace);
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (!WorkloadReadiness.awaited(object)) {
                continue;
            }
            String kind = object.getKind();
            String name = object.getMetadata().getName();
            Resource<? extends HasMetadata> resource =
                    client.resources(object.getClass()).inNamespace(namespace).withName(name);
            long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                try {
                    resource.waitUntilCondition(
                            current -> WorkloadReadiness.problem(kind, name, current)
                                    .isEmpty(),
                            remaining,
                            TimeUnit.NANOSECONDS);
                    continue;
                } catch (KubernetesClientTimeoutException e) {
                    // Described below from the object's latest state.
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting for " + kind + " " + name);
            }
            WorkloadReadiness.problem(kind, name, resource.get()).ifPresent(pending::add);
        }
        if (!pending.isEmpty()) {
            throw new ClusterWaitTimeoutException("Not ready in namespace " + namespace, timeout, pending);
        }
    }

    /**
     * Deletes a preview namespace (propagation Background) and watches until it is gone; the cluster removes what is
     * inside. A namespace that exists but does not carry the managed-by and preview labels is refused, so a mistyped
     * name cannot delete someone else's namespace.
     *
     * <p>Previews own no cluster-scoped objects today (every kind the plugin applies is namespaced, and
     * {@link #apply} refuses cluster-scoped ones), so there are no leftovers outside the namespace to delete. A kind
     * that changes this has to be deleted here, by the preview labels.
     *
     * @return {@link NamespaceRemoval#WAS_NOT_THERE} if there was no such namespace
     * @throws IllegalStateException if the namespace is not a preview of this plugin
     * @throws ClusterWaitTimeoutException if it still exists when the timeout ends
     */
    public NamespaceRemoval deleteNamespace(String name, Duration timeout)
            throws ClusterWaitTimeoutException, InterruptedException {
        PreviewInputs.namespace(name);
        Objects.requireNonNull(timeout, "timeout");
        Resource<Namespace> resource = client.namespaces().withName(name);
        Namespace current = resource.get();
        if (current == null) {
            return NamespaceRemoval.WAS_NOT_THERE;
        }
        if (!isPreview(current)) {
            throw new IllegalStateException("Namespace " + name + " is not a preview managed by "
                    + PreviewLabels.MANAGED_BY_VALUE + "; not deleting it");
        }
        if (resource.withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete()
                .isEmpty()) {
            return NamespaceRemoval.WAS_NOT_THERE;
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
        return NamespaceRemoval.DELETED;
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
        var query = client.namespaces()
                .withLabel(PreviewLabels.MANAGED_BY, PreviewLabels.MANAGED_BY_VALUE)
                .withLabel(PreviewLabels.ENVIRONMENT, PreviewLabels.ENVIRONMENT_PREVIEW);
        if (app != null) {
            query = query.withLabel(PreviewLabels.APP, app);
        }
        return query.list().getItems().stream()
                .filter(PreviewNamespaces::isPreview)
                .filter(ns ->
                        app == null || app.equals(ns.getMetadata().getLabels().get(PreviewLabels.APP)))
                .map(PreviewNamespaces::describe)
                .toList();
    }

    /** {@link #sweepExpired(Instant)} at the clock's current instant. */
    public List<SweptPreview> sweepExpired() {
        return sweepExpired(clock.instant());
    }

    /**
     * Deletes every unpinned preview whose {@code expires-at} is not after {@code now}: one LIST, then one DELETE
     * (propagation Background, not awaited) per expired preview. A preview without a readable {@code expires-at} is
     * never swept.
     *
     * @return the previews deleted, with reason {@link SweptPreview#TTL}; one that vanished meanwhile is left out
     */
    public List<SweptPreview> sweepExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        List<SweptPreview> swept = new ArrayList<>();
        for (LivePreview preview : listPreviews(null)) {
            if (!preview.expiredAt(now)) {
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

    private List<HasMetadata> prepare(String namespace, Map<String, String> labels, List<?> documents) {
        List<HasMetadata> objects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            Object document = documents.get(i);
            String where = "Document " + (i + 1);
            HasMetadata object;
            if (document instanceof HasMetadata typed) {
                object = client.getKubernetesSerialization().clone(typed);
            } else if (document instanceof Map<?, ?> map) {
                if (!(map.get("apiVersion") instanceof String) || !(map.get("kind") instanceof String)) {
                    throw new IllegalArgumentException(where + " has no apiVersion or kind");
                }
                KubernetesResource converted =
                        client.getKubernetesSerialization().convertValue(map, KubernetesResource.class);
                if (!(converted instanceof HasMetadata withMetadata)) {
                    throw new IllegalArgumentException(where + " is not an object with metadata");
                }
                object = withMetadata;
            } else {
                throw new IllegalArgumentException(where + " is neither a Kubernetes object nor a map");
            }
            if (object.getKind() == null || object.getApiVersion() == null || object.getMetadata() == null) {
                throw new IllegalArgumentException(where + " has no apiVersion, kind or metadata");
            }
            ObjectMeta metadata = object.getMetadata();
            String kind = object.getKind();
            String name = metadata.getName();
            try {
                PreviewInputs.labelValue(kind + " name", name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!(object instanceof Namespaced) && !(object instanceof GenericKubernetesResource)) {
                throw new IllegalArgumentException(
                        where + ": " + kind + " " + name + " is cluster-scoped; previews hold namespaced objects only");
            }
            if (metadata.getNamespace() != null && !namespace.equals(metadata.getNamespace())) {
                throw new IllegalArgumentException(where + ": " + kind + " " + name + " names namespace "
                        + PreviewInputs.quote(metadata.getNamespace()) + ", not " + namespace);
            }
            if (!seen.add(object.getApiVersion() + "/" + kind + "/" + name)) {
                throw new IllegalArgumentException(where + ": " + kind + " " + name + " appears twice");
            }
            metadata.setNamespace(namespace);
            metadata.setResourceVersion(null);
            metadata.setUid(null);
            metadata.setManagedFields(null);
            metadata.setCreationTimestamp(null);
            metadata.setGeneration(null);
            Map<String, String> merged = new LinkedHashMap<>();
            if (metadata.getLabels() != null) {
                merged.putAll(metadata.getLabels());
            }
            merged.putAll(labels);
            metadata.setLabels(merged);
            objects.add(object);
        }
        return objects;
    }

    private static <T extends HasMetadata> T serverSideApply(Resource<T> resource) {
        return resource.fieldManager(PreviewLabels.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    private static boolean isPreview(Namespace namespace) {
        Map<String, String> labels = namespace.getMetadata().getLabels();
        return labels != null
                && PreviewLabels.MANAGED_BY_VALUE.equals(labels.get(PreviewLabels.MANAGED_BY))
                && PreviewLabels.ENVIRONMENT_PREVIEW.equals(labels.get(PreviewLabels.ENVIRONMENT));
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
