package io.jenkins.plugins.environments.testing;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays Kubernetes' Job controller, which the mock does not run: every 20 ms it lists the Jobs of one
 * namespace and writes a terminal status to each new one, {@code Complete} unless told to fail or hang it.
 */
public final class JobController implements AutoCloseable {
    private final KubernetesClient client;
    private final String namespace;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());

    /** @param client closed by {@link #close()} */
    public JobController(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        timer.scheduleWithFixedDelay(this::reconcile, 20, 20, TimeUnit.MILLISECONDS);
    }

    public void fail(String name) {
        failing.add(name);
    }

    public void hang(String name) {
        hanging.add(name);
    }

    public List<String> finished() {
        return finished;
    }

    private void reconcile() {
        try {
            for (Job job :
                    client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
                String name = job.getMetadata().getName();
                if (job.getStatus() != null
                                && job.getStatus().getConditions() != null
                                && !job.getStatus().getConditions().isEmpty()
                        || hanging.contains(name)) {
                    continue;
                }
                boolean fails = failing.contains(name);
                job.setStatus(new JobStatusBuilder()
                        .withConditions(new JobConditionBuilder()
                                .withType(fails ? "Failed" : "Complete")
                                .withStatus("True")
                                .withReason(fails ? "BackoffLimitExceeded" : null)
                                .withMessage(fails ? "Job has reached the specified backoff limit" : null)
                                .build())
                        .build());
                client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
                finished.add(name);
            }
        } catch (RuntimeException e) {
            // the next round tries again (a Job deleted between the list and the update)
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}
