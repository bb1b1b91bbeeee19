package io.jenkins.plugins.environments.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A loopback server for timing the dashboard page in a browser: the shell with the markup of the view's Jelly page
 * (same ids, classes and data attributes, the script at the end of the body as Jelly puts it), the plugin's own
 * {@code dashboard.js} and {@code dashboard.css} from {@code src/main/webapp/dashboard/}, the {@code data} JSON made
 * on each request, and a small probe script that notes when the matrix has all its rows.
 *
 * <p>The probe is a file of its own, loaded first in the head (the page's Content-Security-Policy, like Jenkins',
 * allows no inline script). It watches the document, and once {@code #em-matrix} holds the expected number of rows it
 * records {@code performance.now()} (milliseconds since the navigation started), then again after the next frame, and
 * resolves {@code window.emBenchDone} with both.
 */
final class TimedPageServer implements AutoCloseable {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self';" + " img-src 'self' data:; connect-src 'self'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path assets;
    private final Supplier<String> data;
    private final int rows;

    private TimedPageServer(HttpServer server, ExecutorService executor, Path assets, Supplier<String> data, int rows) {
        this.server = server;
        this.executor = executor;
        this.assets = assets;
        this.data = data;
        this.rows = rows;
    }

    /**
     * @param assets the folder with {@code dashboard.js} and {@code dashboard.css}
     * @param data makes the body of {@code GET /data}, on each request
     * @param rows how many matrix rows the probe waits for
     */
    static TimedPageServer start(Path assets, Supplier<String> data, int rows) throws IOException {
        for (String name : new String[] {"dashboard.js", "dashboard.css"}) {
            if (!Files.isRegularFile(assets.resolve(name))) {
                throw new IOException("No " + name + " in " + assets + ": the page's script and styles are needed");
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "timed-page-http");
            thread.setDaemon(true);
            return thread;
        });
        TimedPageServer page = new TimedPageServer(server, executor, assets, data, rows);
        server.createContext("/", page::handle);
        server.setExecutor(executor);
        server.start();
        return page;
    }

    /** @return the page's address */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** @return {@code src/main/webapp/dashboard} of the source tree the tests run from */
    static Path sourceAssets() {
        Path root = Path.of(System.getProperty("environments.root", System.getProperty("user.dir")));
        return root.resolve("src/main/webapp/dashboard");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/" -> send(exchange, "text/html", shell());
                case "/dashboard/dashboard.js" -> send(exchange, "text/javascript", asset("dashboard.js"));
                case "/dashboard/dashboard.css" -> send(exchange, "text/css", asset("dashboard.css"));
                case "/bench/probe.js" -> send(exchange, "text/javascript", PROBE);
                case "/data" -> send(exchange, "application/json", data.get());
                default -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        }
    }

    private String asset(String name) throws IOException {
        return Files.readString(assets.resolve(name), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type + "; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String shell() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Environment dashboard</title>
                  <script src="/bench/probe.js" data-rows="%d"></script>
                  <link rel="stylesheet" type="text/css" href="/dashboard/dashboard.css">
                </head>
                <body>
                  <div id="main-panel">
                    <div id="em-dashboard" class="em-dashboard" data-data-url="/data" data-root-url="/jenkins/"
                         data-show-previews="true">
                      <div class="em-filter-bar">
                        <label for="em-filter" class="jenkins-form-label">Filter apps</label>
                        <input id="em-filter" type="search" class="jenkins-input" autocomplete="off"
                               spellcheck="false" placeholder="Part of an app name">
                      </div>
                      <section id="em-matrix"></section>
                      <section id="em-approvals"></section>
                      <section id="em-previews"></section>
                      <section id="em-history"></section>
                    </div>
                  </div>
                  <script src="/dashboard/dashboard.js" type="text/javascript"></script>
                </body>
                </html>
                """.formatted(rows);
    }

    /** Notes when the matrix has all its rows, and when the frame after that was drawn. */
    private static final String PROBE = """
            (function () {
              'use strict';
              var wanted = parseInt(document.currentScript.dataset.rows, 10);
              var resolve;
              window.emBenchDone = new Promise(function (r) { resolve = r; });
              var done = false;
              var observer = new MutationObserver(function () {
                if (done) {
                  return;
                }
                var rows = document.querySelectorAll('#em-matrix tbody tr.em-row').length;
                if (rows < wanted) {
                  return;
                }
                done = true;
                observer.disconnect();
                var rendered = performance.now();
                requestAnimationFrame(function () {
                  setTimeout(function () {
                    resolve({ rows: rows, rendered: rendered, painted: performance.now() });
                  }, 0);
                });
              });
              observer.observe(document.documentElement, { childList: true, subtree: true });
            })();
            """;
}
