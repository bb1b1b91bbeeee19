package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.net.HttpURLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The server-side apply of a preview namespace, sent as a raw request so that its HTTP status can be read: fabric8's
 * {@code serverSideApply()} returns only the object.
 *
 * <p>An apply ({@code PATCH} with {@code Content-Type: application/apply-patch+yaml}) creates the object when it does
 * not exist. The API server answers {@code 201 Created} when this request created it and {@code 200 OK} when it
 * updated an existing one: the generic PATCH handler of the apiserver ({@code PatchResource} in
 * {@code staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go} of kubernetes/kubernetes) starts from
 * {@code http.StatusOK} and switches to {@code http.StatusCreated} when its patcher reports that the patch created the
 * object ({@code wasCreated}). A namespace answered with 201 did not exist a moment before, so no earlier deploy can
 * have left objects in it.
 *
 * <p>The request is what {@code client.resource(namespace).fieldManager(...).forceConflicts().serverSideApply()}
 * sends: the same path and query ({@code fieldManager}, {@code force=true}), the object as JSON (JSON is YAML), the
 * client's request timeout. It goes through the client's own {@link HttpClient}, so the client's authentication
 * (token, client certificate, impersonation), TLS settings, proxy, headers and retries apply unchanged, and a failure
 * becomes the same {@link KubernetesClientException} (code, {@code Status}, message) that fabric8 raises, built by
 * fabric8's own {@link OperationSupport#requestFailure} and {@link OperationSupport#requestException}.
 */
final class NamespaceApply {

    /**
     * The answer to a namespace apply.
     *
     * @param namespace the namespace as the server stored it
     * @param created whether this apply created it (HTTP 201), rather than updating an existing one (HTTP 200)
     */
    record Result(Namespace namespace, boolean created) {}

    private NamespaceApply() {}

    /**
     * Server-side applies {@code namespace} with {@code fieldManager}, conflicts forced.
     *
     * @throws KubernetesClientException as fabric8's {@code serverSideApply()} would throw it
     */
    static Result apply(KubernetesClient client, Namespace namespace, String fieldManager) {
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        HttpClient http = client.getHttpClient();
        String url = URLUtils.join(
                        client.getMasterUrl().toString(),
                        "api",
                        "v1",
                        "namespaces",
                        namespace.getMetadata().getName())
                + "?fieldManager=" + URLEncoder.encode(fieldManager, StandardCharsets.UTF_8) + "&force=true";
        HttpRequest.Builder builder = http.newHttpRequestBuilder()
                .uri(url)
                .header("Accept", "application/json")
                .method("PATCH", PatchType.SERVER_SIDE_APPLY.getContentType(), serialization.asJson(namespace));
        int timeout = client.getConfiguration().getRequestTimeout();
        if (timeout > 0) {
            builder.timeout(timeout, TimeUnit.MILLISECONDS);
        }
        HttpRequest request = builder.build();

        HttpResponse<String> response;
        try {
            response = http.sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof KubernetesClientException failure) {
                throw failure.copyAsCause();
            }
            throw OperationSupport.requestException(request, cause, null);
        }
        if (!response.isSuccessful()) {
            throw OperationSupport.requestFailure(request, OperationSupport.createStatus(response, serialization));
        }
        Namespace stored = serialization.unmarshal(response.body(), Namespace.class);
        return new Result(stored, response.code() == HttpURLConnection.HTTP_CREATED);
    }
}
