package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rendered YAML documents as the client's typed objects, and clean-up of what a preview created. */
public final class KubernetesObjects {

    private KubernetesObjects() {}

    /**
     * Converts parsed YAML documents into typed objects (a {@code Deployment} becomes a fabric8 {@code Deployment}),
     * without any request.
     *
     * @throws IllegalArgumentException naming the document that is not an object with apiVersion, kind and metadata
     */
    public static List<HasMetadata> typed(KubernetesClient client, List<Map<String, Object>> documents) {
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Map<String, Object> document = documents.get(i);
            if (!(document.get("apiVersion") instanceof String) || !(document.get("kind") instanceof String)) {
                throw new IllegalArgumentException("Document " + (i + 1) + " has no apiVersion or kind");
            }
            KubernetesResource converted =
                    client.getKubernetesSerialization().convertValue(document, KubernetesResource.class);
            if (!(converted instanceof HasMetadata object) || object.getMetadata() == null) {
                throw new IllegalArgumentException("Document " + (i + 1) + " is not an object with metadata");
            }
            objects.add(object);
        }
        return objects;
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
