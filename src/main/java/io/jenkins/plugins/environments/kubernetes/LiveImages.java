package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.model.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What an app really runs in a namespace: not what its workloads' specs ask for, but what their ready pods report.
 *
 * <p>The app's workloads are the Deployments, StatefulSets and DaemonSets of the namespace that carry the app's name
 * under one of the labels {@value PreviewLabels#APP}, {@code app.kubernetes.io/instance}, {@code app.kubernetes.io/name}
 * or {@code app}; another app's workloads in a shared namespace do not count. Their pods are those their selectors
 * choose. A pod counts when it is running, its {@code Ready} condition is true and it is not being deleted; of its
 * containers (init containers never count) those whose image is in the wanted repository are compared by the image ID
 * the kubelet reports ({@code …@sha256:…}), which is what was pulled, whatever tag the spec names.
 *
 * <p>Four LISTs, whatever the namespace holds: Deployments, StatefulSets, DaemonSets, Pods.
 */
public final class LiveImages {

    /** The labels that name an app on a workload, most specific first. */
    public static final List<String> APP_LABELS =
            List.of(PreviewLabels.APP, "app.kubernetes.io/instance", "app.kubernetes.io/name", "app");

    /**
     * What was found.
     *
     * @param workloads the app's workloads, as {@code Kind/name}
     * @param desired replicas their specs ask for (DaemonSets count their scheduled pods)
     * @param running ready pods whose containers of the repository all report the digest
     * @param others ready pods with a container of the repository that reports another image, by image ID
     */
    public record Reading(List<String> workloads, int desired, int running, List<String> others) {

        /** @return whether the digest is live: at least one ready pod runs it and no ready pod runs another */
        public boolean live() {
            return running > 0 && others.isEmpty();
        }

        /** @return for a message, such as {@code 2 of 3 ready replica(s) of Deployment/shop run it} */
        public String describe() {
            if (workloads.isEmpty()) {
                return "no Deployment, StatefulSet or DaemonSet of the app there";
            }
            String of = running + " of " + desired + " desired replica(s) of " + String.join(", ", workloads)
                    + " are ready and run it";
            return others.isEmpty() ? of : of + "; ready pods run " + String.join(", ", new TreeSet<>(others));
        }
    }

    private LiveImages() {}

    /**
     * @param repository the image repository as containers name it, such as {@code registry.example.com/team/shop}
     * @param digest {@code sha256:…}
     */
    public static Reading read(
            KubernetesClient client, String namespace, String app, String repository, String digest) {
        PreviewInputs.namespace(namespace);
        Objects.requireNonNull(app, "app");
        List<String> workloads = new ArrayList<>();
        List<LabelSelector> selectors = new ArrayList<>();
        int desired = 0;
        for (var deployment :
                client.apps().deployments().inNamespace(namespace).list().getItems()) {
            if (ofApp(deployment, app) && deployment.getSpec() != null) {
                workloads.add("Deployment/" + deployment.getMetadata().getName());
                selectors.add(deployment.getSpec().getSelector());
                desired += replicas(deployment.getSpec().getReplicas());
            }
        }
        for (var statefulSet :
                client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
            if (ofApp(statefulSet, app) && statefulSet.getSpec() != null) {
                workloads.add("StatefulSet/" + statefulSet.getMetadata().getName());
                selectors.add(statefulSet.getSpec().getSelector());
                desired += replicas(statefulSet.getSpec().getReplicas());
            }
        }
        for (var daemonSet :
                client.apps().daemonSets().inNamespace(namespace).list().getItems()) {
            if (ofApp(daemonSet, app) && daemonSet.getSpec() != null) {
                workloads.add("DaemonSet/" + daemonSet.getMetadata().getName());
                selectors.add(daemonSet.getSpec().getSelector());
                desired +=
                        daemonSet.getStatus() == null || daemonSet.getStatus().getDesiredNumberScheduled() == null
                                ? 0
                                : daemonSet.getStatus().getDesiredNumberScheduled();
            }
        }
        int running = 0;
        List<String> others = new ArrayList<>();
        if (!workloads.isEmpty()) {
            for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
                if (!ready(pod) || selectors.stream().noneMatch(s -> selects(s, labels(pod)))) {
                    continue;
                }
                List<String> ids = imageIds(pod, repository);
                if (ids.isEmpty()) {
                    continue;
                }
                List<String> foreign =
                        ids.stream().filter(id -> !id.endsWith("@" + digest)).toList();
                if (foreign.isEmpty()) {
                    running++;
                } else {
                    others.addAll(foreign);
                }
            }
        }
        return new Reading(List.copyOf(workloads), desired, running, List.copyOf(others));
    }

    private static boolean ofApp(HasMetadata workload, String app) {
        Map<String, String> labels = workload.getMetadata().getLabels();
        return labels != null && APP_LABELS.stream().anyMatch(label -> app.equals(labels.get(label)));
    }

    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static Map<String, String> labels(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** Running, Ready and not being deleted. */
    static boolean ready(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null
                || pod.getStatus() == null
                || !"Running".equals(pod.getStatus().getPhase())
                || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    /**
     * A selector chooses a pod when every {@code matchLabels} entry and every {@code matchExpressions} requirement
     * holds. An empty or missing selector chooses nothing (the API server refuses such workloads anyway).
     */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> match = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        if (match.isEmpty() && expressions.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> entry : match.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : expressions) {
            String value = labels.get(requirement.getKey());
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            boolean holds =
                    switch (String.valueOf(requirement.getOperator())) {
                        case "In" -> value != null && values.contains(value);
                        case "NotIn" -> value == null || !values.contains(value);
                        case "Exists" -> value != null;
                        case "DoesNotExist" -> value == null;
                        default -> false;
                    };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the image IDs the pod's (not init) containers of the repository report; a container of the repository
     *     that reports no image ID yet counts as {@code (not pulled)}
     */
    private static List<String> imageIds(Pod pod, String repository) {
        List<String> ids = new ArrayList<>();
        List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null
                ? List.of()
                : pod.getSpec().getContainers();
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses() == null
                ? List.of()
                : pod.getStatus().getContainerStatuses();
        for (Container container : containers) {
            if (!inRepository(container.getImage(), repository)) {
                continue;
            }
            ContainerStatus status = statuses.stream()
                    .filter(s -> container.getName().equals(s.getName()))
                    .findFirst()
                    .orElse(null);
            String id = status == null ? null : status.getImageID();
            ids.add(id == null || id.isBlank() ? "(not pulled)" : id);
        }
        return ids;
    }

    /** @return whether the image is in the repository, both read as Docker normalises names */
    static boolean inRepository(String image, String repository) {
        String name = ImageReference.normalizedName(image);
        return name != null && name.equals(ImageReference.normalizedName(repository));
    }
}
