package io.jenkins.plugins.environments.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/**
 * Pods as a kubelet reports them. The mock API server runs no controllers and no kubelet, so a test that needs a pod
 * "running" writes it, with its status, through this.
 */
public final class KubeletPods {

    private KubeletPods() {}

    /**
     * @return a running, ready pod labelled {@code app.kubernetes.io/name=app} with one container {@code web} of
     *     {@code image}, whose status reports {@code imageId} (what the kubelet pulled; {@code null} for not yet)
     */
    public static Pod ready(String name, String app, String image, String imageId) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app.kubernetes.io/name", app)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage(image)
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .addNewContainerStatus()
                .withName("web")
                .withImage(image)
                .withImageID(imageId)
                .withReady(true)
                .endContainerStatus()
                .endStatus()
                .build();
    }
}
