package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wraps the mock API server's dispatcher and lets through only requests that carry the expected bearer token,
 * answering others 401 (or 403 for a token that is known but has no permission) with a Kubernetes
 * {@code Status}, as a real API server does. It records the
 * {@code Authorization} header of every request.
 */
final class BearerTokenGate extends Dispatcher {

    private final Dispatcher delegate;
    private final String expectedToken;
    private final String forbiddenToken;
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param expectedToken the token that is let through
     * @param forbiddenToken a token that is known but may do nothing, answered 403
     */
    BearerTokenGate(Dispatcher delegate, String expectedToken, String forbiddenToken) {
        this.delegate = delegate;
        this.expectedToken = expectedToken;
        this.forbiddenToken = forbiddenToken;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String authorization = request.getHeader("Authorization");
        authorizations.add(request.getMethod() + " " + request.getPath() + " " + authorization);
        if (("Bearer " + forbiddenToken).equals(authorization)) {
            return status(403, "Forbidden");
        }
        if (!("Bearer " + expectedToken).equals(authorization)) {
            return status(401, "Unauthorized");
        }
        return delegate.dispatch(request);
    }

    private static MockResponse status(int code, String reason) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"" + reason + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    }

    /** {@code METHOD path Authorization-header} of every request, in order. */
    List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    void forget() {
        authorizations.clear();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
