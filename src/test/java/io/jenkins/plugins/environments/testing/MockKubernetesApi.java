package io.jenkins.plugins.environments.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * An in-memory Kubernetes API server for tests: fabric8's {@link KubernetesMockServer} (plain HTTP on the loopback
 * address, CRUD mode) behind {@link ApiServerDispatcher}, plus a fabric8 {@link KubernetesClient} that uses the
 * OkHttp transport, as the Jenkins kubernetes-client-api plugin does.
 *
 * <p>Objects are stored as sent, with uid, creationTimestamp, resourceVersion and generation filled in. On top of
 * fabric8's CRUD mode this server offers discovery for the built-in groups (core, apps, autoscaling, batch,
 * networking.k8s.io, policy, rbac.authorization.k8s.io) and for three custom kinds as if their CRDs were installed
 * ({@code argoproj.io/v1alpha1} Rollout, {@code monitoring.coreos.com/v1} ServiceMonitor, {@code cert-manager.io/v1}
 * ClusterIssuer; any other custom group-version is not served, and {@link #stopServing} withdraws one), server-side
 * apply, strategic merge patch, JSON merge patch,
 * {@code Content-Type: application/json} on JSON answers, and a log of every request ({@link #requests()}) so tests
 * can assert method, path, query (for example {@code fieldManager=...&force=true}) and content type.
 *
 * <p><b>Where it only approximates a real API server:</b>
 * <ul>
 *   <li>Server-side apply is create-or-merge: an absent object is created from the applied body (answered
 *       {@code 201 Created}, as a real server does), a present one gets the body JSON-merged into it (RFC 7386,
 *       answered {@code 200 OK}). There are no {@code managedFields}, no field ownership and
 *       no conflicts, so {@code force=true} changes nothing, and a field that a manager stops applying is
 *       <em>not</em> removed. A {@code status} stanza applied to the main resource is dropped.</li>
 *   <li>Strategic merge patch is treated as a JSON merge patch: lists are replaced whole instead of merged by key
 *       (for example containers by name), and {@code $patch}/{@code $setElementOrder} directives are not
 *       understood.</li>
 *   <li>No controllers run: Deployments never roll out or become ready, Pods are never scheduled, Jobs never
 *       finish, unless a test writes {@code status} itself (for example with {@code updateStatus()}).</li>
 *   <li>Namespaces are just objects: creating something in a namespace that does not exist succeeds, and
 *       deleting a namespace does not delete the objects in it (no cascade, no garbage collection by owner
 *       references).</li>
 *   <li>Label selectors: equality ({@code a=b}, {@code a!=b}) and existence ({@code a}, {@code !a}) work;
 *       set-based requirements ({@code a in (x,y)}, {@code a notin (x)}) are ignored by CRUD mode, so such a list
 *       returns more objects than a real server would.</li>
 *   <li>No admission, defaulting, schema validation (only apiVersion, kind and name are checked), RBAC or
 *       authentication; the server version reported at {@code /version} is 1.33.</li>
 * </ul>
 */
public final class MockKubernetesApi implements AutoCloseable {

    /**
     * One request as the server received it.
     *
     * @param method the HTTP method, for example {@code PATCH}
     * @param path the request path without query string
     * @param query the raw query string without {@code ?} (empty if none)
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param body the request body as UTF-8 (empty if none)
     */
    public record RecordedCall(String method, String path, String query, String contentType, String body) {

        /**
         * @param name a query parameter name
         * @return the decoded value of its first occurrence, if present
         */
        public Optional<String> queryParameter(String name) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return Optional.of(
                            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        }
    }

    private final KubernetesMockServer server;
    private final ApiServerDispatcher dispatcher;
    private final KubernetesClient client;

    private MockKubernetesApi(KubernetesMockServer server, ApiServerDispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = server.createClient(new OkHttpClientFactory());
    }

    /** @return a started server on a free loopback port, with a client ready to use */
    public static MockKubernetesApi start() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        ApiServerDispatcher dispatcher = new ApiServerDispatcher(expectations);
        VersionInfo version = new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("33")
                .withGitVersion("v1.33.0-mock")
                .build();
        KubernetesMockServer server =
                new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false, version);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try {
            return new MockKubernetesApi(server, dispatcher);
        } catch (RuntimeException e) {
            server.destroy();
            throw e;
        }
    }

    /** @return a client (default namespace {@code test}) that talks to this server over OkHttp */
    public KubernetesClient client() {
        return client;
    }

    /**
     * @return a new client of this server, which the caller closes; for code that closes the clients it is given
     */
    public KubernetesClient newClient() {
        return server.createClient(new OkHttpClientFactory());
    }

    /** @return the server's base URL, for example {@code http://localhost:41234/} */
    public String url() {
        return server.url("/");
    }

    /** @return every request received so far, oldest first */
    public List<RecordedCall> requests() {
        return dispatcher.calls();
    }

    /**
     * @param method an HTTP method such as {@code PATCH}
     * @return the requests received so far with that method, oldest first
     */
    public List<RecordedCall> requests(String method) {
        return dispatcher.calls().stream()
                .filter(call -> call.method().equals(method))
                .toList();
    }

    /**
     * Stops serving a group-version in discovery, as deleting its CRD would; stored objects stay. Clients cache what
     * they discovered: use a {@link #newClient() new client} afterwards.
     *
     * @param groupVersion such as {@code argoproj.io/v1alpha1}
     */
    public void stopServing(String groupVersion) {
        dispatcher.stopServing(groupVersion);
    }

    /** Forgets the requests recorded so far (stored objects stay). */
    public void clearRequests() {
        dispatcher.clearCalls();
    }

    /** Closes the client and stops the server. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.destroy();
        }
    }
}
