package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollout rule of {@link WorkloadReadiness} and its messages, on objects built in memory. */
class WorkloadReadinessTest {

    private static Deployment deployment(long generation, Long observed, int updated, int ready, int available) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(observed)
                .withUpdatedReplicas(updated)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .endStatus()
                .build();
    }

    @Test
    void deploymentMessagesSayWhatIsMissing() {
        assertEquals(Optional.of("Deployment web: not found"), WorkloadReadiness.problem("Deployment", "web", null));
        assertEquals(
                Optional.of("Deployment web: 1/2 ready"),
                WorkloadReadiness.problem("Deployment", "web", deployment(1, 1L, 2, 1, 1)));
        assertEquals(
                Optional.of("Deployment web: generation 3 not yet observed (observed 2)"),
                WorkloadReadiness.problem("Deployment", "web", deployment(3, 2L, 2, 2, 2)));
        assertEquals(
                Optional.of("Deployment web: 1/2 updated"),
                WorkloadReadiness.problem("Deployment", "web", deployment(1, 1L, 1, 2, 2)));
        assertEquals(
                Optional.of("Deployment web: 1/2 available"),
                WorkloadReadiness.problem("Deployment", "web", deployment(1, 1L, 2, 2, 1)));
        assertEquals(Optional.empty(), WorkloadReadiness.problem("Deployment", "web", deployment(1, 1L, 2, 2, 2)));
    }

    @Test
    void statefulSetWithoutStatusIsNotReady() {
        StatefulSet db = new StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withGeneration(1L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .endSpec()
                .build();
        assertEquals(Optional.of("StatefulSet db: 0/3 ready"), WorkloadReadiness.problem("StatefulSet", "db", db));
        db.setStatus(new StatefulSetStatusBuilder()
                .withObservedGeneration(1L)
                .withReplicas(3)
                .withUpdatedReplicas(3)
                .withReadyReplicas(3)
                .build());
        assertEquals(Optional.empty(), WorkloadReadiness.problem("StatefulSet", "db", db));
    }
}
