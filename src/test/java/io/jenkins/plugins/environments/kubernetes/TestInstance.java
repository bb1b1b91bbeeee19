package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;

/** The Jenkins that the kubernetes tests play, and preview namespaces as it marks them. */
final class TestInstance {

    /** An instance id as {@code Jenkins.getLegacyInstanceId()} gives it: 32 hex digits. */
    static final String ID = "5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b";

    private TestInstance() {}

    /** @return the labels this Jenkins puts on a preview of {@code app} and {@code pr} */
    static Map<String, String> labels(String app, int pr) {
        return PreviewLabels.of(new NamespaceOwner(ID, app, pr));
    }

    /** @return the owner marker of this Jenkins' preview of {@code app} and {@code pr} */
    static String marker(String app, int pr) {
        return new NamespaceOwner(ID, app, pr).marker();
    }

    /** @return a namespace marked as this Jenkins' preview of {@code app} and {@code pr}, not yet created */
    static Namespace preview(String name, String app, int pr) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels(app, pr))
                .addToAnnotations(PreviewLabels.OWNER, new NamespaceOwner(ID, app, pr).marker())
                .endMetadata()
                .build();
    }
}
