package io.jenkins.plugins.environments.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the API server's CRD establishing controller, which the mock does not run: every 20 ms it lists the
 * CustomResourceDefinitions and writes the {@code Established} condition into each one that has no status yet.
 */
public final class CrdController implements AutoCloseable {
    private final KubernetesClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    /** @param client closed by {@link #close()} */
    public CrdController(KubernetesClient client) {
        this.client = client;
        timer.scheduleWithFixedDelay(this::reconcile, 20, 20, TimeUnit.MILLISECONDS);
    }

    private void reconcile() {
        try {
            for (CustomResourceDefinition crd : client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .list()
                    .getItems()) {
                if (crd.getStatus() != null) {
                    continue;
                }
                crd.setStatus(new CustomResourceDefinitionStatusBuilder()
                        .withConditions(new CustomResourceDefinitionConditionBuilder()
                                .withType("Established")
                                .withStatus("True")
                                .build())
                        .build());
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .resource(crd)
                        .updateStatus();
            }
        } catch (RuntimeException e) {
            // the next round tries again
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}
