package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import hudson.model.Job;
import hudson.model.Run;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code deployPreview} and then {@code teardownPreview} in real Pipeline jobs, as docs/previews.md shows them: the
 * pipeline writes a small chart into its workspace, the real helm renders it on the built-in node, and the fabric8 mock
 * API server is the cluster, configured in the global configuration with a secret-text credential. The mock runs no
 * controllers, so the test plays the Deployment controller and reports the rollout ready; and it does not cascade a
 * namespace delete, so after the teardown the test asserts that the namespace is gone, not the objects in it.
 */
@WithJenkins
@Tag(LiveJenkinsTag.TAG)
class PreviewStepsLiveTest {

    private static final String DIGEST = "sha256:" + "c3".repeat(32);
    /** By digest: a preview resolves nothing through a registry then. */
    private static final String IMAGE = "registry.example.com/team/shop@" + DIGEST;

    private MockKubernetesApi api;
    private KubernetesCli cli;

    @BeforeEach
    void start() {
        api = MockKubernetesApi.start();
        cli = KubernetesCli.create();
    }

    @AfterEach
    void stop() {
        cli.close();
        api.close();
    }

    @Test
    void aPipelineDeploysAPreviewAndAnotherTearsItDown(JenkinsRule j) throws Exception {
        configurePreviews(api, 0);
        Job<?, ?> deploy = LivePipelines.create("shop-pr-7", deployScript(cli.helm(), "7"));

        Run<?, ?> deployed = LivePipelines.start(j, deploy);
        reportReady(api.client(), "pr-7", "shop", 2);
        j.assertBuildStatusSuccess(j.waitForCompletion(deployed));

        KubernetesClient client = api.client();
        Namespace namespace = client.namespaces().withName("pr-7").get();
        assertNotNull(namespace, "the preview's namespace");
        assertEquals("shop", namespace.getMetadata().getLabels().get("environments.jenkins.io/app"));
        assertEquals("7", namespace.getMetadata().getLabels().get("environments.jenkins.io/pr"));
        Deployment shop =
                client.apps().deployments().inNamespace("pr-7").withName("shop").get();
        assertEquals(2, shop.getSpec().getReplicas(), "set: ['replicaCount=2'] reached helm");
        assertEquals(
                IMAGE,
                shop.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                "the app's container runs the digest");
        assertNotNull(
                client.configMaps()
                        .inNamespace("pr-7")
                        .withName("shop-settings")
                        .get(),
                "the chart's ConfigMap");
        ResourceQuota quota = client.resources(ResourceQuota.class)
                .inNamespace("pr-7")
                .withName("preview-quota")
                .get();
        assertEquals("1", quota.getSpec().getHard().get("cpu").toString(), "quota: [cpu: '1'] reached the quota");
        j.assertLogContains(
                "preview namespace=pr-7 url=https://pr-7.preview.example.com digest=" + DIGEST + " cluster=previews",
                deployed);
        j.assertLogContains("[deployPreview] Preview https://pr-7.preview.example.com runs " + DIGEST, deployed);
        PreviewAction link = deployed.getAction(PreviewAction.class);
        assertNotNull(link, "the build links its preview");
        assertEquals("shop", link.getApp());
        assertEquals("7", link.getPr());
        assertEquals("https://pr-7.preview.example.com", link.getUrl());

        Job<?, ?> teardown = LivePipelines.create("shop-pr-7-closed", """
                def gone = teardownPreview app: 'shop', pr: '7', timeout: '2m'
                echo "teardown namespace=${gone.namespace} removed=${gone.removed}"
                """);
        Run<?, ?> tornDown = j.assertBuildStatusSuccess(j.waitForCompletion(LivePipelines.start(j, teardown)));

        j.assertLogContains("teardown namespace=pr-7 removed=true", tornDown);
        j.assertLogContains("[teardownPreview] Deleted pr-7 on cluster 'previews'", tornDown);
        assertNull(client.namespaces().withName("pr-7").get(), "the namespace is gone");
        List<LedgerEventType> history = EnvironmentLedger.get().events().stream()
                .filter(e -> "shop".equals(e.app()))
                .map(LedgerEvent::type)
                .toList();
        assertEquals(List.of(LedgerEventType.DEPLOYED, LedgerEventType.TORN_DOWN), history);
    }

    /**
     * The global configuration of a preview cluster that is the mock API server, with a secret-text credential (the
     * mock accepts any token). {@code maxConcurrentPreviews} 0 means no cap; a full cluster queues.
     */
    static void configurePreviews(MockKubernetesApi api, int maxConcurrentPreviews) throws Exception {
        LivePipelines.secretText("previews-token", "token-the-mock-never-checks");
        ClusterConfig cluster = new ClusterConfig("previews", api.url(), "previews-token");
        cluster.setMaxConcurrentPreviews(maxConcurrentPreviews);
        PreviewDefaultsConfig previews = new PreviewDefaultsConfig("previews");
        previews.setNamespacePattern("pr-{number}");
        previews.setHostTemplate("pr-{number}.preview.example.com");
        previews.setWhenFull("queue");
        EnvironmentManagementConfiguration config = EnvironmentManagementConfiguration.get();
        config.setClusters(List.of(cluster));
        config.setPreviews(previews);
    }

    /**
     * A pipeline that writes a chart into its workspace and deploys pull request {@code pr} with the final Groovy
     * syntax of docs/previews.md ({@code set} as {@code key=value} entries, {@code quota} as a map).
     */
    static String deployScript(Path helm, String pr) {
        return """
                node {
                    writeFile file: 'chart/Chart.yaml', text: 'apiVersion: v2\\nname: shop\\nversion: 0.1.0\\n'
                    writeFile file: 'chart/values.yaml', text: 'image: registry.example.com/team/shop:latest\\nreplicaCount: 1\\n'
                    writeFile file: 'chart/templates/deployment.yaml', text: '''apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  replicas: {{ .Values.replicaCount }}
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers:
                        - name: web
                          image: {{ .Values.image }}
                '''
                    writeFile file: 'chart/templates/settings.yaml', text: '''apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                data:
                  greeting: hello
                '''
                    def preview = deployPreview app: 'shop', pr: '%s', image: '%s', chart: 'chart',
                            helm: '%s', set: ['replicaCount=2'], quota: [cpu: '1'], timeout: '2m'
                    echo "preview namespace=${preview.namespace} url=${preview.url} digest=${preview.digest} cluster=${preview.cluster}"
                }
                """.formatted(pr, IMAGE, helm);
    }

    /**
     * Plays the Deployment controller the mock lacks: once the preview's Deployment exists, reports all its replicas
     * updated, ready and available, for the generation the plugin applied.
     */
    static void reportReady(KubernetesClient client, String namespace, String name, int replicas) {
        RollableScalableResource<Deployment> resource =
                client.apps().deployments().inNamespace(namespace).withName(name);
        resource.waitUntilCondition(Objects::nonNull, 3, TimeUnit.MINUTES);
        Deployment current = resource.get();
        current.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(current.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .build());
        resource.updateStatus(current);
    }
}
