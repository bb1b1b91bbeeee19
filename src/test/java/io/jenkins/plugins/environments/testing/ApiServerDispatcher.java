package io.jenkins.plugins.environments.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sits in front of fabric8's CRUD dispatcher and adds what a Kubernetes client expects from a real API server:
 * discovery documents ({@link BuiltInApiDiscovery}), server-side apply and strategic merge patch (both approximated
 * by an RFC 7386 JSON merge), an RFC 7386 JSON merge patch (CRUD mode's own merge appends to lists and keeps
 * {@code null}s), {@code Content-Type: application/json} on JSON answers, and a record of every request.
 */
final class ApiServerDispatcher extends Dispatcher {

    static final String APPLY_PATCH = "application/apply-patch+yaml";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private static final String CONTENT_TYPE = "Content-Type";
    private static final String JSON_TYPE = "application/json";

    private final KubernetesMixedDispatcher crud;
    private final BuiltInApiDiscovery discovery;
    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper();
    private final List<MockKubernetesApi.RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final ReentrantLock writes = new ReentrantLock();

    /** @param expectations the mock server's expectation map, so {@code /} and {@code /version} keep working */
    ApiServerDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations) {
        this.crud = new KubernetesMixedDispatcher(expectations);
        this.discovery = new BuiltInApiDiscovery(json);
    }

    List<MockKubernetesApi.RecordedCall> calls() {
        return List.copyOf(calls);
    }

    void stopServing(String groupVersion) {
        discovery.stopServing(groupVersion);
    }

    void clearCalls() {
        calls.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        byte[] body =
                request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        String target = request.getPath();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        String contentType = request.getHeader(CONTENT_TYPE);
        calls.add(new MockKubernetesApi.RecordedCall(
                request.getMethod(), path, query, contentType, new String(body, StandardCharsets.UTF_8)));
        MockResponse response;
        if (request.method() == HttpMethod.GET && discovery.document(path).isPresent()) {
            response = new MockResponse()
                    .setResponseCode(200)
                    .setBody(discovery.document(path).get());
        } else if (request.method() == HttpMethod.PATCH) {
            response = switch (mediaType(contentType)) {
                case APPLY_PATCH -> merge(path, body, true);
                case STRATEGIC_MERGE_PATCH, MERGE_PATCH -> merge(path, body, false);
                default -> locked(() -> crud.dispatch(request));
            };
        } else if (request.method() == HttpMethod.GET) {
            response = crud.dispatch(request);
        } else {
            response = locked(() -> crud.dispatch(request));
        }
        return withJsonContentType(response);
    }

    /**
     * Merges a patch into the stored object. With {@code createIfMissing} (server-side apply) an absent object is
     * created from the patch and a {@code status} stanza aimed at the main resource is dropped, as a real server
     * ignores it there.
     *
     * <p>Status codes are those of a real API server: an apply that creates the object answers {@code 201 Created}
     * (the CRUD dispatcher's answer to the POST it becomes), one that changes an existing object {@code 200 OK} (its
     * answer to the PUT). Code under test may rely on this to tell a creation from an update.
     */
    private MockResponse merge(String path, byte[] body, boolean createIfMissing) {
        JsonNode patch;
        try {
            patch = createIfMissing ? yaml.readTree(body) : json.readTree(body);
        } catch (IOException e) {
            return status(400, "BadRequest", "cannot parse patch body: " + e.getMessage());
        }
        if (!(patch instanceof ObjectNode patchObject)) {
            return status(400, "BadRequest", "patch body must be an object");
        }
        boolean statusPath = path.endsWith("/status");
        String resourcePath = statusPath ? parent(path) : path;
        if (createIfMissing && !statusPath) {
            patchObject.remove("status");
        }
        return locked(() -> {
            MockResponse current = crud.dispatch(request(HttpMethod.GET, resourcePath, null));
            if (current.code() == 404) {
                if (!createIfMissing || statusPath) {
                    return status(404, "NotFound", resourcePath + " not found");
                }
                return crud.dispatch(request(HttpMethod.POST, parent(resourcePath), patchObject.toString()));
            }
            if (current.code() != 200) {
                return current;
            }
            try {
                JsonNode merged = jsonMergePatch(json.readTree(current.getBody().getBytes()), patchObject);
                return crud.dispatch(request(HttpMethod.PUT, path, merged.toString()));
            } catch (IOException e) {
                return status(500, "InternalError", "stored object is not JSON: " + e.getMessage());
            }
        });
    }

    /** RFC 7386: objects merge recursively, {@code null} removes a member, anything else replaces the target. */
    static JsonNode jsonMergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), jsonMergePatch(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private MockResponse locked(java.util.function.Supplier<MockResponse> action) {
        writes.lock();
        try {
            return action.get();
        } finally {
            writes.unlock();
        }
    }

    private static RecordedRequest request(HttpMethod method, String path, String jsonBody) {
        Headers.Builder headers = Headers.builder();
        if (jsonBody != null) {
            headers.add(CONTENT_TYPE, JSON_TYPE);
        }
        Buffer body = new Buffer(jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8));
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(), body);
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    private MockResponse status(int code, String reason, String message) {
        ObjectNode status = json.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        return new MockResponse().setResponseCode(code).setBody(status.toString());
    }

    private static MockResponse withJsonContentType(MockResponse response) {
        if (response.getWebSocketListener() != null || response.header(CONTENT_TYPE) != null) {
            return response;
        }
        Optional<Byte> first = firstNonWhitespace(response.getBody());
        if (first.isPresent() && (first.get() == '{' || first.get() == '[')) {
            response.setHeader(CONTENT_TYPE, JSON_TYPE);
        }
        return response;
    }

    private static Optional<Byte> firstNonWhitespace(Buffer body) {
        if (body == null) {
            return Optional.empty();
        }
        for (byte b : body.getBytes()) {
            if (!Character.isWhitespace(b)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
