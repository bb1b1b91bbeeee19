package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Waits, by watching, until an app's ready pods in a namespace run a digest ({@link LiveImages}): what a GitOps
 * promotion waits for after its commit, while the GitOps controller rolls it out. No polling: the namespace is read
 * once, and again only when a watch of its pods reports a change.
 */
public final class DigestRollout {

    private DigestRollout() {}

    /**
     * @param repository the image repository as containers name it, {@code host/repository}
     * @param digest {@code sha256:…}
     * @throws ClusterWaitTimeoutException naming what the namespace runs instead, when the timeout ends first
     */
    public static void await(
            KubernetesClient client, String namespace, String app, String repository, String digest, Duration timeout)
            throws ClusterWaitTimeoutException, InterruptedException {
        PreviewInputs.namespace(namespace);
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore changes = new Semaphore(0);
        try (Watch pods = client.pods().inNamespace(namespace).watch(new Wake<Pod>(changes))) {
            while (true) {
                LiveImages.Reading reading = LiveImages.read(client, namespace, app, repository, digest);
                if (reading.live()) {
                    return;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !changes.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                    throw new ClusterWaitTimeoutException(
                            "Namespace " + namespace + " does not run " + repository + "@" + digest + " for " + app,
                            timeout,
                            List.of(reading.describe()));
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
