package io.jenkins.plugins.environments.registry;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.model.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSession;

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
 * <p>Every request is bounded three ways: opening the connection by the connect timeout, each wait for a byte (of an
 * answer, or for the registry to take the next bytes of an upload) by the idle timeout, and the whole by the
 * {@linkplain #within(Deadline) deadline} of the step the session works for. A request that runs into either of the
 * last two is aborted and fails with a {@link RegistryStallException} naming the registry and what it was sending.
 * An answer read into memory is at most {@link #BODY_LIMIT} bytes (the size registries allow a manifest).
 *
 * <p>A session may be used by several threads at once (the transfers of one copy): their requests are in flight
 * together over the session's one HTTP client, which keeps its connections to the registry open for the next request.
 * When several requests meet a 401 for the same scope at once, one of them asks the token service while the others
 * wait for that token and use it; a token is fetched once per scope and reused until the registry refuses it. Closing
 * the session wipes its tokens and aborts whatever is still in flight; the access's credential is left alone: close
 * the {@link RegistryAccess} too.
 */
public final class RegistrySession implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(RegistrySession.class.getName());
    /** The largest answer read into memory: 4 MiB, the limit registries put on a manifest. */
    public static final int BODY_LIMIT = 4 * 1024 * 1024;

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_REDIRECTS = 5;

    private enum Scheme {
        NONE,
        BASIC,
        BEARER
    }

    private final RegistryAccess access;
    private final URI base;
    private final HttpClient http;
    private final Watchdog watchdog;
    private final TokenService tokenService;
    private volatile Deadline deadline = Deadline.none();
    /** Guards the authentication state below: the scheme, the tokens and which of them goes with a request. */
    private final Object auth = new Object();

    private final Map<String, char[]> tokensByScope = new HashMap<>();
    private Scheme scheme = Scheme.NONE;
    private String tokenScope;
    private String realm;
    /** One lock per scope, held while its token is fetched, so that threads meeting the same 401 fetch it once. */
    private final Map<String, Object> fetchingByScope = new ConcurrentHashMap<>();

    private volatile boolean closed;
    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicLong tokensFetched = new AtomicLong();

    /** A session with the {@linkplain Timeouts#configured() configured timeouts} and no deadline until one is set. */
    public RegistrySession(RegistryAccess access) {
        this(access, Timeouts.configured());
    }

    /** A session with the given connect and idle timeouts and no deadline until one is set. */
    public RegistrySession(RegistryAccess access, Timeouts timeouts) {
        this.access = Objects.requireNonNull(access, "access");
        this.base = access.baseUri();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(RegistryHttp.version(base))
                .connectTimeout(timeouts.connect())
                .build();
        this.watchdog = new Watchdog(timeouts, access.describe());
        this.tokenService = new TokenService(http, access, watchdog);
    }

    public RegistryAccess access() {
        return access;
    }

    /** @return masks the access's password and the tokens this session holds, in text that may echo them */
    public Redaction redaction() {
        synchronized (auth) {
            return access.redaction().and(Redaction.of(List.copyOf(tokensByScope.values())));
        }
    }

    /**
     * Bounds every request sent from now on (and the waits between tries of an {@link ImageCopier}) by the deadline.
     *
     * @return this session
     */
    public RegistrySession within(Deadline deadline) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        return this;
    }

    /** @return the deadline requests are bounded by; {@link Deadline#none()} unless one was set */
    public Deadline deadline() {
        return deadline;
    }

    /** @return the connect and idle timeouts of this session */
    public Timeouts timeouts() {
        return watchdog.timeouts();
    }

    /**
     * Checks that the registry answers {@code GET /v2/} with the configured credentials, for a "Test connection"
     * button.
     *
     * @return a short description, such as {@code Registry 'local' at 127.0.0.1:5000 answered /v2/ (basic auth)}
     * @throws RegistryAccessException if the registry is unreachable, rejects the credentials, requires credentials
     *     that are not configured, or does not answer as an OCI registry
     */
    public String ping() throws RegistryAccessException {
        Deadline ping = deadline.remaining().compareTo(PING_TIMEOUT) < 0 ? deadline : Deadline.after(PING_TIMEOUT);
        HttpResponse<byte[]> response = read(RegistryRequest.get("/v2/"), null, ping);
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
    public HttpResponse<byte[]> send(RegistryRequest request) throws RegistryAccessException {
        return read(request, null, deadline);
    }

    /**
     * Like {@link #send(RegistryRequest)}, with the answer's body left unread: the caller reads the stream and closes it.
     * Meant for blobs, which may be too large to hold in memory. Each read of the stream is bounded by the idle
     * timeout and the deadline; one that runs into either fails with an {@link IOException} whose message is the
     * {@link RegistryStallException}'s.
     */
    public HttpResponse<InputStream> open(RegistryRequest request) throws RegistryAccessException {
        Sent sent = send(request, null, deadline);
        return new Answer<>(
                sent.response(), new RegistryHttp.Watched(sent.response().body(), sent.watch(), true, true));
    }

    /**
     * Like {@link #send(RegistryRequest)}, with the body streamed from {@code body} instead of {@link
     * RegistryRequest#body()}. The body is opened once for each time the request is sent (twice when the registry
     * first asks to authenticate).
     */
    public HttpResponse<byte[]> send(RegistryRequest request, RequestBody body) throws RegistryAccessException {
        Objects.requireNonNull(body, "body");
        return read(request, body, deadline);
    }

    /**
     * @return how many HTTP requests this session has sent to the registry, counting each answered 401 and each
     *     redirect followed; requests to a token service are not counted
     */
    public long requestsSent() {
        return requestsSent.get();
    }

    /** @return how many tokens this session has asked its registry's token service for */
    public long tokensFetched() {
        return tokensFetched.get();
    }

    /** Sends the request and reads the answer's body, at most {@link #BODY_LIMIT} bytes. */
    private HttpResponse<byte[]> read(RegistryRequest request, RequestBody streamed, Deadline within)
            throws RegistryAccessException {
        Sent sent = send(request, streamed, within);
        try (Watchdog.Watch watch = sent.watch()) {
            byte[] body = RegistryHttp.read(sent.response(), BODY_LIMIT, access.describe(), subject(request), watch);
            return new Answer<>(sent.response(), body);
        }
    }

    private Sent send(RegistryRequest request, RequestBody streamed, Deadline within) throws RegistryAccessException {
        if (closed) {
            throw new IllegalStateException("the registry session is closed");
        }
        Sent first = exchange(request, streamed, within);
        if (first.response().statusCode() != 401) {
            return first;
        }
        first.discard();
        authenticate(request, first, within);
        Sent second = exchange(request, streamed, within);
        if (second.response().statusCode() == 401) {
            second.discard();
            throw stillUnauthorized(request, second);
        }
        return second;
    }

    /** What a request transfers, for messages: {@code manifest}, {@code blob}, {@code blob upload} or {@code answer}. */
    static String subject(RegistryRequest request) {
        String target = request.toString();
        if (target.contains("/manifests/")) {
            return "manifest";
        }
        if (target.contains("/blobs/uploads/")) {
            return "blob upload";
        }
        return target.contains("/blobs/") ? "blob" : "answer";
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "closing an unread answer failed", e);
        }
    }

    /**
     * The request as sent, its answer with the body unread, the watch still on it, and the token that went with it.
     */
    private record Sent(
            HttpResponse<InputStream> response, Watchdog.Watch watch, char[] token, boolean credentialsSent) {

        /** Throws the answer away unread. */
        void discard() {
            close(response.body());
            watch.close();
        }
    }

    private Sent exchange(RegistryRequest request, RequestBody streamed, Deadline within)
            throws RegistryAccessException {
        URI uri = resolve(request.target());
        String method = request.method();
        for (int hop = 0; ; hop++) {
            if (within.expired()) {
                throw new RegistryStallException(
                        access.describe() + ": " + within.describe() + " ran out before " + request);
            }
            Watchdog.Watch watch =
                    watchdog.watch(access.describe(), subject(request), method + " " + uri.getRawPath(), within);
            InputStream stream = null;
            boolean returned = false;
            try {
                stream = streamed == null ? null : openBody(request, streamed, watch);
                HttpRequest.Builder builder =
                        HttpRequest.newBuilder(uri).method(method, publisher(request, streamed, stream));
                request.headers().forEach(builder::header);
                char[] token = null;
                boolean credentialsSent = false;
                if (RegistryHttp.sameOrigin(uri, base)) {
                    // Read and copied under the lock: a token replaced by another thread is wiped at once.
                    synchronized (auth) {
                        if (closed) {
                            throw new IllegalStateException("the registry session is closed");
                        }
                        if (scheme == Scheme.BASIC && access.credential() instanceof RegistryCredential.Basic basic) {
                            builder.header("Authorization", basic.authorizationHeader());
                            credentialsSent = true;
                        } else if (scheme == Scheme.BEARER && tokensByScope.get(tokenScope) != null) {
                            token = tokensByScope.get(tokenScope);
                            builder.header("Authorization", "Bearer " + new String(token));
                            credentialsSent = true;
                        }
                    }
                }
                requestsSent.incrementAndGet();
                HttpResponse<InputStream> response = RegistryHttp.send(http, builder.build(), access, watch);
                Optional<String> location = response.headers().firstValue("Location");
                boolean redirect =
                        switch (response.statusCode()) {
                            case 301, 302, 303, 307, 308 -> true;
                            default -> false;
                        };
                if (!redirect || location.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
                    returned = true;
                    return new Sent(response, watch, token, credentialsSent);
                }
                close(response.body());
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
                if (!returned) {
                    watch.close();
                }
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

    /** Opens a streamed body, watched: the registry is waited on between reads of it, not during them. */
    private InputStream openBody(RegistryRequest request, RequestBody streamed, Watchdog.Watch watch)
            throws RegistryAccessException {
        try {
            return new RegistryHttp.Watched(streamed.open(), watch, false);
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
        return RegistryHttp.publisher(in, streamed.length());
    }

    private void authenticate(RegistryRequest request, Sent sent, Deadline within) throws RegistryAccessException {
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
            synchronized (fetchingByScope.computeIfAbsent(scope, s -> new Object())) {
                char[] cached;
                synchronized (auth) {
                    cached = tokensByScope.get(scope);
                }
                if (cached == null || cached == sent.token()) {
                    // No token for this scope yet, or the one just sent was refused (it may have expired). Other
                    // threads that met the same 401 wait on this scope's lock and then find the new token.
                    char[] fresh = tokenService.fetch(bearer.get(), scope, within);
                    tokensFetched.incrementAndGet();
                    synchronized (auth) {
                        if (closed) {
                            Arrays.fill(fresh, '\0');
                            throw new IllegalStateException("the registry session is closed");
                        }
                        replaceToken(scope, fresh);
                        realm = bearer.get().param("realm");
                    }
                }
                synchronized (auth) {
                    tokenScope = scope;
                    scheme = Scheme.BEARER;
                }
            }
            LOGGER.log(Level.FINE, "{0}: bearer token for scope ''{1}''", new Object[] {access.describe(), scope});
        } else if (basic.isPresent()) {
            if (access.credential() instanceof RegistryCredential.Anonymous) {
                throw new RegistryAccessException(access.describe()
                        + " requires credentials (it asks for basic authentication), but none are configured");
            }
            synchronized (auth) {
                if (sent.credentialsSent() && scheme == Scheme.BASIC) {
                    throw rejected(401);
                }
                scheme = Scheme.BASIC;
            }
        } else if (challenges.isEmpty()) {
            throw new RegistryAccessException(access.describe() + " answered 401 to " + request
                    + " without a WWW-Authenticate challenge; it does not look like an OCI registry");
        } else {
            throw new RegistryAccessException(access.describe() + " asks for an unsupported authentication scheme ("
                    + String.join(
                            ", ", challenges.stream().map(AuthChallenge::scheme).toList()) + ")");
        }
    }

    private RegistryAccessException stillUnauthorized(RegistryRequest request, Sent sent) {
        if (access.credential() instanceof RegistryCredential.Anonymous) {
            return new RegistryAccessException(access.describe() + " requires credentials for " + request
                    + ", but none are configured (HTTP 401)");
        }
        if (currentScheme() == Scheme.BEARER) {
            return new RegistryAccessException(access.describe() + " refused the token issued for "
                    + access.describeCredentials() + " for " + request + " (HTTP 401)");
        }
        return rejected(sent.response().statusCode());
    }

    private RegistryAccessException rejected(int status) {
        return new RegistryAccessException(
                access.describe() + " rejected " + access.describeCredentials() + " (HTTP " + status + ")");
    }

    private Scheme currentScheme() {
        synchronized (auth) {
            return scheme;
        }
    }

    private String describeScheme() {
        synchronized (auth) {
            return switch (scheme) {
                case NONE -> "anonymous";
                case BASIC -> "basic auth";
                case BEARER -> "token auth via " + realm;
            };
        }
    }

    /** Called with {@link #auth} held. */
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

    /**
     * Wipes the tokens, stops the watchdog and shuts the HTTP client down, aborting whatever it still does: a request
     * in flight on another thread fails, and none is sent from now on.
     */
    @Override
    public void close() {
        synchronized (auth) {
            closed = true;
            tokensByScope.values().forEach(token -> Arrays.fill(token, '\0'));
            tokensByScope.clear();
        }
        watchdog.close();
        http.shutdownNow();
    }

    /** An answer with its body read or wrapped. */
    private record Answer<T>(HttpResponse<?> head, T body) implements HttpResponse<T> {

        @Override
        public int statusCode() {
            return head.statusCode();
        }

        @Override
        public HttpRequest request() {
            return head.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return head.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return head.sslSession();
        }

        @Override
        public URI uri() {
            return head.uri();
        }

        @Override
        public HttpClient.Version version() {
            return head.version();
        }
    }

    @Override
    public String toString() {
        return "RegistrySession[" + access.describe() + ", " + describeScheme() + "]";
    }
}
