package io.jenkins.plugins.environments.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry (Debian's {@code docker-registry}, i.e. CNCF distribution 2.8) listening on
 * {@code 127.0.0.1} at a free port, with its own temporary storage directory.
 *
 * <p>{@link #start()} serves anonymous pulls and pushes; {@link #startWithBasicAuth(String, String)} adds an
 * htpasswd file made with {@code htpasswd -Bbn}, so {@code /v2/} answers 401 with a {@code Basic} challenge until
 * the credentials are sent. The registry speaks plain HTTP, so clients must be told it is insecure (for example
 * {@code skopeo --tls-verify=false}). Blob deletion is enabled.
 *
 * <p>Closing the fixture stops the process (destroy, then wait) and deletes its storage. A missing
 * {@code docker-registry} or {@code htpasswd} executable fails with the Debian package to install
 * ({@code docker-registry}, {@code apache2-utils}).
 */
public final class DockerRegistry implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final int PORT_ATTEMPTS = 3;

    private final ScratchDirectory scratch;
    private final Process process;
    private final int port;
    private final String username;
    private final String password;

    private DockerRegistry(ScratchDirectory scratch, Process process, int port, String username, String password) {
        this.scratch = scratch;
        this.process = process;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** @return a running registry that accepts anonymous pushes and pulls */
    public static DockerRegistry start() {
        return launch(null, null);
    }

    /**
     * @param username the only user the registry accepts
     * @param password that user's password
     * @return a running registry that requires HTTP basic authentication for every {@code /v2/} request
     */
    public static DockerRegistry startWithBasicAuth(String username, String password) {
        return launch(username, password);
    }

    /** @return {@code 127.0.0.1:PORT}, the form image references use */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** @return the base URL, for example {@code http://127.0.0.1:5123} (no trailing slash) */
    public URI url() {
        return URI.create("http://" + host());
    }

    /** @return the user name of the basic-auth variant, or {@code null} for an anonymous registry */
    public String username() {
        return username;
    }

    /** @return the password of the basic-auth variant, or {@code null} for an anonymous registry */
    public String password() {
        return password;
    }

    /** Stops the registry process and deletes its storage and configuration. */
    @Override
    public void close() {
        try {
            stop(process);
        } finally {
            scratch.close();
        }
    }

    private static DockerRegistry launch(String username, String password) {
        Path executable = IsolatedProcess.requireOnPath("docker-registry", "docker-registry");
        ScratchDirectory scratch = ScratchDirectory.create("docker-registry");
        try {
            String authSection = "";
            if (username != null) {
                authSection = "auth:\n  htpasswd:\n    realm: environments-test-registry\n    path: "
                        + quoted(writeHtpasswd(scratch, username, password)) + "\n";
            }
            IllegalStateException lastFailure = null;
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                int port = freeLoopbackPort();
                Path config = scratch.path().resolve("config.yml");
                Files.writeString(config, configuration(scratch.subdirectory("storage"), port) + authSection);
                Path log = scratch.path().resolve("registry-" + attempt + ".log");
                Process process = IsolatedProcess.builder(
                                List.of(executable.toString(), "serve", config.toString()),
                                scratch.path(),
                                scratch.subdirectory("sandbox"))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                process.getOutputStream().close();
                try {
                    awaitReady(process, port, log);
                    return new DockerRegistry(scratch, process, port, username, password);
                } catch (IllegalStateException e) {
                    stop(process);
                    lastFailure = e;
                    if (!Files.readString(log).contains("address already in use")) {
                        break;
                    }
                }
            }
            throw lastFailure;
        } catch (IOException e) {
            scratch.close();
            throw new UncheckedIOException("Could not start docker-registry", e);
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    private static String configuration(Path storage, int port) {
        return """
                version: 0.1
                log:
                  level: info
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:%d
                  secret: %s
                """.formatted(quoted(storage), port, UUID.randomUUID());
    }

    /** A YAML single-quoted scalar, so that any temporary-directory path is read literally. */
    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    private static Path writeHtpasswd(ScratchDirectory scratch, String username, String password) {
        Path htpasswd = IsolatedProcess.requireOnPath("htpasswd", "apache2-utils");
        IsolatedProcess.Result result = IsolatedProcess.run(
                List.of(htpasswd.toString(), "-Bbn", username, password),
                scratch.path(),
                scratch.subdirectory("sandbox"),
                Map.of(),
                Duration.ofSeconds(30));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("htpasswd failed (" + result.exitCode() + "): " + result.output());
        }
        try {
            return Files.writeString(
                    scratch.path().resolve("htpasswd"), result.stdout().strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code GET /v2/} until the registry answers (200, or 401 when authentication is on). */
    private static void awaitReady(Process process, int port, Path log) throws IOException {
        URI probe = URI.create("http://127.0.0.1:" + port + "/v2/");
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try (HttpClient http = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2))
                .build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("docker-registry exited with code " + process.exitValue()
                            + " before answering; its log:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                try {
                    int status = http.send(
                                    HttpRequest.newBuilder(probe)
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status == 200 || status == 401) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // Expected while the registry is still starting.
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for docker-registry", e);
        }
        throw new IllegalStateException("docker-registry did not answer on " + probe + " within " + STARTUP_TIMEOUT
                + "; its log:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
