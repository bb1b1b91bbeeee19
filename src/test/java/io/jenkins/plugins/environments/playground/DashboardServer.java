package io.jenkins.plugins.environments.playground;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.environments.dashboard.DashboardData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the dashboard the way the Jenkins view does, on {@code 127.0.0.1} only and for {@code GET} only:
 * <ul>
 *   <li>{@code /}: the page shell, with the same element ids as the view's Jelly page; {@code ?theme=dark} gives it
 *       Jenkins' dark theme variables;
 *   <li>{@code /dashboard/dashboard.js}, {@code /dashboard/dashboard.css}: the plugin's own files from
 *       {@code src/main/webapp/dashboard/};
 *   <li>{@code /playground/theme.css}: the few Jenkins design-library variables the page uses, light and dark;
 *   <li>{@code /data}, {@code /data/history}: the JSON, answered by the view's own {@link DashboardData};
 *   <li>{@code /jenkins/…}: where the page's links into Jenkins land (builds, approval pages, pull-request jobs): a
 *       page that names the Jenkins page the link would open.
 * </ul>
 * Every answer carries a Content-Security-Policy like Jenkins' own, so an inline script would not run here either.
 */
final class DashboardServer implements AutoCloseable {

    /** Where the page's Jenkins links are rooted. */
    static final String ROOT_PATH = "/jenkins/";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final DashboardSource data;
    private final Path assets;

    private DashboardServer(HttpServer server, ExecutorService executor, DashboardSource data, Path assets) {
        this.server = server;
        this.executor = executor;
        this.data = data;
        this.assets = assets;
    }

    /**
     * @param port the port on 127.0.0.1, 0 for a free one
     * @param assets the folder holding {@code dashboard.js} and {@code dashboard.css}
     */
    static DashboardServer start(int port, DashboardSource data, Path assets) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "playground-http");
            thread.setDaemon(true);
            return thread;
        });
        DashboardServer dashboard = new DashboardServer(server, executor, data, assets);
        server.createContext("/", dashboard::handle);
        server.setExecutor(executor);
        server.start();
        return dashboard;
    }

    /** @return {@code http://127.0.0.1:<port>/} */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain", "Only GET is served here");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI());
            switch (path) {
                case "/", "/index.html" -> send(exchange, 200, "text/html", PageShell.html(query.get("theme")));
                case "/dashboard/dashboard.js" -> asset(exchange, "dashboard.js", "text/javascript");
                case "/dashboard/dashboard.css" -> asset(exchange, "dashboard.css", "text/css");
                case "/playground/theme.css" -> send(exchange, 200, "text/css", PageShell.themeCss());
                case "/data", "/data/", "/data/history" -> {
                    DashboardData.Answer answer = data.answer(path.substring("/data".length()), query::get);
                    send(exchange, answer.status(), "application/json", answer.json());
                }
                case "/favicon.ico" -> send(exchange, 204, "text/plain", "");
                default -> {
                    if (path.startsWith(ROOT_PATH)) {
                        send(exchange, 200, "text/html", PageShell.jenkinsStandIn(path.substring(ROOT_PATH.length())));
                    } else {
                        send(exchange, 404, "text/plain", "Not found: " + path);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The exchange may be half-written; the connection is closed by the try above.
            System.err.println("playground: " + exchange.getRequestURI() + " failed: " + e);
        }
    }

    private void asset(HttpExchange exchange, String name, String type) throws IOException {
        Path file = assets.resolve(name);
        if (!Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain", "No " + name + " in " + assets);
            return;
        }
        send(exchange, 200, type, Files.readString(file, StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type + "; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (status == 204) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(key, value);
        }
        return parameters;
    }

    /** @return the folder of the plugin's dashboard files in the source tree this runs from */
    static Path sourceAssets() {
        String root = System.getProperty("environments.root");
        Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src/main/webapp/dashboard");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new UncheckedIOException(new IOException(
                "src/main/webapp/dashboard not found above " + start + ": run the playground from the repository"));
    }
}
