package io.jenkins.plugins.environments.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on 127.0.0.1 that emulates the distribution spec's token authentication: the registry endpoints
 * answer 401 with a {@code Bearer} challenge naming a realm on the same server, and {@code /token} issues tokens for
 * the requested scope to one user. It serves {@code /v2/} (any token) and one manifest that needs
 * {@code repository:team/app:pull}. Every request is recorded with its {@code Authorization} header.
 */
final class EmulatedTokenRegistry implements AutoCloseable {

    static final String SERVICE = "emulated-registry";
    static final String MANIFEST_PATH = "/v2/team/app/manifests/1.0";
    static final String MANIFEST_SCOPE = "repository:team/app:pull";
    static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}";

    /** One request as the server saw it. */
    record Seen(String path, String query, String authorization) {}

    private final HttpServer server;
    private final String username;
    private final String password;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> scopeByToken = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String realm;
    private volatile String tokenField = "token";

    EmulatedTokenRegistry(String username, String password) throws IOException {
        this.username = username;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        realm = "http://" + host() + "/token";
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String realm() {
        return realm;
    }

    /** Makes the challenges name another realm, such as one on another host name. */
    void realm(String realm) {
        this.realm = realm;
    }

    /** Makes {@code /token} answer with {@code access_token} (OAuth style) instead of {@code token}. */
    void answerWithAccessToken() {
        tokenField = "access_token";
    }

    /** Forgets every token issued so far, as if they had expired. */
    void expireTokens() {
        scopeByToken.clear();
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    List<Seen> seen(String path) {
        return seen().stream().filter(s -> s.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(new Seen(path, exchange.getRequestURI().getRawQuery(), authorization));
            switch (path) {
                case "/token" -> token(exchange, authorization);
                case "/v2/" -> guarded(exchange, authorization, null, "{}");
                case MANIFEST_PATH -> guarded(exchange, authorization, MANIFEST_SCOPE, MANIFEST);
                default -> respond(exchange, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}");
            }
        }
    }

    private void guarded(HttpExchange exchange, String authorization, String scope, String body) throws IOException {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        String granted = token == null ? null : scopeByToken.get(token);
        if (granted != null && (scope == null || scope.equals(granted))) {
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            respond(exchange, 200, body);
            return;
        }
        String challenge = "Bearer realm=\"" + realm + "\",service=\"" + SERVICE + "\"";
        if (scope != null) {
            challenge += ",scope=\"" + scope + "\",error=\"insufficient_scope\"";
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
        respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    }

    private void token(HttpExchange exchange, String authorization) throws IOException {
        String expected = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            respond(exchange, 401, "{\"details\":\"incorrect username or password\"}");
            return;
        }
        String scope = "";
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("scope=")) {
                scope = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        String token = "tok-" + issued.incrementAndGet();
        scopeByToken.put(token, scope);
        respond(exchange, 200, "{\"" + tokenField + "\":\"" + token + "\",\"expires_in\":300}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
