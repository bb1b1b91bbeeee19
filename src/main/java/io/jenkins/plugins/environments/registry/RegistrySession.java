package io.jenkins.plugins.environments.registry;

import io.jenkins.plugins.environments.model.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An authenticated conversation with one OCI registry, following the distribution spec's authentication: a request
 * answered 401 carries a {@code WWW-Authenticate} challenge; {@code Basic} makes the session send the basic credentials
 * from then on, {@code Bearer} makes it exchange them at the challenge's realm for a token of the challenge's scope.
 * Tokens are kept per scope, and a later 401 that names another scope (or whose token expired) triggers a new
 * exchange. Each request is retried at most once after authenticating.
 *
 * <p>Plain HTTP is used for an {@linkplain RegistryAccess#insecure() insecure} registry, HTTPS otherwise. Redirects of
 * GET and HEAD are followed (at most five); credentials go only to the registry's own scheme, host and port, never to
 * another host (such as the storage a blob download is redirected to).
 *
 * <p>One session is used by one thread at a time (its methods are synchronized). Closing it wipes its tokens and the
 * access's credential is left alone: close the {@link RegistryAccess} too.
 */
public final class RegistrySession implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(RegistrySession.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Until the answer's headers arrive: long enough to upload a large layer. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 5;

    private enum Scheme {
        NONE,
        BASIC,
        BEARER
    }

    private final RegistryAccess access;
    private final URI base;
    private final HttpClient http;
    private final TokenService tokenService;
    private final Map<String, char[]> tokensByScope = new HashMap<>();
    private Scheme scheme = Scheme.NONE;
    private String tokenScope;
    private String realm;
    private boolean closed;
    private final AtomicLong requestsSent = new AtomicLong();

    public RegistrySession(RegistryAccess access) {
        this.access = Objects.requireNonNull(access, "access");
        this.base = access.baseUri();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        this.tokenService = new TokenService(http, access, TOKEN_TIMEOUT);
    }

    public RegistryAccess access() {
        return access;
    }

    /** @return masks the access's password and the tokens this session holds, in text that may echo them */
    public synchronized Redaction redaction() {
        return access.redaction().and(Redaction.of(List.copyOf(tokensByScope.values())));
    }

    /**
     * Checks that the registry answers {@code GET /v2/} with the configured credentials, for a "Test connection"
     * button.
     *
     * @return a short description, such as {@code Registry 'local' at 127.0.0.1:5000 answered /v2/ (basic auth)}
     * @throws RegistryAccessException if the registry is unreachable, rejects the credentials, requires credentials
     *     that are not configured, or does not answer as an OCI registry
     */
    public synchronized String ping() throws RegistryAccessException {
        HttpResponse<byte[]> response = send(RegistryRequest.get("/v2/"), PING_TIMEOUT);
        int status = response.statusCode();
        if (status == 403) {
            throw new RegistryAccessException(
                    access.describe() + " denied " + access.describeCredentials() + " access to /v2/ (HTTP 403)");
        }
        if (status != 200) {
            throw new RegistryAccessException(
                    access.describe() + " did not answer as an OCI registry (HTTP " + status + " for /v2/)");
        }
        boolean apiHeader =
                response.headers().firstValue("Docker-Distribution-API-Version").isPresent();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!apiHeader && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            throw new RegistryAccessException(
                    access.describe() + " answered /v2/ with a web page; it does not look like an OCI registry");
        }
        return access.describe() + " answered /v2/ (" + describeScheme() + ")";
    }

    /**
     * Sends a request, authenticating when the registry asks for it. Answers other than 401 are returned as they are,
     * for the caller to interpret (a 404 for a missing manifest, say).
     *
     * @throws RegistryAccessException if the registry is unreachable, or still answers 401 after authenticating, or
     *     its challenge cannot be met
     */
    public synchronized HttpResponse<byte[]> send(RegistryRequest request) throws RegistryAccessException {
        return send(request, REQUEST_TIMEOUT);
    }

    /**
     * Like {@link #send(RegistryRequest)}, with the answer's body left unread: the caller reads the stream and closes it.
     * Meant for blobs, which may be too large to hold in memory.
     */
    public synchronized HttpResponse<InputStream> open(RegistryRequest request) throws RegistryAccessException {
        return send(
                request,
                new Handling<>(
                        null, REQUEST_TIMEOUT, HttpResponse.BodyHandlers.ofInputStream(), RegistrySession::close));
    }

    /**
     * Like {@link #send(RegistryRequest)}, with the body streamed from {@code body} instead of {@link
     * RegistryRequest#body()}. The body is opened once for each time the request is sent (twice when the registry
     * first asks to authenticate).
     */
    public synchronized HttpResponse<byte[]> send(RegistryRequest request, RequestBody body)
            throws RegistryAccessException {
        Objects.requireNonNull(body, "body");
        return send(
                request, new Handling<>(body, REQUEST_TIMEOUT, HttpResponse.BodyHandlers.ofByteArray(), ignored -> {}));
    }

    /**
     * @return how many HTTP requests this session has sent to the registry, counting each answered 401 and each
     *     redirect followed; requests to a token service are not counted
     */
    public long requestsSent() {
        return requestsSent.get();
    }

    private HttpResponse<byte[]> send(RegistryRequest request, Duration timeout) throws RegistryAccessException {
        return send(request, new Handling<>(null, timeout, HttpResponse.BodyHandlers.ofByteArray(), ignored -> {}));
    }

    /**
     * How one request is sent and its answer read.
     *
     * @param streamed the body to stream, or {@code null} for the request's own bytes
     * @param timeout how long to wait for the answer's headers
     * @param handler reads the answer's body
     * @param discard releases the body of an answer that is not returned (a 401, a redirect)
     */
    private record Handling<T>(
            RequestBody streamed, Duration timeout, HttpResponse.BodyHandler<T> handler, Consumer<T> discard) {}

    private <T> HttpResponse<T> send(RegistryRequest request, Handling<T> how) throws RegistryAccessException {
        if (closed) {
            throw new IllegalStateException("the registry session is closed");
        }
        Sent<T> first = exchange(request, how);
        if (first.response().statusCode() != 401) {
            return first.response();
        }
        how.discard().accept(first.response().body());
        authenticate(request, first);
        Sent<T> second = exchange(request, how);
        if (second.response().statusCode() == 401) {
            how.discard().accept(second.response().body());
            throw stillUnauthorized(request, second);
        }
        return second.response();
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "closing an unread answer failed", e);
        }
    }

    /** The request as sent and the token that went with it, if any. */
    private record Sent<T>(HttpResponse<T> response, char[] token, boolean credentialsSent) {}

    private <T> Sent<T> exchange(RegistryRequest request, Handling<T> how) throws RegistryAccessException {
        RequestBody streamed = how.streamed();
        URI uri = resolve(request.target());
        String method = request.method();
        for (int hop = 0; ; hop++) {
            InputStream stream = streamed == null ? null : openBody(request, streamed);
            try {
                HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                        .timeout(how.timeout())
                        .method(method, publisher(request, streamed, stream));
                request.headers().forEach(builder::header);
                char[] token = null;
                boolean credentialsSent = false;
                if (RegistryHttp.sameOrigin(uri, base)) {
                    if (scheme == Scheme.BASIC && access.credential() instanceof RegistryCredential.Basic basic) {
                        builder.header("Authorization", basic.authorizationHeader());
                        credentialsSent = true;
                    } else if (scheme == Scheme.BEARER && tokensByScope.get(tokenScope) != null) {
                        token = tokensByScope.get(tokenScope);
                        builder.header("Authorization", "Bearer " + new String(token));
                        credentialsSent = true;
                    }
                }
                requestsSent.incrementAndGet();
                HttpResponse<T> response = RegistryHttp.send(http, builder.build(), how.handler(), access);
                Optional<String> location = response.headers().firstValue("Location");
                boolean redirect =
                        switch (response.statusCode()) {
                            case 301, 302, 303, 307, 308 -> true;
                            default -> false;
                        };
                if (!redirect || location.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
                    return new Sent<>(response, token, credentialsSent);
                }
                how.discard().accept(response.body());
                if (hop == MAX_REDIRECTS) {
                    throw new RegistryAccessException(
                            access.describe() + " redirected " + request + " more than " + MAX_REDIRECTS + " times");
                }
                uri = uri.resolve(location.get());
                // Without the query, which may hold a pre-signed URL's signature.
                LOGGER.log(Level.FINE, "{0}: {1} redirected to {2}://{3}{4}", new Object[] {
                    access.describe(), request, uri.getScheme(), uri.getRawAuthority(), uri.getRawPath()
                });
            } finally {
                if (stream != null) {
                    try {
                        stream.close();
                    } catch (IOException e) {
                        LOGGER.log(Level.FINE, "closing a request body failed", e);
                    }
                }
            }
        }
    }

    private InputStream openBody(RegistryRequest request, RequestBody streamed) throws RegistryAccessException {
        try {
            return streamed.open();
        } catch (IOException e) {
            throw new RegistryAccessException(
                    access.describe() + ": could not read the body of " + request + " (" + e.getMessage() + ")", e);
        }
    }

    private static HttpRequest.BodyPublisher publisher(RegistryRequest request, RequestBody streamed, InputStream in) {
        if (streamed == null) {
            return request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body());
        }
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(() -> in);
        return streamed.length() < 0
                ? publisher
                : HttpRequest.BodyPublishers.fromPublisher(publisher, streamed.length());
    }

    private void authenticate(RegistryRequest request, Sent<?> sent) throws RegistryAccessException {
        List<AuthChallenge> challenges;
        try {
            challenges = AuthChallenge.parse(
                    sent.response().headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new RegistryAccessException(access.describe() + " answered 401 to " + request
                    + " with an unreadable WWW-Authenticate header (" + e.getMessage() + ")");
        }
        Optional<AuthChallenge> bearer =
                challenges.stream().filter(c -> c.is("Bearer")).findFirst();
        Optional<AuthChallenge> basic =
                challenges.stream().filter(c -> c.is("Basic")).findFirst();
        if (bearer.isPresent()) {
            String scope = Objects.requireNonNullElse(bearer.get().param("scope"), "");
            char[] cached = tokensByScope.get(scope);
            if (cached == null || cached == sent.token()) {
                // No token for this scope yet, or the one just sent was refused (it may have expired).
                replaceToken(scope, tokenService.fetch(bearer.get(), scope));
                realm = bearer.get().param("realm");
            }
            tokenScope = scope;
            scheme = Scheme.BEARER;
            LOGGER.log(Level.FINE, "{0}: bearer token for scope ''{1}''", new Object[] {access.describe(), scope});
        } else if (basic.isPresent()) {
            if (access.credential() instanceof RegistryCredential.Anonymous) {
                throw new RegistryAccessException(access.describe()
                        + " requires credentials (it asks for basic authentication), but none are configured");
            }
            if (sent.credentialsSent() && scheme == Scheme.BASIC) {
                throw rejected(401);
            }
            scheme = Scheme.BASIC;
        } else if (challenges.isEmpty()) {
            throw new RegistryAccessException(access.describe() + " answered 401 to " + request
                    + " without a WWW-Authenticate challenge; it does not look like an OCI registry");
        } else {
            throw new RegistryAccessException(access.describe() + " asks for an unsupported authentication scheme ("
                    + String.join(
                            ", ", challenges.stream().map(AuthChallenge::scheme).toList()) + ")");
        }
    }

    private RegistryAccessException stillUnauthorized(RegistryRequest request, Sent<?> sent) {
        if (access.credential() instanceof RegistryCredential.Anonymous) {
            return new RegistryAccessException(access.describe() + " requires credentials for " + request
                    + ", but none are configured (HTTP 401)");
        }
        if (scheme == Scheme.BEARER) {
            return new RegistryAccessException(access.describe() + " refused the token issued for "
                    + access.describeCredentials() + " for " + request + " (HTTP 401)");
        }
        return rejected(sent.response().statusCode());
    }

    private RegistryAccessException rejected(int status) {
        return new RegistryAccessException(
                access.describe() + " rejected " + access.describeCredentials() + " (HTTP " + status + ")");
    }

    private String describeScheme() {
        return switch (scheme) {
            case NONE -> "anonymous";
            case BASIC -> "basic auth";
            case BEARER -> "token auth via " + realm;
        };
    }

    private void replaceToken(String scope, char[] token) {
        char[] old = tokensByScope.put(scope, token);
        if (old != null) {
            Arrays.fill(old, '\0');
        }
    }

    private URI resolve(String target) throws RegistryAccessException {
        try {
            URI uri = base.resolve(target);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not an HTTP URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new RegistryAccessException(
                    access.describe() + ": cannot request '" + target + "' (" + e.getMessage() + ")");
        }
    }

    /** Wipes the tokens and closes the HTTP client. */
    @Override
    public synchronized void close() {
        closed = true;
        tokensByScope.values().forEach(token -> Arrays.fill(token, '\0'));
        tokensByScope.clear();
        http.close();
    }

    @Override
    public String toString() {
        return "RegistrySession[" + access.describe() + ", " + describeScheme() + "]";
    }
}
