package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failures, redirects and the absence of secrets in what a session shows, against small JDK HTTP servers. */
class RegistrySessionTest {

    private static final String PASSWORD = "hunter2-Secret";

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aServerThatIsNotARegistryIsReportedAsSuch() throws Exception {
        HttpServer notFound = server(exchange -> respond(exchange, 404, "text/plain", "no such page"));
        try (RegistrySession session = new RegistrySession(basicAccess(host(notFound)))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertEquals(
                    "Registry 'local' at " + host(notFound) + " did not answer as an OCI registry (HTTP 404 for /v2/)",
                    e.getMessage());
        }
        HttpServer webPage = server(exchange -> respond(exchange, 200, "text/html", "<html>hello</html>"));
        try (RegistrySession session = new RegistrySession(basicAccess(host(webPage)))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertTrue(e.getMessage().endsWith("it does not look like an OCI registry"), e.getMessage());
        }
        HttpServer noChallenge = server(exchange -> respond(exchange, 401, "text/plain", "go away"));
        try (RegistrySession session = new RegistrySession(basicAccess(host(noChallenge)))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertTrue(e.getMessage().contains("without a WWW-Authenticate challenge"), e.getMessage());
        }
    }

    @Test
    void anUnreachableRegistryIsReportedWithItsName() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (RegistrySession session = new RegistrySession(basicAccess("127.0.0.1:" + port))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertTrue(
                    e.getMessage()
                            .startsWith("Registry 'local' at 127.0.0.1:" + port + ": http://127.0.0.1:" + port
                                    + " is unreachable (ConnectException"),
                    e.getMessage());
        }
    }

    @Test
    void httpsToAPlainHttpServerIsATlsFailure() throws Exception {
        // A server that answers plain HTTP at once, as a web server without TLS does to a TLS client hello.
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Every connection gets that answer: the HTTP client may retry on a new connection after the first fails.
            Thread answer = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (Socket socket = plain.accept()) {
                        socket.getInputStream().read(new byte[1024]); // the client hello
                        socket.getOutputStream()
                                .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    } catch (IOException e) {
                        // the client hung up, or the test closed the server
                    }
                }
            });
            answer.setDaemon(true);
            answer.start();
            String host = "127.0.0.1:" + plain.getLocalPort();
            RegistryAccess secure = new RegistryAccess("local", host, false, new RegistryCredential.Anonymous(), null);
            try (RegistrySession session = new RegistrySession(secure)) {
                RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
                assertTrue(
                        e.getMessage()
                                .startsWith("Registry 'local' at " + host + ": TLS handshake with https://" + host
                                        + " failed ("),
                        e.getMessage());
                assertTrue(e.getMessage().endsWith("a registry without TLS must be marked insecure"), e.getMessage());
            }
            answer.join(5_000);
        }
    }

    @Test
    void redirectsKeepCredentialsOnTheRegistryAndDropThemElsewhere() throws Exception {
        HttpServer storage = server(exchange -> {
            seen.add("storage " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            respond(exchange, 200, "application/octet-stream", "blob-bytes");
        });
        HttpServer registry = server(exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add("registry " + exchange.getRequestURI() + " " + authorization);
            if (authorization == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                respond(exchange, 401, "application/json", "{}");
            } else if (exchange.getRequestURI().getPath().equals("/v2/app/blobs/sha256:abc")) {
                exchange.getResponseHeaders().add("Location", "/v2/app/blobs/moved");
                respond(exchange, 307, "text/plain", "");
            } else {
                exchange.getResponseHeaders()
                        .add("Location", "http://" + host(storageOf()) + "/bucket/abc?signature=xyz");
                respond(exchange, 302, "text/plain", "");
            }
        });
        this.storage = storage;
        try (RegistrySession session = new RegistrySession(basicAccess(host(registry)))) {
            var response = session.send(RegistryRequest.get("/v2/app/blobs/sha256:abc"));
            assertEquals(200, response.statusCode());
            assertEquals("blob-bytes", new String(response.body(), StandardCharsets.UTF_8));
        }
        String basic = "Basic "
                + java.util.Base64.getEncoder().encodeToString(("robot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(
                List.of(
                        "registry /v2/app/blobs/sha256:abc null",
                        "registry /v2/app/blobs/sha256:abc " + basic,
                        "registry /v2/app/blobs/moved " + basic,
                        "storage /bucket/abc?signature=xyz null"),
                seen);
    }

    private HttpServer storage;

    private HttpServer storageOf() {
        return storage;
    }

    @Test
    void wrongBasicPasswordIsRejectedWithoutRetryingForever() throws Exception {
        HttpServer registry = server(exchange -> {
            seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
            respond(exchange, 401, "application/json", "{}");
        });
        try (RegistrySession session = new RegistrySession(basicAccess(host(registry)))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertEquals(
                    "Registry 'local' at " + host(registry) + " rejected credentials 'local-login' (HTTP 401)",
                    e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD));
        }
        assertEquals(2, seen.size(), "one anonymous try, one with the credentials");
        assertEquals("null", seen.get(0));
    }

    @Test
    void closedSessionsAndAccessesHoldNoSecret() throws Exception {
        char[] password = PASSWORD.toCharArray();
        RegistryAccess access = new RegistryAccess(
                "local", "127.0.0.1:5000", true, new RegistryCredential.Basic("robot", password), "id");
        RegistrySession session = new RegistrySession(access);
        for (Object shown : List.of(access, access.credential(), session, RegistryRequest.get("/v2/"))) {
            assertFalse(shown.toString().contains(PASSWORD), shown::toString);
        }
        session.close();
        access.close();
        assertEquals(
                PASSWORD.length(),
                new String(password).chars().filter(c -> c == 0).count());
        assertThrows(IllegalStateException.class, () -> session.send(RegistryRequest.get("/v2/")));
        assertThrows(
                IllegalStateException.class,
                () -> ((RegistryCredential.Basic) access.credential()).authorizationHeader());
    }

    @Test
    void hostsAreValidated() {
        for (String bad : List.of("https://registry.example", "registry.example/path", "", "host:port")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new RegistryAccess("r", bad, false, new RegistryCredential.Anonymous(), null));
            assertTrue(e.getMessage().startsWith("Registry 'r': '" + bad + "'"), e.getMessage());
        }
        for (String good : List.of("registry.example", "127.0.0.1:5000", "[::1]:5000", "ghcr.io")) {
            assertEquals(
                    "https://" + good,
                    new RegistryAccess("r", good, false, new RegistryCredential.Anonymous(), null)
                            .baseUri()
                            .toString());
        }
        assertNull(new RegistryRequest("GET", "/v2/", Map.of(), null).body());
    }

    private RegistryAccess basicAccess(String host) {
        return new RegistryAccess(
                "local", host, true, new RegistryCredential.Basic("robot", PASSWORD.toCharArray()), "local-login");
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private HttpServer server(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static String host(HttpServer server) {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
