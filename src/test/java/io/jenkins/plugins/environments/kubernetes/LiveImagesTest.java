package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.testing.KubeletPods;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, class 5: "live" is what ready pods of the app's own workloads report, not what specs ask for. The mock API
 * runs no controllers: each test writes the pods and their status as the kubelet would, and says what it plays.
 */
class LiveImagesTest {

    private static final String NS = "shop-staging";
    private static final String REPO = "registry.example.com/team/shop";
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String OLD = "sha256:" + "b".repeat(64);

    private MockKubernetesApi api;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        api = MockKubernetesApi.start();
        client = api.client();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void rule_readyPodsReportingTheDigestAreLive() {
        deployment("shop", "shop", 2, REPO + "@" + DIGEST);
        pod("shop-1", "shop", REPO + "@" + DIGEST, true, DIGEST);
        pod("shop-2", "shop", REPO + "@" + DIGEST, true, DIGEST);

        LiveImages.Reading reading = read();

        assertTrue(reading.live());
        assertEquals("2 of 2 desired replica(s) of Deployment/shop are ready and run it", reading.describe());
    }

    @Test
    void rule_aDeploymentScaledToZeroIsNotLive() {
        deployment("shop", "shop", 0, REPO + "@" + DIGEST);

        LiveImages.Reading reading = read();

        assertFalse(reading.live());
        assertEquals("0 of 0 desired replica(s) of Deployment/shop are ready and run it", reading.describe());
    }

    @Test
    void rule_zeroOfThreeReadyIsNotLive() {
        deployment("shop", "shop", 3, REPO + "@" + DIGEST);
        pod("shop-1", "shop", REPO + "@" + DIGEST, false, DIGEST);
        pod("shop-2", "shop", REPO + "@" + DIGEST, false, DIGEST);
        pod("shop-3", "shop", REPO + "@" + DIGEST, false, null);

        LiveImages.Reading reading = read();

        assertFalse(reading.live());
        assertEquals("0 of 3 desired replica(s) of Deployment/shop are ready and run it", reading.describe());
    }

    @Test
    void rule_theSpecNamesTheDigestButThePodsRunAnotherImage() {
        deployment("shop", "shop", 1, REPO + "@" + DIGEST);
        // A pod of the old ReplicaSet is still the one that is ready: the rollout has not happened.
        pod("shop-old", "shop", REPO + ":1.0", true, OLD);

        LiveImages.Reading reading = read();

        assertFalse(reading.live());
        assertEquals(
                "0 of 1 desired replica(s) of Deployment/shop are ready and run it; ready pods run docker-pullable://"
                        + REPO + "@" + OLD,
                reading.describe());
    }

    @Test
    void rule_aTagIsLiveWhenTheKubeletPulledTheDigest() {
        deployment("shop", "shop", 1, REPO + ":2.0");
        pod("shop-1", "shop", REPO + ":2.0", true, DIGEST);

        assertTrue(read().live());
    }

    @Test
    void rule_initContainersDoNotCount() {
        deployment("shop", "shop", 1, "busybox");
        Pod pod = KubeletPods.ready("shop-1", "shop", "busybox", "docker-pullable://busybox@" + OLD);
        pod.getSpec()
                .setInitContainers(List.of(new io.fabric8.kubernetes.api.model.ContainerBuilder()
                        .withName("migrate")
                        .withImage(REPO + "@" + DIGEST)
                        .build()));
        client.pods().inNamespace(NS).resource(pod).create();

        LiveImages.Reading reading = read();

        assertFalse(reading.live(), reading::describe);
        assertEquals("0 of 1 desired replica(s) of Deployment/shop are ready and run it", reading.describe());
    }

    @Test
    void rule_anotherAppsWorkloadInASharedNamespaceDoesNotCount() {
        deployment("billing", "billing", 1, REPO + "@" + DIGEST);
        pod("billing-1", "billing", REPO + "@" + DIGEST, true, DIGEST);

        LiveImages.Reading reading = read();

        assertFalse(reading.live());
        assertEquals("no Deployment, StatefulSet or DaemonSet of the app there", reading.describe());
    }

    @Test
    void rule_aPodOfAnotherAppWithTheSameImageDoesNotCount() {
        deployment("shop", "shop", 1, REPO + "@" + DIGEST);
        pod("billing-1", "billing", REPO + "@" + DIGEST, true, DIGEST);

        assertFalse(read().live());
    }

