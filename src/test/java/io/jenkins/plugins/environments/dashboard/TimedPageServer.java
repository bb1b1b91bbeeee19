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
 * on each request, and a small probe script that notes when the matrix has its first screenful of rows, whether the
 * filter then answers for an app further down, and when the matrix has all its rows.
 *
 * <p>The probe is a file of its own, loaded first in the head (the page's Content-Security-Policy, like Jenkins',
 * allows no inline script). It watches the document and records {@code performance.now()} (milliseconds since the
 * navigation started) at each step, and resolves {@code window.emBenchDone} with them.
 */
final class TimedPageServer implements AutoCloseable {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self';" + " img-src 'self' data:; connect-src 'self'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path assets;
    private final Supplier<String> data;
    private final int rows;
    private final String lastApp;

    private TimedPageServer(
            HttpServer server, ExecutorService executor, Path assets, Supplier<String> data, int rows, String lastApp) {
        this.server = server;
        this.executor = executor;
        this.assets = assets;
        this.data = data;
        this.rows = rows;
        this.lastApp = lastApp;
    }

    /**
     * @param assets the folder with {@code dashboard.js} and {@code dashboard.css}
     * @param data makes the body of {@code GET /data}, on each request
     * @param rows how many matrix rows the probe waits for
     * @param lastApp the app of the matrix's last row, which the probe types into the filter (letters, digits and
     *     {@code -} only: it goes into an attribute of the shell)
     */
    static TimedPageServer start(Path assets, Supplier<String> data, int rows, String lastApp) throws IOException {
        if (!lastApp.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException(
                    "The app name for the probe must be letters, digits and '-', not '" + lastApp + "'");
        }
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
        TimedPageServer page = new TimedPageServer(server, executor, assets, data, rows, lastApp);
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
                  <script src="/bench/probe.js" data-rows="%d" data-last-app="%s"></script>
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
                """.formatted(rows, lastApp);
    }

    /**
     * Notes, in three steps: when the matrix has its first screenful of rows (the last row reaches the bottom of the
     * window, or every row is in) and the frame after that was drawn; then, right away, types the name of the app of
     * the last row into the filter and notes when the frame with the answer was drawn (it must show that app's row
     * and no other: the filter has to reach apps whose rows were not drawn yet); then clears the filter and notes
     * when the matrix has all its rows, and the frame after that.
     */
    private static final String PROBE = """
            (function () {
              'use strict';
              var script = document.currentScript;
              var wanted = parseInt(script.dataset.rows, 10);
              var lastApp = script.dataset.lastApp;
              var resolve;
              window.emBenchDone = new Promise(function (r) { resolve = r; });
              var result = {};
              var phase = 'first';
              function rows() {
                return document.querySelectorAll('#em-matrix tbody tr.em-row');
              }
              function nextFrame(then) {
                requestAnimationFrame(function () { setTimeout(then, 0); });
              }
              function filter(text) {
                var input = document.getElementById('em-filter');
                input.value = text;
                input.dispatchEvent(new Event('input', { bubbles: true }));
              }
              function complete() {
                var all = rows();
                if (phase !== 'complete' || all.length < wanted) {
                  return;
                }
                phase = 'done';
                observer.disconnect();
                result.rows = all.length;
                result.complete = performance.now();
                nextFrame(function () {
                  result.completePainted = performance.now();
                  resolve(result);
                });
              }
              function tryFilter() {
                var typed = performance.now();
                filter(lastApp);
                nextFrame(function () {
                  result.filterDrawn = performance.now();
                  result.filterMs = result.filterDrawn - typed;
                  var shown = document.querySelectorAll('#em-matrix tbody tr.em-row:not([hidden])');
                  result.filterShown = shown.length;
                  result.filterRight = shown.length === 1 && shown[0].dataset.app === lastApp;
                  filter('');
                  phase = 'complete';
                  complete();
                });
              }
              var observer = new MutationObserver(function () {
                if (phase === 'first') {
                  var all = rows();
                  if (all.length === 0) {
                    return;
                  }
                  var full = all.length >= wanted
                      || all[all.length - 1].getBoundingClientRect().bottom >= window.innerHeight;
                  if (!full) {
                    return;
                  }
                  phase = 'filter';
                  result.firstRows = all.length;
                  result.rendered = performance.now();
                  nextFrame(function () {
                    result.painted = performance.now();
                    tryFilter();
                  });
                } else if (phase === 'complete') {
                  complete();
                }
              });
              observer.observe(document.documentElement, { childList: true, subtree: true });
            })();
            """;
}
