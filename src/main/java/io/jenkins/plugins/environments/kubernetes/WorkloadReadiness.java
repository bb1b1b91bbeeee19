package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Optional;

/**
 * Whether a Deployment or StatefulSet has rolled out, the way {@code kubectl rollout status} decides: the controller
 * has observed the current generation, and every desired replica is updated, ready and (for Deployments) available.
 */
final class WorkloadReadiness {

    private WorkloadReadiness() {}

    /** Whether readiness is awaited for objects of this kind. */
    static boolean awaited(HasMetadata object) {
        return object instanceof Deployment || object instanceof StatefulSet;
    }

    /**
     * @param kind the kind, for the message
     * @param name the name, for the message
     * @param current the object as the server has it, or {@code null} if it does not exist
     * @return why the object is not ready, such as {@code Deployment web: 0/2 ready}, or empty if it is ready
     */
    static Optional<String> problem(String kind, String name, HasMetadata current) {
        String prefix = kind + " " + name + ": ";
        if (current == null) {
            return Optional.of(prefix + "not found");
        }
        Long generation = current.getMetadata().getGeneration();
        if (current instanceof Deployment deployment) {
            int desired = replicas(
                    deployment.getSpec() == null ? null : deployment.getSpec().getReplicas());
            DeploymentStatus status = deployment.getStatus();
            if (status == null) {
                return Optional.of(prefix + "0/" + desired + " ready");
            }
            return problem(
                    prefix,
                    generation,
                    status.getObservedGeneration(),
                    desired,
                    count(status.getUpdatedReplicas()),
                    count(status.getReadyReplicas()),
                    count(status.getAvailableReplicas()));
        }
        if (current instanceof StatefulSet statefulSet) {
            int desired = replicas(
                    statefulSet.getSpec() == null ? null : statefulSet.getSpec().getReplicas());
            StatefulSetStatus status = statefulSet.getStatus();
            if (status == null) {
                return Optional.of(prefix + "0/" + desired + " ready");
            }
            int ready = count(status.getReadyReplicas());
            return problem(
                    prefix,
                    generation,
                    status.getObservedGeneration(),
                    desired,
                    count(status.getUpdatedReplicas()),
                    ready,
                    status.getAvailableReplicas() == null ? ready : status.getAvailableReplicas());
        }
        return Optional.empty();
    }

    private static Optional<String> problem(
            String prefix, Long generation, Long observed, int desired, int updated, int ready, int available) {
        if (ready < desired) {
            return Optional.of(prefix + ready + "/" + desired + " ready");
        }
        if (generation != null && (observed == null || observed < generation)) {
            return Optional.of(prefix + "generation " + generation + " not yet observed (observed "
                    + (observed == null ? "none" : observed) + ")");
        }
        if (updated < desired) {
            return Optional.of(prefix + updated + "/" + desired + " updated");
        }
        if (available < desired) {
            return Optional.of(prefix + available + "/" + desired + " available");
        }
        return Optional.empty();
    }

    private static int replicas(Integer specified) {
        return specified == null ? 1 : specified;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
