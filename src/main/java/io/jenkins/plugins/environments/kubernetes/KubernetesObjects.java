package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rendered YAML documents as the client's typed objects, the rules they must meet, and clean-up of a preview. */
public final class KubernetesObjects {

    /** Converts documents to typed objects without a client: no request, no configuration read. */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubernetesObjects() {}

    /**
     * Checks rendered objects for one namespace and returns them as typed objects (a {@code Deployment} becomes a
     * fabric8 {@code Deployment}), copies whose namespace is set to {@code namespace}. Pure: no request, nothing read
     * but the documents, so a deploy calls it before it contacts the cluster. The rules, each refused with a message
     * that names the document (its position, from 1) and the object:
     *
     * <ul>
     *   <li>an object: a map or a Kubernetes object, with apiVersion, kind and metadata;
     *   <li>a fixed name, a label value: {@code generateName} is refused, since every deploy would create another
     *       object instead of updating the one it made before, and pruning could never find it;
     *   <li>namespaced: a cluster-scoped kind (a {@code Namespace}, a {@code ClusterRole}, a
     *       {@code CustomResourceDefinition} …) is refused, since it would outlive the namespace and could be shared
     *       with everyone else on the cluster. A custom resource of a kind fabric8 has no class for cannot be told
     *       apart here and passes; the API server then decides;
     *   <li>in {@code namespace}: an object that names another namespace is refused; one that names none goes there;
     *   <li>once: the same apiVersion, kind and name twice is refused.
     * </ul>
     *
     * @param documents {@link HasMetadata} objects or {@code Map} documents as parsed from YAML; not changed
     * @throws IllegalArgumentException at the first document that breaks a rule
     */
    public static List<HasMetadata> forNamespace(String namespace, List<?> documents) {
        PreviewInputs.namespace(namespace);
        List<HasMetadata> objects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            String where = "Document " + (i + 1);
            HasMetadata object = typed(where, documents.get(i));
            ObjectMeta metadata = object.getMetadata();
            String kind = object.getKind();
            String name = metadata.getName();
            if (metadata.getGenerateName() != null) {
                throw new IllegalArgumentException(where + ": " + kind + " "
                        + (name == null ? "" : name + " ")
                        + "uses generateName " + PreviewInputs.quote(metadata.getGenerateName())
                        + "; give it a fixed name: an object named by the server is created anew on every deploy and"
                        + " never pruned");
            }
            try {
                PreviewInputs.labelValue(kind + " name", name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!(object instanceof Namespaced) && !(object instanceof GenericKubernetesResource)) {
                throw new IllegalArgumentException(where + ": " + kind + " " + name + " is cluster-scoped; only"
                        + " namespaced objects can be deployed into namespace " + namespace);
            }
            if (metadata.getNamespace() != null && !namespace.equals(metadata.getNamespace())) {
                throw new IllegalArgumentException(where + ": " + kind + " " + name + " names namespace "
                        + PreviewInputs.quote(metadata.getNamespace()) + ", not " + namespace);
            }
            if (!seen.add(object.getApiVersion() + "/" + kind + "/" + name)) {
                throw new IllegalArgumentException(where + ": " + kind + " " + name + " appears twice");
            }
            metadata.setNamespace(namespace);
            objects.add(object);
        }
        return objects;
    }

    /** @return a typed copy of the document */
    private static HasMetadata typed(String where, Object document) {
        HasMetadata object;
        if (document instanceof HasMetadata typed) {
            object = SERIALIZATION.clone(typed);
        } else if (document instanceof Map<?, ?> map) {
            if (!(map.get("apiVersion") instanceof String) || !(map.get("kind") instanceof String)) {
                throw new IllegalArgumentException(where + " has no apiVersion or kind");
            }
            KubernetesResource converted = SERIALIZATION.convertValue(map, KubernetesResource.class);
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
        return object;
    }

    /**
     * Deletes the Secrets the plugin applied into a preview namespace (those with the managed-by label), in one
     * request, so that credentials do not outlive the preview while its namespace terminates.
     *
     * @return how many Secrets the cluster reported deleted
     */
    public static int purgeSecrets(KubernetesClient client, String namespace) {
        PreviewInputs.namespace(namespace);
        return client.secrets()
                .inNamespace(namespace)
                .withLabel(PreviewLabels.MANAGED_BY, PreviewLabels.MANAGED_BY_VALUE)
                .delete()
                .size();
    }
}
