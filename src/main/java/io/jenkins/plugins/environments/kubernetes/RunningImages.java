package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Which images the workloads of a namespace run, read from their specs (two LISTs: Deployments, StatefulSets). */
public final class RunningImages {

    private RunningImages() {}

    /**
     * @return every container image (init containers too) that the namespace's Deployments and StatefulSets name, in
     *     order, without repeats
     */
    public static List<String> of(KubernetesClient client, String namespace) {
        PreviewInputs.namespace(namespace);
        TreeSet<String> images = new TreeSet<>();
        List<PodSpec> specs = new ArrayList<>();
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .list()
                .getItems()
                .forEach(d -> specs.add(
                        d.getSpec() == null || d.getSpec().getTemplate() == null
                                ? null
                                : d.getSpec().getTemplate().getSpec()));
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .list()
                .getItems()
                .forEach(s -> specs.add(
                        s.getSpec() == null || s.getSpec().getTemplate() == null
                                ? null
                                : s.getSpec().getTemplate().getSpec()));
        for (PodSpec spec : specs) {
            if (spec == null) {
                continue;
            }
            for (List<Container> containers : List.of(
                    spec.getContainers() == null ? List.<Container>of() : spec.getContainers(),
                    spec.getInitContainers() == null ? List.<Container>of() : spec.getInitContainers())) {
                for (Container container : containers) {
                    if (container.getImage() != null) {
                        images.add(container.getImage());
                    }
                }
            }
        }
        return List.copyOf(images);
    }
}
