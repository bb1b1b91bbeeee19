package io.jenkins.plugins.environments.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs external programs for tests with an environment that cannot reach the user's own configuration.
 *
 * <p>The child gets a fresh environment: only {@code PATH}, locale, time zone and proxy variables are passed on
 * from the test JVM; {@code HOME}, the XDG base directories, {@code XDG_RUNTIME_DIR}, {@code TMPDIR},
 * {@code KUBECONFIG} and {@code KUBECACHEDIR} all point into a sandbox directory chosen by the caller. Programs
 * therefore never read or write the real home folder, and variables such as {@code KUBECONFIG} or
 * {@code REGISTRY_HTTP_ADDR} set in the developer's shell do not leak into tests.
 *
 * <p>{@link #requireOnPath(String, String)} turns a missing tool into a failure that names the Debian package to
 * install, so tests never skip silently.
 */
public final class IsolatedProcess {

    private static final List<String> PASSED_THROUGH = List.of(
            "PATH",
            "LANG",
            "LC_ALL",
            "TZ",
            "http_proxy",
            "https_proxy",
            "no_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY");

    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Exit code and captured output of a finished program. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** @return stdout followed by stderr, handy for assertion messages */
        public String output() {
            return stdout + stderr;
        }
    }

    private IsolatedProcess() {}

    /**
     * Finds an executable on {@code PATH}.
     *
     * @param program the executable name, for example {@code docker-registry}
     * @param debianPackage the Debian package that provides it
     * @return the absolute path of the executable
     * @throws IllegalStateException naming the package and the apt-get command when the program is missing
     */
    public static Path requireOnPath(String program, String debianPackage) {
        return findOnPath(program)
                .orElseThrow(() -> new IllegalStateException("'" + program + "' was not found on PATH. Install the"
                        + " Debian package '" + debianPackage + "': apt-get update && apt-get install -y "
                        + debianPackage));
    }

    /**
     * @param program an executable name
     * @return the first executable of that name on {@code PATH}, if any
     */
    public static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * Prepares a process builder whose environment is confined to {@code sandbox}.
     *
     * @param command the program and its arguments (never a shell string)
     * @param workDir the working directory of the child
     * @param sandbox a directory owned by the caller; home and cache folders are created below it
     * @return a builder that the caller may still adjust (extra variables, redirects)
     */
    public static ProcessBuilder builder(List<String> command, Path workDir, Path sandbox) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = Map.copyOf(env);
        env.clear();
        for (String name : PASSED_THROUGH) {
            if (inherited.containsKey(name)) {
                env.put(name, inherited.get(name));
            }
        }
        env.put("HOME", directory(sandbox, "home"));
        env.put("XDG_CONFIG_HOME", directory(sandbox, "config"));
        env.put("XDG_CACHE_HOME", directory(sandbox, "cache"));
        env.put("XDG_DATA_HOME", directory(sandbox, "data"));
        env.put("XDG_STATE_HOME", directory(sandbox, "state"));
        env.put("XDG_RUNTIME_DIR", privateDirectory(sandbox, "runtime"));
        env.put("TMPDIR", directory(sandbox, "tmp"));
        env.put("KUBECACHEDIR", directory(sandbox, "kubecache"));
        env.put(
                "KUBECONFIG",
                sandbox.resolve("home").resolve(".kube").resolve("config").toString());
        return builder;
    }

    /**
     * Runs a program to completion with an isolated environment.
     *
     * @param command the program and its arguments (never a shell string)
     * @param workDir the working directory of the child
     * @param sandbox a directory owned by the caller, see {@link #builder(List, Path, Path)}
     * @param extraEnvironment variables to add after isolation (for example {@code GIT_CONFIG_NOSYSTEM})
     * @param timeout how long to wait before the child is killed and the call fails
     * @return exit code and output; a non-zero exit code is not an error here
     */
    public static Result run(
            List<String> command, Path workDir, Path sandbox, Map<String, String> extraEnvironment, Duration timeout) {
        ProcessBuilder builder = builder(command, workDir, sandbox);
        builder.environment().putAll(extraEnvironment);
        Path logs = Path.of(directory(sandbox, "process-output"));
        int run = RUNS.incrementAndGet();
        Path stdout = logs.resolve(run + ".out");
        Path stderr = logs.resolve(run + ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("Timed out after " + timeout + " running " + command + "\nstdout: "
                        + Files.readString(stdout, StandardCharsets.UTF_8) + "\nstderr: "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            Result result = new Result(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private static String privateDirectory(Path sandbox, String name) {
        String dir = directory(sandbox, name);
        try {
            Files.setPosixFilePermissions(Path.of(dir), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: only some programs insist on a private runtime directory.
        }
        return dir;
    }

    private static String directory(Path sandbox, String name) {
        try {
            return Files.createDirectories(sandbox.resolve(name)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + sandbox.resolve(name), e);
        }
    }
}
