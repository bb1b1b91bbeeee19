package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deploys an app into an environment's namespace, for {@code promoteDigest}'s {@code deploy} strategy: the same
 * server-side apply, pruning and readiness wait as previews ({@link ObjectApplier}), with three differences. The
 * namespace must exist (an environment's namespace, its quota and its access belong to the environment's
 * administrators, so the plugin never creates or labels it). The objects carry {@code environment=<name>} instead of
 * a pull request. And since several apps may share an environment's namespace, each app keeps its own inventory,
 * under the annotation {@code <app>.inventory.environments.jenkins.io/objects}, and pruning never reaches another app's
 * objects.
 *
 * <p>Nothing is written before everything is checked: the objects ({@link KubernetesObjects#forNamespace}: each for
 * this namespace or none, namespaced, a fixed name), then the namespace (it must exist), then each object that the
 * app's inventory does not list (it must not exist, or carry this app's and environment's labels). An object that
 * another app's deploy made, or that the plugin did not make at all (applied by hand, by another tool), is never
 * adopted or overwritten: the deploy is refused naming it. To hand such an object over to the plugin, label it {@code
 * app.kubernetes.io/managed-by=environment-management}, {@code environments.jenkins.io/app=<app>} and {@code
 * environments.jenkins.io/environment=<environment>}, or delete it.
 */
public final class EnvironmentNamespaces {

    /** The name part of the per-app inventory annotation. */
    static final String INVENTORY_NAME = "objects";

    private final KubernetesClient client;

    public EnvironmentNamespaces(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** @return the annotation holding {@code app}'s inventory in an environment's namespace */
    public static String inventoryKey(String app) {
        return PreviewInputs.app(app) + ".inventory.environments.jenkins.io/" + INVENTORY_NAME;
    }

    /**
     * Applies an app's objects into an environment's namespace (one GET of the namespace for its inventory, one GET
     * per object the inventory does not list, one apply per object, one DELETE per pruned object, one PATCH of the
     * inventory; one discovery read per custom group-version, see {@link ServedKinds}). A redeploy is therefore N + 2
     * requests plus the DELETEs. The app's first deploy into the namespace (no inventory annotation of the app, and
     * none of the rendered objects present) prunes nothing and lists nothing; without a readable inventory otherwise
     * (an older plugin's deploy, an edited annotation) it prunes by labels, one LIST per {@link PrunableKind}.
     *
     * <p>{@link ApplyReport#changed()} is {@code false} when the app's last deploy applied the same render: a rerun.
     *
     * @param environment the environment's name, for the {@code environment} label
     * @param deployId a label value naming this deploy
     * @throws IllegalStateException if the namespace does not exist, or an object in it belongs to someone else; before
     *     anything is written
     * @throws IllegalArgumentException for a bad name, id or document, before any request
     */
    public ApplyReport apply(String namespace, String app, String environment, String deployId, List<?> documents) {
        try {
            return apply(namespace, app, environment, deployId, documents, List.of(), install -> {});
        } catch (ClusterWaitTimeoutException | InterruptedException e) {
            throw new IllegalStateException("Nothing runs before the apply", e); // cannot happen: no hook
        }
    }

    /**
     * What runs once every check has passed and before the first object is applied: a chart's CRDs and pre-hooks
     * ({@link ReleasePhases}).
     */
    @FunctionalInterface
    public interface BeforeApply {
        /** @param install whether the app has no inventory in the namespace yet (Helm's install, else upgrade) */
        void run(boolean install) throws ClusterWaitTimeoutException, InterruptedException;
    }

    /**
     * {@link #apply(String, String, String, String, List) apply}, with hooks: {@code hooks} are checked for ownership
     * with the objects (one GET each: they are in no inventory), then {@code before} runs, then the objects are
     * applied.
     */
    public ApplyReport apply(
            String namespace,
            String app,
            String environment,
            String deployId,
            List<?> documents,
            List<HasMetadata> hooks,
            BeforeApply before)
            throws ClusterWaitTimeoutException, InterruptedException {
        PreviewInputs.namespace(namespace);
        String key = inventoryKey(app);
        PreviewInputs.labelValue("Environment", environment);
        PreviewInputs.labelValue("Deploy id", deployId);
        List<HasMetadata> objects = KubernetesObjects.forNamespace(namespace, documents);
        Namespace current = client.namespaces().withName(namespace).get();
        if (current == null) {
            throw new IllegalStateException("Namespace " + namespace + " does not exist: an environment's namespace is"
                    + " created by its administrators; the plugin deploys into it but never creates it");
        }
        Map<String, String> annotations = current.getMetadata().getAnnotations();
        String recorded = annotations == null ? null : annotations.get(key);
        PreviewInventory previous = PreviewInventory.read(namespace, recorded).orElse(null);
        Map<String, String> labels = labels(app, environment);
        ObjectApplier applier = new ObjectApplier(client);
        int existing = applier.refuseForeignObjects(namespace, labels, objects, previous);
        if (!hooks.isEmpty()) {
            applier.refuseForeignObjects(namespace, labels, hooks, null);
        }
        // Helm's install: the app's first deploy into this namespace (no inventory of it yet)
        boolean install = recorded == null;
        if (recorded == null && existing == 0) {
            // no inventory of the app and none of its objects there: nothing of an earlier deploy to prune, so no
            // LIST per kind
            previous = PreviewInventory.empty(namespace);
        }
        before.run(install);
        return applier.apply(namespace, labels, deployId, objects, previous, key);
    }

    /** @return the labels an app's objects (and hooks) carry in an environment's namespace */
    static Map<String, String> labels(String app, String environment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PreviewLabels.MANAGED_BY, PreviewLabels.MANAGED_BY_VALUE);
        labels.put(PreviewLabels.APP, app);
        labels.put(PreviewLabels.ENVIRONMENT, environment);
        return labels;
    }

    /** @see PreviewNamespaces#awaitReady */
    public void awaitReady(String namespace, List<? extends HasMetadata> objects, Duration timeout)
            throws ClusterWaitTimeoutException, InterruptedException {
        new ObjectApplier(client).awaitReady(namespace, objects, timeout);
    }
}
