package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Waits, by watching, until a namespace's Deployments or StatefulSets name an image: what a GitOps promotion waits
 * for after its commit, while the GitOps controller rolls it out. No polling: the workloads are listed once, and again
 * only when a watch reports a change.
 */
public final class DigestRollout {

    private DigestRollout() {}

    /**
     * @param image {@code host/repository@sha256:…}, as the containers name it
     * @throws ClusterWaitTimeoutException naming what the namespace runs instead, when the timeout ends first
     */
    public static void await(KubernetesClient client, String namespace, String image, Duration timeout)
            throws ClusterWaitTimeoutException, InterruptedException {
        PreviewInputs.namespace(namespace);
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore changes = new Semaphore(0);
        try (Watch deployments =
                        client.apps().deployments().inNamespace(namespace).watch(new Wake<Deployment>(changes));
                Watch statefulSets =
                        client.apps().statefulSets().inNamespace(namespace).watch(new Wake<StatefulSet>(changes))) {
            while (true) {
                List<String> running = RunningImages.of(client, namespace);
                if (running.contains(image)) {
                    return;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !changes.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                    throw new ClusterWaitTimeoutException(
                            "Namespace " + namespace + " does not run " + image,
                            timeout,
                            running.isEmpty() ? List.of("no Deployment or StatefulSet there") : running);
                }
                changes.drainPermits();
            }
        }
    }

    /** Releases a permit on every event, and when the watch closes (so the next check happens at once). */
    private record Wake<T>(Semaphore changes) implements Watcher<T> {
        @Override
        public void eventReceived(Action action, T resource) {
            changes.release();
        }

        @Override
        public void onClose(WatcherException cause) {
            changes.release();
        }
    }
}
