package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Puts rendered objects into one namespace and takes away what an earlier deploy of the same app put there and this
 * render no longer has: the part of a deploy that previews and environments share. Each object is server-side applied
 * (field manager {@value PreviewLabels#FIELD_MANAGER}, conflicts forced) with the given labels and a deploy id; what
 * was applied is recorded in a namespace annotation (the inventory) by {@value PreviewLabels#INVENTORY_FIELD_MANAGER}.
 * Pruning uses the previous inventory when there is one: it deletes, by name, every object of any kind (custom
 * resources included) that the inventory lists and the render does not, no LIST; else it lists each {@link
 * PrunableKind} by the managed-by and app labels. See {@link PreviewNamespaces} for why both exist.
 *
 * <p>Kinds are resolved by {@link ServedKinds}: before the first write, a render with a kind that the cluster does not
 * serve is refused ({@link UnservedKindException}); an inventory entry whose kind the cluster no longer serves is
 * reported in {@link ApplyReport#notPruned()}.
 */
final class ObjectApplier {

    private final KubernetesClient client;

    ObjectApplier(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @param labels the labels every object gets; must hold {@value PreviewLabels#APP}, which also bounds pruning by
     *     labels to this app's objects
     * @param inventoryKey the namespace annotation that records what this deploy applied
     * @see PreviewNamespaces#apply(PreviewNamespaceSpec, String, List, PreviewInventory)
     */
    ApplyReport apply(
            String namespace,
            Map<String, String> labels,
            String deployId,
            List<?> documents,
            PreviewInventory previous,
            String inventoryKey) {
        PreviewInputs.labelValue("Deploy id", deployId);
        if (previous != null && !previous.namespace().equals(namespace)) {
            throw new IllegalArgumentException(
                    "The inventory of namespace " + previous.namespace() + " cannot prune namespace " + namespace);
        }
        List<HasMetadata> objects = prepare(namespace, labels, documents);
        String render = fingerprint(objects);
        for (HasMetadata object : objects) {
            object.getMetadata().getLabels().put(PreviewLabels.DEPLOY_ID, deployId);
        }
        PreviewInventory inventory = PreviewInventory.of(namespace, deployId, objects, render);
        String inventoryValue = inventory.boundedAnnotationValue();
        ServedKinds kinds = ServedKinds.of(client);
        kinds.requireServed(objects);

        List<String> applied = new ArrayList<>();
        for (HasMetadata object : objects) {
            serverSideApply(resource(kinds, object, namespace));
            applied.add(describe(object));
        }

        List<String> pruned = new ArrayList<>();
        List<String> notPruned = new ArrayList<>();
        if (previous == null) {
            pruned.addAll(pruneByLabels(namespace, labels.get(PreviewLabels.APP), deployId));
        } else {
            pruneByInventory(kinds, namespace, previous, inventory, pruned, notPruned);
        }
        writeInventory(namespace, inventoryKey, inventoryValue);
        boolean changed =
                previous == null || !render.equals(previous.render()) || !pruned.isEmpty() || !notPruned.isEmpty();
        return new ApplyReport(applied, pruned, notPruned, changed);
    }

    /**
     * The object's resource: a typed object through its class; any other (a custom resource) through the resource
     * that {@link ServedKinds} resolved, so that the client does not run its own discovery per object.
     */
    private Resource<? extends HasMetadata> resource(ServedKinds kinds, HasMetadata object, String namespace) {
        if (object instanceof GenericKubernetesResource generic) {
            ResourceDefinitionContext context = kinds.resolve(object.getApiVersion(), object.getKind())
                    .orElseThrow(() -> new UnservedKindException(
                            List.of(object.getKind() + " (" + object.getApiVersion() + ")"), List.of()));
            return client.genericKubernetesResources(context)
                    .inNamespace(namespace)
                    .resource(generic);
        }
        return client.resource(object).inNamespace(namespace);
    }

    /**
     * A fingerprint of what is applied apart from the deploy id: SHA-256 of the objects' JSON, in render order. Two
     * deploys with equal fingerprints declare the same objects with the same content.
     */
    private String fingerprint(List<HasMetadata> objects) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (HasMetadata object : objects) {
                sha.update(client.getKubernetesSerialization().asJson(object).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Deletes each object of {@code previous} that {@code current} does not have (same API group, kind and name), of
     * any kind: one DELETE each, the resource resolved by {@link ServedKinds} (no LIST). An object whose kind the
     * cluster no longer serves cannot be deleted and is reported in {@code notPruned} instead.
     */
    private void pruneByInventory(
            ServedKinds kinds,
            String namespace,
            PreviewInventory previous,
            PreviewInventory current,
            List<String> pruned,
            List<String> notPruned) {
        Set<String> kept = new HashSet<>();
        for (PreviewInventory.AppliedObject object : current.objects()) {
            kept.add(object.identity());
        }
        Set<String> done = new HashSet<>();
        for (PreviewInventory.AppliedObject object : previous.objects()) {
            if (kept.contains(object.identity()) || !done.add(object.identity())) {
                continue;
            }
            Optional<ResourceDefinitionContext> resource = kinds.resolve(object.apiVersion(), object.kind());
            for (String stable : ServedKinds.STABLE) {
                // An object applied as a version the cluster no longer serves (apps/v1beta2) is the same object under
                // the group's GA version.
                if (resource.isEmpty() && PreviewInventory.group(stable).equals(object.group())) {
                    resource = kinds.resolve(stable, object.kind());
                }
            }
            if (resource.isEmpty()) {
                notPruned.add(object.kind() + " " + object.name() + " (kind " + object.kind() + " ("
                        + object.apiVersion() + ") is no longer served by the cluster; delete it by hand if it"
                        + " is served again)");
                continue;
            }
            boolean deleted = !client.genericKubernetesResources(resource.get())
                    .inNamespace(namespace)
                    .withName(object.name())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete()
                    .isEmpty();
            if (deleted) {
                pruned.add(object.kind() + " " + object.name());
            }
        }
    }

    private List<String> pruneByLabels(String namespace, String app, String deployId) {
        List<String> pruned = new ArrayList<>();
        for (PrunableKind kind : PrunableKind.values()) {
            List<? extends HasMetadata> leftovers = client.resources(kind.type)
                    .inNamespace(namespace)
                    .withLabel(PreviewLabels.MANAGED_BY, PreviewLabels.MANAGED_BY_VALUE)
                    .withLabel(PreviewLabels.APP, app)
                    .withLabel(PreviewLabels.DEPLOY_ID)
                    .withoutLabel(PreviewLabels.DEPLOY_ID, deployId)
                    .list()
                    .getItems();
            for (HasMetadata leftover : leftovers) {
                // The selector already says this; checking again keeps a server that ignores part of it harmless.
                Map<String, String> present = leftover.getMetadata().getLabels();
                if (present == null
                        || !PreviewLabels.MANAGED_BY_VALUE.equals(present.get(PreviewLabels.MANAGED_BY))
                        || !app.equals(present.get(PreviewLabels.APP))
                        || !present.containsKey(PreviewLabels.DEPLOY_ID)
                        || deployId.equals(present.get(PreviewLabels.DEPLOY_ID))) {
                    continue;
                }
                deleteTyped(kind, namespace, leftover.getMetadata().getName());
                pruned.add(describe(leftover));
            }
        }
        return pruned;
    }

    /** @return whether there was such an object */
    private boolean deleteTyped(PrunableKind kind, String namespace, String name) {
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
    private void writeInventory(String namespace, String key, String value) {
        Map<String, Object> patch = Map.of("metadata", Map.of("annotations", Map.of(key, value)));
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

    /** @see PreviewNamespaces#awaitReady */
    void awaitReady(String namespace, List<? extends HasMetadata> objects, Duration timeout)
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

    /** The objects, checked by {@link KubernetesObjects#forNamespace} and labelled; copies, nothing changed. */
    private static List<HasMetadata> prepare(String namespace, Map<String, String> labels, List<?> documents) {
        List<HasMetadata> objects = KubernetesObjects.forNamespace(namespace, documents);
        for (HasMetadata object : objects) {
            ObjectMeta metadata = object.getMetadata();
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
        }
        return objects;
    }

    /**
     * Refuses, before anything is written, to take over an object that already exists in the namespace and belongs to
     * someone else: reads (GET) each object that {@code previous} does not list, and refuses the first that exists
     * without carrying every one of {@code owner}'s labels with the same value. An object that the plugin did not
     * create (no managed-by label) is never adopted; one of another app, environment, pull request or Jenkins is never
     * overwritten. Objects that {@code previous} lists were applied by the last deploy of this owner and are not read
     * again.
     *
     * @param owner the labels that say who owns the objects of this deploy (managed-by, app, environment …)
     * @param objects checked objects ({@link KubernetesObjects#forNamespace})
     * @param previous what the last deploy of this owner applied there, or {@code null} to read every object
     * @return how many of the objects exist already (all of them {@code owner}'s)
     * @throws UnservedKindException if a kind is not served by the cluster (first, before any object is read)
     * @throws IllegalStateException naming the first object that belongs to someone else, and its owner
     */
    int refuseForeignObjects(
            String namespace, Map<String, String> owner, List<HasMetadata> objects, PreviewInventory previous) {
        ServedKinds kinds = ServedKinds.of(client);
        kinds.requireServed(objects);
        int owned = 0;
        Set<String> known = new HashSet<>();
        if (previous != null) {
            for (PreviewInventory.AppliedObject object : previous.objects()) {
                known.add(object.identity());
            }
        }
        for (HasMetadata object : objects) {
            String name = object.getMetadata().getName();
            String identity = PreviewInventory.group(object.getApiVersion()) + "/" + object.getKind() + "/" + name;
            if (known.contains(identity)) {
                continue;
            }
            HasMetadata current = resource(kinds, object, namespace).get();
            if (current == null) {
                continue;
            }
            owned++;
            Map<String, String> labels = current.getMetadata().getLabels() == null
                    ? Map.of()
                    : current.getMetadata().getLabels();
            String problem = foreignOwner(owner, labels);
            if (problem != null) {
                throw new IllegalStateException(
                        describe(object) + " already exists in namespace " + namespace + " and " + problem);
            }
        }
        return owned;
    }

    /** @return why an object with {@code labels} is not {@code owner}'s, or {@code null} if it is */
    private static String foreignOwner(Map<String, String> owner, Map<String, String> labels) {
        if (!PreviewLabels.MANAGED_BY_VALUE.equals(labels.get(PreviewLabels.MANAGED_BY))) {
            return "was not created by " + PreviewLabels.MANAGED_BY_VALUE + "; not adopting it";
        }
        for (Map.Entry<String, String> label : owner.entrySet()) {
            String present = labels.get(label.getKey());
            if (!label.getValue().equals(present)) {
                return "belongs to " + ownerPart(label.getKey(), present) + ", not to this deploy ("
                        + ownerPart(label.getKey(), label.getValue()) + "); not overwriting it";
            }
        }
        return null;
    }

    private static String ownerPart(String key, String value) {
        String shown = value == null ? "none" : PreviewInputs.quote(value);
        return switch (key) {
            case PreviewLabels.APP -> "app " + shown;
            case PreviewLabels.ENVIRONMENT -> "environment " + shown;
            case PreviewLabels.PULL_REQUEST -> "PR " + shown;
            case PreviewLabels.INSTANCE -> "Jenkins instance " + shown;
            default -> key + "=" + shown;
        };
    }

    static <T extends HasMetadata> T serverSideApply(Resource<T> resource) {
        return resource.fieldManager(PreviewLabels.FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
    }

    static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }
}
