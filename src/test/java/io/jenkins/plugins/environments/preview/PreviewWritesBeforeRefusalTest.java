package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.kubernetes.PreviewLabels;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.MockKubernetesApi.RecordedCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule: everything that can be checked is checked before the first write. A render that holds an object the preview
 * may not have (cluster-scoped, for another namespace, named by the server, twice) is refused before the cluster is
 * contacted at all: no namespace, quota or limit range is left behind to count against the cap. What only the cluster
 * can tell (an object of the same name that belongs to another app, another pull request, another Jenkins, or to no
 * deploy of the plugin; a full cluster) is read first and refused with reads only. Each case asserts the exact message,
 * the request log of the mock cluster and the ledger.
 */
class PreviewWritesBeforeRefusalTest {

    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private static final String OTHER_INSTANCE = "99999999999999999999999999999999";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @TempDir
    Path dir;

    private MockKubernetesApi api;
    private KubernetesClient client;
    private PreviewFixture fixture;
    private PreviewDeployer deployer;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = MockKubernetesApi.start();
        client = api.client();
        fixture = new PreviewFixture(dir, api, "127.0.0.1:5000");
        deployer = fixture.deployer(fixture.configuration(0, WhenFull.QUEUE));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String app() {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers:
                        - name: web
                          image: 127.0.0.1:5000/team/shop:latest
                """;
    }

    /** A manifest folder with the app's Deployment (document 1) and {@code extra} (document 2 and on). */
    private String folder(String name, String extra) throws Exception {
        fixture.write(name + "/a-app.yaml", app());
        fixture.write(name + "/b-extra.yaml", extra);
        return name;
    }

    private PreviewRequest.Builder shop(String pr, String manifests) {
        return PreviewRequest.builder("shop")
                .image(fixture.image(DIGEST))
                .manifests(manifests)
                .pr(pr)
                .job("shop/PR-" + pr)
                .waitForReady(false);
    }

    private static final String CLUSTER_SCOPED =
            " is cluster-scoped; only namespaced objects can be deployed into" + " namespace pr-42";

    /** Objects that no preview may hold, as rendered YAML, and the refusal. */
    static Stream<Arguments> refusedObjects() {
        return Stream.of(
                Arguments.of(
                        Named.of(
                                "ClusterRole",
                                "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                                        + "metadata: {name: reader}\nrules: []\n"),
                        "Document 2: ClusterRole reader" + CLUSTER_SCOPED),
                Arguments.of(
                        Named.of(
                                "ClusterRoleBinding",
                                "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
                                        + "metadata: {name: root}\nroleRef: {apiGroup: rbac.authorization.k8s.io,"
                                        + " kind: ClusterRole, name: cluster-admin}\n"),
                        "Document 2: ClusterRoleBinding root" + CLUSTER_SCOPED),
                Arguments.of(
                        Named.of("Namespace", "apiVersion: v1\nkind: Namespace\nmetadata: {name: sneaky}\n"),
                        "Document 2: Namespace sneaky" + CLUSTER_SCOPED),
                // A CustomResourceDefinition is no longer refused here: it is checked by a read (PreviewHooksTest).
                Arguments.of(
                        Named.of(
                                "PersistentVolume",
                                "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: data}\n"
                                        + "spec: {hostPath: {path: /etc}}\n"),
                        "Document 2: PersistentVolume data" + CLUSTER_SCOPED),
                Arguments.of(
                        Named.of(
                                "StorageClass",
                                "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\n"
                                        + "provisioner: example.com/fast\n"),
                        "Document 2: StorageClass fast" + CLUSTER_SCOPED),
                Arguments.of(
                        Named.of(
                                "ValidatingWebhookConfiguration",
                                "apiVersion: admissionregistration.k8s.io/v1\n"
                                        + "kind: ValidatingWebhookConfiguration\nmetadata: {name: gate}\n"),
                        "Document 2: ValidatingWebhookConfiguration gate" + CLUSTER_SCOPED),
                Arguments.of(
                        Named.of(
                                "PriorityClass",
                                "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: top}\n"
                                        + "value: 1000000\n"),
                        "Document 2: PriorityClass top" + CLUSTER_SCOPED),
                Arguments.of(
                        Named.of(
                                "ConfigMap for kube-system",
                                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: kube-system}\n"),
                        "Document 2: ConfigMap x names namespace 'kube-system', not pr-42"),
                Arguments.of(
                        Named.of(
                                "Service for default",
                                "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\n"),
                        "Document 2: Service web names namespace 'default', not pr-42"),
                Arguments.of(
                        Named.of(
                                "Secret for another preview",
                                "apiVersion: v1\nkind: Secret\nmetadata: {name: key, namespace: pr-1}\n"),
                        "Document 2: Secret key names namespace 'pr-1', not pr-42"),
                Arguments.of(
                        Named.of(
                                "generateName without a name",
                                "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: migrate-}\n"),
                        "Document 2: Job uses generateName 'migrate-'; give it a fixed name: an object named by the"
                                + " server is created anew on every deploy and never pruned"),
                Arguments.of(
                        Named.of(
                                "generateName beside a name",
                                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: seed, generateName: seed-}\n"),
                        "Document 2: ConfigMap seed uses generateName 'seed-'; give it a fixed name: an object named"
                                + " by the server is created anew on every deploy and never pruned"),
                Arguments.of(
                        Named.of(
                                "the same object twice",
                                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
                                        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"),
                        "Document 3: ConfigMap a appears twice"),
                Arguments.of(
                        Named.of(
                                "a refused object after good ones",
                                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
                                        + "apiVersion: v1\nkind: Service\nmetadata: {name: b}\n---\n"
                                        + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                                        + "metadata: {name: late}\n"),
                        "Document 4: ClusterRole late" + CLUSTER_SCOPED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedObjects")
    void aRefusedObjectStopsTheDeployBeforeAnyRequestToTheCluster(String extra, String message) throws Exception {
        String manifests = folder("bad", extra);

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(shop("42", manifests).build(), fixture.tools(), log::add));

        assertEquals(message, e.getMessage());
        // Not a read, not a write: the namespace, its quota and its limit range were never applied.
        assertEquals(List.of(), api.requests());
        assertNull(client.namespaces().withName("pr-42").get());
        assertEquals(List.of(), fixture.ledger.events());
    }

    @Test
    void aRefusedObjectOfTheEphemeralDatabaseAlsoStopsTheDeployBeforeAnyRequest() throws Exception {
        fixture.write("db-bad/postgres.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: pg-init}
                ---
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: pg-data}
                spec: {hostPath: {path: /var/lib/postgresql}}
                """);

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(
                        shop("42", "manifests")
                                .database("ephemeral")
                                .databaseManifests("db-bad")
                                .build(),
                        fixture.tools(),
                        log::add));

        // The app's folder holds a Deployment and a Service: the database's documents follow them.
        assertEquals("Document 4: PersistentVolume pg-data" + CLUSTER_SCOPED, e.getMessage());
        assertEquals(List.of(), api.requests());
        assertEquals(List.of(), fixture.ledger.events());
    }

    @Test
    void aRefusedRedeployLeavesTheLivePreviewAsItWas() throws Exception {
        deployer.deploy(shop("42", "manifests").build(), fixture.tools(), log::add);
        Namespace before = client.namespaces().withName("pr-42").get();
        List<LedgerEvent> ledger = fixture.ledger.events();
        api.clearRequests();
        String manifests = folder("bad", "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: cache-}\n");

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(shop("42", manifests).build(), fixture.tools(), log::add));

        assertEquals(
                "Document 2: ConfigMap uses generateName 'cache-'; give it a fixed name: an object named by the server"
                        + " is created anew on every deploy and never pruned",
                e.getMessage());
        assertEquals(List.of(), api.requests());
        assertEquals(
                before.getMetadata().getAnnotations(),
                client.namespaces().withName("pr-42").get().getMetadata().getAnnotations(),
                "expiry not renewed, inventory not rewritten");
        assertEquals(ledger, fixture.ledger.events());
    }

    private static Map<String, String> ownerLabels(String instance, String app, String pr) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PreviewLabels.MANAGED_BY, PreviewLabels.MANAGED_BY_VALUE);
        labels.put(PreviewLabels.APP, app);
        labels.put(PreviewLabels.PULL_REQUEST, pr);
        labels.put(PreviewLabels.ENVIRONMENT, PreviewLabels.ENVIRONMENT_PREVIEW);
        labels.put(PreviewLabels.INSTANCE, instance);
        return labels;
    }

    private static HasMetadata configMap(String name, Map<String, String> labels) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .addToData("owner", "someone else")
                .build();
    }

    /**
     * Objects that already sit in the live preview's namespace under a name the new render also uses, and the
     * refusal; the render's YAML for the object follows the app's Deployment.
     */
    static Stream<Arguments> objectsOfSomeoneElse() {
        String self = PreviewFixture.INSTANCE;
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n";
        return Stream.of(
                Arguments.of(
                        Named.of(
                                "a ConfigMap of app billing",
                                configMap("settings", ownerLabels(self, "billing", "42"))),
                        configMap,
                        "ConfigMap settings already exists in namespace pr-42 and belongs to app 'billing', not to"
                                + " this deploy (app 'shop'); not overwriting it"),
                Arguments.of(
                        Named.of("a ConfigMap made by hand", configMap("settings", Map.of())),
                        configMap,
                        "ConfigMap settings already exists in namespace pr-42 and was not created by"
                                + " environment-management; not adopting it"),
                Arguments.of(
                        Named.of(
                                "a ConfigMap of another tool",
                                configMap("settings", Map.of(PreviewLabels.MANAGED_BY, "Helm"))),
                        configMap,
                        "ConfigMap settings already exists in namespace pr-42 and was not created by"
                                + " environment-management; not adopting it"),
                Arguments.of(
                        Named.of(
                                "a ConfigMap of another pull request",
                                configMap("settings", ownerLabels(self, "shop", "7"))),
                        configMap,
                        "ConfigMap settings already exists in namespace pr-42 and belongs to PR '7', not to this"
                                + " deploy (PR '42'); not overwriting it"),
                Arguments.of(
                        Named.of(
                                "a ConfigMap of another Jenkins",
                                configMap("settings", ownerLabels(OTHER_INSTANCE, "shop", "42"))),
                        configMap,
                        "ConfigMap settings already exists in namespace pr-42 and belongs to Jenkins instance '"
                                + OTHER_INSTANCE + "', not to this deploy (Jenkins instance '" + self
                                + "'); not overwriting it"),
                Arguments.of(
                        Named.of(
                                "a Secret of app billing",
                                new SecretBuilder()
                                        .withNewMetadata()
                                        .withName("api-key")
                                        .withLabels(ownerLabels(self, "billing", "42"))
                                        .endMetadata()
                                        .build()),
                        // no data: a Secret with data from the repository is refused by the secret scan already
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: api-key}\ntype: Opaque\n",
                        "Secret api-key already exists in namespace pr-42 and belongs to app 'billing', not to this"
                                + " deploy (app 'shop'); not overwriting it"),
                Arguments.of(
                        Named.of(
                                "a Deployment made by hand",
                                new DeploymentBuilder()
                                        .withNewMetadata()
                                        .withName("worker")
                                        .endMetadata()
                                        .build()),
                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: worker}\nspec:\n"
                                + "  selector: {matchLabels: {app: worker}}\n  template:\n"
                                + "    metadata: {labels: {app: worker}}\n"
                                + "    spec: {containers: [{name: w, image: docker.io/library/busybox:1}]}\n",
                        "Deployment worker already exists in namespace pr-42 and was not created by"
                                + " environment-management; not adopting it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectsOfSomeoneElse")
    void anObjectOfSomeoneElseInTheNamespaceIsReadAndRefusedBeforeAnyWrite(
            HasMetadata existing, String rendered, String message) throws Exception {
        deployer.deploy(shop("42", "manifests").build(), fixture.tools(), log::add);
        client.resource(existing).inNamespace("pr-42").create();
        Namespace before = client.namespaces().withName("pr-42").get();
        List<LedgerEvent> ledger = fixture.ledger.events();
        api.clearRequests();
        String manifests = folder("next", rendered);

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(shop("42", manifests).build(), fixture.tools(), log::add));

        assertEquals(message, e.getMessage());
        List<RecordedCall> calls = api.requests();
        assertEquals(
                List.of(),
                calls.stream().filter(call -> WRITES.contains(call.method())).toList(),
                "no write: " + calls);
        // The namespace (ownership), then the object the last deploy's inventory does not list; the app's
        // Deployment is listed there and is not read again.
        assertEquals(2, calls.size(), calls.toString());
        assertEquals(
                before.getMetadata().getAnnotations(),
                client.namespaces().withName("pr-42").get().getMetadata().getAnnotations(),
                "expiry not renewed");
        assertEquals(
                existing.getMetadata().getLabels(),
                client.resource(existing)
                        .inNamespace("pr-42")
                        .get()
                        .getMetadata()
                        .getLabels(),
                "the other owner's object unchanged");
        assertEquals(ledger, fixture.ledger.events());
    }

    @Test
    void anObjectThePreviewMadeItselfIsUpdatedWithoutBeingReadAgain() throws Exception {
        String manifests = folder("own", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");
        deployer.deploy(shop("42", manifests).build(), fixture.tools(), log::add);
        api.clearRequests();

        deployer.deploy(shop("42", manifests).build(), fixture.tools(), log::add);

        assertEquals(
                List.of("/api/v1/namespaces/pr-42"),
                api.requests("GET").stream().map(RecordedCall::path).toList(),
                "only the namespace is read: both objects are in the inventory");
        assertEquals(2, fixture.ledger.events().size());
    }

    @Test
    void aFullClusterRefusesANewPreviewWithReadsOnly() throws Exception {
        PreviewDeployer capped = fixture.deployer(fixture.configuration(1, WhenFull.FAIL));
        capped.deploy(shop("1", "manifests").build(), fixture.tools(), log::add);
        List<LedgerEvent> ledger = fixture.ledger.events();
        api.clearRequests();

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> capped.deploy(shop("2", "manifests").build(), fixture.tools(), log::add));

        assertEquals(
                "Cluster 'previews' already runs its maximum of 1 previews (1 of 1 in use: pr-1); pr-2 was not"
                        + " created. Tear a preview down, or set whenFull to queue",
                e.getMessage());
        assertEquals(
                List.of("GET /api/v1/namespaces/pr-2", "GET /api/v1/namespaces"),
                api.requests().stream().map(c -> c.method() + " " + c.path()).toList());
        assertNull(client.namespaces().withName("pr-2").get());
        assertEquals(ledger, fixture.ledger.events());
    }

    @Test
    void aKindTheClusterDoesNotServeIsRefusedByDiscoveryNamingTheClusterBeforeAnyWrite() throws Exception {
        // Rule (issue 12, item 6): an unserved kind (no CRD) is refused before the first write, naming the kind and
        // the cluster, without fabric8's dump of the object.
        String manifests = folder(
                "unserved",
                "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web-tls}\n"
                        + "spec: {secretName: web-tls-secret}\n");

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> deployer.deploy(shop("42", manifests).build(), fixture.tools(), log::add));

        assertEquals(
                "kind Certificate (cert-manager.io/v1) is not served by cluster 'previews': install its CRD first, or"
                        + " render a version the cluster serves; nothing was applied",
                e.getMessage());
        assertEquals(
                List.of("GET /apis/cert-manager.io/v1"),
                api.requests().stream().map(c -> c.method() + " " + c.path()).toList());
        assertNull(client.namespaces().withName("pr-42").get());
        assertEquals(List.of(), fixture.ledger.events());
    }

    @Test
    void aRedeployThatDropsNetworkPoliciesAndACustomResourceDeletesThemAndSaysSo() throws Exception {
        String policies = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-web}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: shop}
                spec: {endpoints: []}
                """;
        deployer.deploy(shop("42", folder("with", policies)).build(), fixture.tools(), log::add);
        String without = folder("without", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");
        api.clearRequests();

        PreviewResult result = deployer.deploy(shop("42", without).build(), fixture.tools(), log::add);

        assertEquals(
                List.of("ServiceMonitor shop", "NetworkPolicy allow-web", "NetworkPolicy deny-all"), result.pruned());
        assertEquals(
                List.of(
                        "/apis/monitoring.coreos.com/v1/namespaces/pr-42/servicemonitors/shop",
                        "/apis/networking.k8s.io/v1/namespaces/pr-42/networkpolicies/allow-web",
                        "/apis/networking.k8s.io/v1/namespaces/pr-42/networkpolicies/deny-all"),
                api.requests("DELETE").stream().map(RecordedCall::path).toList());
        assertTrue(
                log.contains("Applied 2 object(s); pruned ServiceMonitor shop, NetworkPolicy allow-web,"
                        + " NetworkPolicy deny-all"),
                log.toString());
    }
}
