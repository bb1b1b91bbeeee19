package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.environments.model.Deadline;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the hooks of one phase ({@link ReleasePhases#before}, {@link ReleasePhases#after}) in their order, as Helm
 * does: for each hook, the previous one of that name is deleted first if its policy says {@code before-hook-creation}
 * (and awaited until gone), then the hook is created (a POST, not an apply: a hook is a new run, not a desired state)
 * with the owner's labels, and a Job is awaited until it completes or fails, a Pod until it succeeds or fails; other
 * kinds are done once created. A hook that succeeded is deleted if its policy says {@code hook-succeeded}; one that
 * failed is deleted if it says {@code hook-failed}, and stops the deploy: the next hooks do not run, and for a hook
 * before the release nothing of the release is applied.
 *
 * <p>Hooks carry the owner's labels (so that the ownership checks of the next deploy accept them) but no deploy id and
 * are never in the inventory: pruning does not see them, as Helm does not manage hooks with the release.
 */
public final class ReleaseHooks {

    /** How much of a failed hook's reason and message a failure message shows. */
    private static final int MAX_REASON = 500;

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> labels;

    private ReleaseHooks(KubernetesClient client, String namespace, Map<String, String> labels) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = PreviewInputs.namespace(namespace);
        this.labels = Map.copyOf(labels);
    }

    /** Hooks of a preview, labelled as its objects are. */
    public static ReleaseHooks forPreview(
            KubernetesClient client, PreviewNamespaces namespaces, PreviewNamespaceSpec spec) {
        return new ReleaseHooks(client, spec.namespace(), PreviewLabels.of(namespaces.owner(spec)));
    }

    /** Hooks of an app in an environment's namespace, labelled as {@link EnvironmentNamespaces} labels its objects. */
    public static ReleaseHooks forEnvironment(
            KubernetesClient client, String namespace, String app, String environment) {
        return new ReleaseHooks(client, namespace, EnvironmentNamespaces.labels(app, environment));
    }

    /**
     * Runs hooks in the given order.
     *
     * @param before whether these hooks run before the release's objects (for the failure message)
     * @param deadline by when all of them together must be done (the step's timeout)
     * @return what ran, for example {@code Job db-migrate (pre-install, weight -5): succeeded}
     * @throws IllegalStateException naming the hook that failed and why
     * @throws ClusterWaitTimeoutException naming the hook that did not finish in time
     */
    public List<String> run(List<ReleasePhases.Hook> hooks, boolean before, Deadline deadline, Consumer<String> log)
            throws ClusterWaitTimeoutException, InterruptedException {
        List<String> ran = new ArrayList<>();
        for (ReleasePhases.Hook hook : hooks) {
            HasMetadata object = labelled(hook.object());
            Resource<HasMetadata> resource = client.resource(object).inNamespace(namespace);
            if (hook.deletePolicies().contains(ReleasePhases.DeletePolicy.BEFORE_HOOK_CREATION)) {
                deleteAndAwait(hook, resource, deadline);
            }
            log.accept("Running hook " + hook.describe());
            try {
                resource.create();
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                    throw new IllegalStateException(
                            "Hook " + hook.describe() + " already exists in namespace "
                                    + namespace + " and its delete policy is not before-hook-creation; delete it or add"
                                    + " that policy",
                            e);
                }
                throw e;
            }
            Optional<String> failure = await(hook, resource, deadline);
            if (failure.isPresent()) {
                if (hook.deletePolicies().contains(ReleasePhases.DeletePolicy.HOOK_FAILED)) {
                    delete(resource);
                }
                throw new IllegalStateException("Hook " + hook.describe() + " failed in namespace " + namespace
                        + ": " + failure.get()
                        + (before
                                ? "; the deploy stopped before applying the release's objects"
                                : "; the release's objects were applied, the hooks after it did not all run"));
            }
            if (hook.deletePolicies().contains(ReleasePhases.DeletePolicy.HOOK_SUCCEEDED)) {
                delete(resource);
            }
            ran.add(hook.describe() + ": succeeded");
        }
        return ran;
    }

    private HasMetadata labelled(HasMetadata hook) {
        HasMetadata copy = client.getKubernetesSerialization().clone(hook);
        Map<String, String> merged = new LinkedHashMap<>();
        if (copy.getMetadata().getLabels() != null) {
            merged.putAll(copy.getMetadata().getLabels());
        }
        merged.putAll(labels);
        copy.getMetadata().setLabels(merged);
        copy.getMetadata().setNamespace(namespace);
        return copy;
    }

    private static boolean delete(Resource<HasMetadata> resource) {
        return !resource.withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete()
                .isEmpty();
    }

    private static void deleteAndAwait(ReleasePhases.Hook hook, Resource<HasMetadata> resource, Deadline deadline)
            throws ClusterWaitTimeoutException, InterruptedException {
        if (!delete(resource)) {
            return;
        }
        try {
            resource.waitUntilCondition(Objects::isNull, deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new ClusterWaitTimeoutException(
                    "Hook of the previous deploy not deleted",
                    deadline.total(),
                    List.of(hook.describe() + ": still there"));
        }
        interrupted(hook);
    }

    /** @return why the hook failed, or empty once it succeeded */
    private static Optional<String> await(ReleasePhases.Hook hook, Resource<HasMetadata> resource, Deadline deadline)
            throws ClusterWaitTimeoutException, InterruptedException {
        if (!(hook.object() instanceof Job) && !(hook.object() instanceof Pod)) {
            return Optional.empty();
        }
        HasMetadata finished;
        try {
            finished = resource.waitUntilCondition(
                    current -> current == null || outcome(current).isPresent(),
                    deadline.remaining().toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new ClusterWaitTimeoutException(
                    "Hook not finished", deadline.total(), List.of(hook.describe() + ": still running"));
        }
        interrupted(hook);
        if (finished == null) {
            return Optional.of("it was deleted before it finished");
        }
        String outcome = outcome(finished).orElseThrow();
        return outcome.isEmpty() ? Optional.empty() : Optional.of(outcome);
    }

    /** @return empty while running; {@code ""} once succeeded; why, once failed */
    static Optional<String> outcome(HasMetadata current) {
        if (current instanceof Job job) {
            if (job.getStatus() == null || job.getStatus().getConditions() == null) {
                return Optional.empty();
            }
            for (JobCondition c : job.getStatus().getConditions()) {
                if (!"True".equals(c.getStatus())) {
                    continue;
                }
                if ("Complete".equals(c.getType())) {
                    return Optional.of("");
                }
                if ("Failed".equals(c.getType())) {
                    return Optional.of(describe(c.getReason(), c.getMessage()));
                }
            }
            return Optional.empty();
        }
        if (current instanceof Pod pod && pod.getStatus() != null) {
            if ("Succeeded".equals(pod.getStatus().getPhase())) {
                return Optional.of("");
            }
            if ("Failed".equals(pod.getStatus().getPhase())) {
                return Optional.of(
                        describe(pod.getStatus().getReason(), pod.getStatus().getMessage()));
            }
        }
        return Optional.empty();
    }

    private static String describe(String reason, String message) {
        // Text from the cluster: one line, bounded.
        String text = (reason == null ? "Failed" : reason) + (message == null ? "" : ": " + message);
        text = text.replaceAll("\\p{Cntrl}", " ");
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }

    private static void interrupted(ReleasePhases.Hook hook) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("Interrupted while running hook " + hook.describe());
        }
    }
}
