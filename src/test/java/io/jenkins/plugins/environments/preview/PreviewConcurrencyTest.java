package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule: two deploys of one preview never interleave (lock per cluster and namespace). Rule: a cluster never runs more
 * previews than its {@code maxConcurrentPreviews}; beyond it a deploy fails naming the live previews, or queues.
 * Manifest folders are used (no helm process) and images are given by digest (no registry), so only the cluster
 * (the fabric8 mock API) is involved.
 */
class PreviewConcurrencyTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    private MockKubernetesApi api;
    private KubernetesClient client;
    private PreviewFixture fixture;
    private final ExecutorService pool = Executors.newFixedThreadPool(32);
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        api = MockKubernetesApi.start();
        client = api.client();
        fixture = new PreviewFixture(dir, api, "registry.example.com");
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        api.close();
    }

    private PreviewRequest request(int pr) {
        return PreviewRequest.builder("shop")
                .image(fixture.image(DIGEST))
                .manifests("manifests")
                .pr(String.valueOf(pr))
                .waitForReady(false)
                .build();
    }

    private Future<PreviewResult> deployAsync(PreviewDeployer deployer, int pr, CountDownLatch go) {
        return pool.submit(() -> {
            go.await();
            return deployer.deploy(request(pr), fixture.tools(), log::add);
        });
    }

    @Test
    void twentyConcurrentDeploysOfOnePullRequestEndInOneConsistentNamespace() throws Exception {
        PreviewDeployer deployer = fixture.deployer(fixture.configuration(0, WhenFull.QUEUE));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PreviewResult>> deploys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deploys.add(deployAsync(deployer, 1842, go));
        }
        go.countDown();
        for (Future<PreviewResult> deploy : deploys) {
            assertEquals("pr-1842", deploy.get(60, TimeUnit.SECONDS).namespace());
        }

        assertEquals(
                List.of("pr-1842"),
                client.namespaces().list().getItems().stream()
                        .map(n -> n.getMetadata().getName())
                        .toList());
        List<HasMetadata> objects = Stream.<HasMetadata>concat(
                        client.apps().deployments().inNamespace("pr-1842").list().getItems().stream(),
                        client.services().inNamespace("pr-1842").list().getItems().stream())
                .toList();
        assertEquals(2, objects.size(), "one Deployment and one Service, nothing duplicated or left over");
        Set<String> deployIds = new HashSet<>();
        objects.forEach(o -> deployIds.add(o.getMetadata().getLabels().get("environments.jenkins.io/deploy-id")));
        assertEquals(1, deployIds.size(), "every object from the same, last deploy: " + deployIds);
        assertEquals(
                deployIds.iterator().next(),
                fixture.ledger.events().get(19).details().get("deploy-id"),
                "the last deploy recorded is the one the objects carry");
        assertEquals(20, fixture.ledger.events().size());
    }

    @Test
    void thirtyPullRequestsAgainstACapOfTenWithFailGiveTenPreviewsAndTwentyClearFailures() throws Exception {
        PreviewDeployer deployer = fixture.deployer(fixture.configuration(10, WhenFull.FAIL));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PreviewResult>> deploys = new ArrayList<>();
        for (int pr = 1; pr <= 30; pr++) {
            deploys.add(deployAsync(deployer, pr, go));
        }
        go.countDown();

        int succeeded = 0;
        List<String> failures = new ArrayList<>();
        for (Future<PreviewResult> deploy : deploys) {
            try {
                deploy.get(60, TimeUnit.SECONDS);
                succeeded++;
            } catch (ExecutionException e) {
                failures.add(
                        assertInstanceOf(PreviewException.class, e.getCause()).getMessage());
            }
        }

        assertEquals(10, succeeded);
        assertEquals(20, failures.size());
        assertEquals(10, client.namespaces().list().getItems().size());
        for (String failure : failures) {
            assertTrue(
                    failure.matches("Cluster 'previews' already runs its maximum of 10 previews \\(10 of 10 in use: "
                            + "(pr-[0-9]+, ){9}pr-[0-9]+\\); pr-[0-9]+ was not created\\. Tear a preview down, or set"
                            + " whenFull to queue"),
                    failure);
        }
    }

    @Test
    void thirtyPullRequestsAgainstACapOfTenWithQueueWaitVisiblyAndProceedWhenSlotsFree() throws Exception {
        PreviewDeployer deployer = fixture.deployer(fixture.configuration(10, WhenFull.QUEUE));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PreviewResult>> deploys = new ArrayList<>();
        for (int pr = 1; pr <= 30; pr++) {
            deploys.add(deployAsync(deployer, pr, go));
        }
        go.countDown();

        List<PreviewResult> live = awaitDone(deploys, 10);
        assertEquals(10, client.namespaces().list().getItems().size());
        awaitCondition(() -> log.stream()
                        .filter(l -> l.startsWith("Waiting for a preview slot"))
                        .count()
                == 20);
        assertTrue(log.stream()
                .filter(l -> l.startsWith("Waiting for a preview slot"))
                .allMatch(l -> l.matches("Waiting for a preview slot on cluster 'previews' \\(10 of 10 in use: .*\\);"
                        + " abort the build to stop waiting")));

        // Five previews end; five queued deploys take their places.
        for (PreviewResult done : live.subList(0, 5)) {
            String pr = done.namespace().substring("pr-".length());
            deployer.teardown(
                    PreviewPlanner.target(fixture.configuration(10, WhenFull.QUEUE), "shop", pr, null, null),
                    Duration.ofSeconds(10),
                    "manual",
                    "alice",
                    null,
                    log::add);
        }
        awaitDone(deploys, 15);
        assertEquals(10, client.namespaces().list().getItems().size());

        // Aborting the builds that still wait ends them without creating anything.
        for (Future<PreviewResult> deploy : deploys) {
            deploy.cancel(true);
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(10, client.namespaces().list().getItems().size());
    }

    private static List<PreviewResult> awaitDone(List<Future<PreviewResult>> deploys, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<PreviewResult> done = new ArrayList<>();
            for (Future<PreviewResult> deploy : deploys) {
                if (deploy.isDone() && !deploy.isCancelled()) {
                    done.add(deploy.get());
                }
            }
            if (done.size() >= count) {
                assertEquals(count, done.size(), "no more than the cap got through");
                return done;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + done.size() + " of " + count + " deploys finished");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(20);
        }
    }
}