    @Test
    void rule_aMixedRolloutIsNotLive() {
        deployment("shop", "shop", 2, REPO + "@" + DIGEST);
        pod("shop-1", "shop", REPO + "@" + DIGEST, true, DIGEST);
        pod("shop-2", "shop", REPO + ":1.0", true, OLD);

        LiveImages.Reading reading = read();

        assertFalse(reading.live());
        assertEquals(
                "1 of 2 desired replica(s) of Deployment/shop are ready and run it; ready pods run docker-pullable://"
                        + REPO + "@" + OLD,
                reading.describe());
    }

    @Test
    void rule_onlyRunningReadyPodsThatAreNotBeingDeletedCount() {
        // The mock API drops deletionTimestamp on create, so this rule is checked on the pod value itself.
        Pod pod = KubeletPods.ready("shop-1", "shop", REPO + "@" + DIGEST, "docker-pullable://" + REPO + "@" + DIGEST);
        assertTrue(LiveImages.ready(pod));
        pod.getMetadata().setDeletionTimestamp("2026-12-07T12:00:00Z");
        assertFalse(LiveImages.ready(pod));
        Pod pending = KubeletPods.ready("shop-2", "shop", REPO + "@" + DIGEST, null);
        pending.getStatus().setPhase("Pending");
        assertFalse(LiveImages.ready(pending));
        Pod noConditions = KubeletPods.ready("shop-3", "shop", REPO + "@" + DIGEST, null);
        noConditions.getStatus().setConditions(null);
        assertFalse(LiveImages.ready(noConditions));

        deployment("shop", "shop", 1, REPO + "@" + DIGEST);
        client.pods().inNamespace(NS).resource(pending).create();
        assertFalse(read().live(), "a pending pod of the app does not make the digest live");
    }

    @Test
    void rule_daemonSetsCountWithTheirScheduledPods() {
        client.apps()
                .daemonSets()
                .inNamespace(NS)
                .resource(new DaemonSetBuilder()
                        .withNewMetadata()
                        .withName("agent")
                        .addToLabels("app.kubernetes.io/instance", "shop")
                        .endMetadata()
                        .withNewSpec()
                        .withNewSelector()
                        .addToMatchLabels("app.kubernetes.io/name", "shop")
                        .endSelector()
                        .endSpec()
                        .withNewStatus()
                        .withDesiredNumberScheduled(1)
                        .endStatus()
                        .build())
                .create();
        pod("agent-x", "shop", REPO + "@" + DIGEST, true, DIGEST);

        LiveImages.Reading reading = read();

        assertTrue(reading.live(), reading::describe);
        assertEquals("1 of 1 desired replica(s) of DaemonSet/agent are ready and run it", reading.describe());
    }

    @Test
    void theReadingCostsFourListsWhateverTheNamespaceHolds() {
        for (int i = 0; i < 5; i++) {
            deployment("shop-" + i, "shop", 1, REPO + "@" + DIGEST);
            pod("shop-" + i + "-pod", "shop", REPO + "@" + DIGEST, true, DIGEST);
        }
        api.clearRequests();

        assertTrue(read().live());

        assertEquals(4, api.requests("GET").size(), () -> api.requests().toString());
        assertEquals(api.requests().size(), api.requests("GET").size(), "reads only");
    }

    @Test
    void selectorsWithExpressionsChooseAsTheApiServerDoes() {
        var selector = new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("In")
                .withValues("web", "api")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("canary")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .build();
        assertTrue(LiveImages.selects(selector, java.util.Map.of("tier", "web")));
        assertFalse(LiveImages.selects(selector, java.util.Map.of("tier", "db")));
        assertFalse(LiveImages.selects(selector, java.util.Map.of("tier", "web", "canary", "1")));
        assertFalse(
                LiveImages.selects(new io.fabric8.kubernetes.api.model.LabelSelector(), java.util.Map.of("a", "b")));
        assertTrue(LiveImages.inRepository(REPO + "@" + DIGEST, REPO));
        assertTrue(LiveImages.inRepository(REPO + ":1", REPO));
        assertFalse(LiveImages.inRepository(REPO + "-fork:1", REPO));
    }

    private LiveImages.Reading read() {
        return LiveImages.read(client, NS, "shop", REPO, DIGEST);
    }

    private void deployment(String name, String app, int replicas, String image) {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app.kubernetes.io/name", app)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", app)
                .endSelector()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.apps().deployments().inNamespace(NS).resource(deployment).create();
    }

    /** Plays the kubelet: a pod of the app with its status; {@code pulled} is the digest it reports, if any. */
    private void pod(String name, String app, String image, boolean ready, String pulled) {
        Pod pod =
                KubeletPods.ready(name, app, image, pulled == null ? null : "docker-pullable://" + REPO + "@" + pulled);
        if (!ready) {
            pod.getStatus().getConditions().get(0).setStatus("False");
        }
        client.pods().inNamespace(NS).resource(pod).create();
    }
}
