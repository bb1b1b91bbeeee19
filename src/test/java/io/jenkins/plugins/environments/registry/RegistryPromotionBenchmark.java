package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.IsolatedProcess;
import io.jenkins.plugins.environments.testing.PerformanceReport;
import io.jenkins.plugins.environments.testing.ScratchDirectory;
import io.jenkins.plugins.environments.testing.SeededOciImages;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry strategy of {@code promoteDigest} against {@code skopeo copy}, on the same real registries (the target
 * with basic auth) and the same images of five shapes: time for a copy between registries, the requests and bytes of
 * each copy, the requests and blob bytes of a retag and of a copy to a registry that already has every layer, the time
 * of each blob concurrency of {@link ImageCopier}, and the heap a 500 MiB layer takes in a JVM limited to 64 MiB.
 * Writes the {@code registry-promotion} section of {@code docs/performance.md}.
 *
 * <p>{@code -Dbenchmark.runs=N} sets the timed runs of each measurement (7 by default; fewer only for a trial).
 */
@Tag(PerformanceReport.TAG)
class RegistryPromotionBenchmark {

    private static final int RUNS = Integer.getInteger("benchmark.runs", 7);
    private static final String USER = "bench";
    private static final String PASSWORD = "B3nch-Pa55word";
    private static final int MIB = 1024 * 1024;

    /** The blob concurrencies measured on the shapes with many blobs. */
    private static final List<Integer> CONCURRENCIES = List.of(1, 2, 4, 6, 8);

    private static final long LARGE_LAYER_BYTES = 500L * MIB;
    private static final String LARGE_LAYER_HEAP = "64m";

    @TempDir
    Path scratch;

    private DockerRegistry source;
    private int sandboxes;

    /**
     * One image the benchmark copies.
     *
     * @param label the image, as the tables name it
     * @param name its repository under {@code bench/} in the source registry, and under the client's name in targets
     * @param image its manifest or index
     * @param index whether it is an index (skopeo then needs {@code --all})
     * @param manyBlobs whether its blob concurrency is measured
     */
    private record Shape(String label, String name, SeededOciImages.Blob image, boolean index, boolean manyBlobs) {

        String from(String sourceHost) {
            return sourceHost + "/bench/" + name + "@" + image.digest();
        }

        String to(String targetHost, String repository) {
            return targetHost + "/" + repository + "/" + name + ":live";
        }
    }

    /** What the proxies counted for one copy. */
    private record Traffic(long sourceRequests, long targetRequests, long blobBytes, long bodyBytes) {}

    @Test
    void registryPromotion() throws Exception {
        long started = System.nanoTime();
        try (DockerRegistry sourceRegistry = DockerRegistry.start();
                CountingProxy sourceProxy = CountingProxy.start(sourceRegistry.host())) {
            source = sourceRegistry;
            List<Shape> shapes = seed();
            Shape eight = shapes.get(1);

            StringBuilder md = new StringBuilder("## Registry promotion (`promoteDigest`, registry strategy)\n\n")
                    .append("Written by `RegistryPromotionBenchmark`. ")
                    .append(PerformanceReport.machine())
                    .append(" Two Debian `docker-registry` processes on loopback (the target with htpasswd basic")
                    .append(" auth); the images are OCI layouts of gzip'd layers of random bytes, written by the")
                    .append(" benchmark and pushed with skopeo. `ImageCopier` runs in the test JVM (warmed up by one")
                    .append(" unmeasured run, new sessions for every run, its default concurrency); `skopeo copy")
                    .append(" --preserve-digests` (with `--all` for the index) is a new process each run. Every run")
                    .append(" copies into a new target registry (skopeo's blob-info cache would otherwise mount what")
                    .append(" an earlier run copied), both clients into the same one in alternating order, so the")
                    .append(" target lacks every blob. Wall-clock time from the start of the copy (new sessions or")
                    .append(" process) to the tag being in place. Median of ")
                    .append(runs(RUNS))
                    .append(" each.")
                    .append(
                            RUNS < 7
                                    ? " **A trial with fewer runs than the 7 the figures need (`-Dbenchmark.runs`);"
                                            + " do not compare them.**"
                                    : "")
                    .append("\n\n")
                    .append("| image | ImageCopier | skopeo copy | ratio (ImageCopier / skopeo) |\n")
                    .append("|---|---:|---:|---:|\n");
            Map<Shape, long[]> medians = new LinkedHashMap<>();
            StringBuilder runs = new StringBuilder();
            for (Shape shape : shapes) {
                List<List<Long>> times = copyTimes(shape);
                long o = median(times.get(0));
                long s = median(times.get(1));
                medians.put(shape, new long[] {o, s});
                md.append("| ")
                        .append(shape.label())
                        .append(" | ")
                        .append(ms(o))
                        .append(" | ")
                        .append(ms(s))
                        .append(" | ")
                        .append(ratio(o, s))
                        .append(" |\n");
                runs.append("- ")
                        .append(shape.label())
                        .append(": ImageCopier ")
                        .append(msList(times.get(0)))
                        .append(", skopeo ")
                        .append(msList(times.get(1)))
                        .append('\n');
            }
            md.append("\nGoals (issue 15): ratio at most 0.80 for the shapes with many layers and the index, at most")
                    .append(" 1.00 for the others. ");
            List<String> missed = new ArrayList<>();
            medians.forEach((shape, m) -> {
                double goal = shape.manyBlobs() ? 0.8 : 1.0;
                if ((double) m[0] / m[1] > goal) {
                    missed.add(shape.label() + " (" + ratio(m[0], m[1]) + ")");
                }
            });
            md.append(missed.isEmpty() ? "Met for every shape." : "Missed for: " + String.join("; ", missed) + ".")
                    .append(" Every run, in ms:\n\n")
                    .append(runs);

            trafficTable(md, shapes, sourceProxy);
            retagAndPresentLayers(md, eight);
            concurrencyTable(md, shapes);
            largeLayer(md);

            md.append("\nThe whole benchmark took ")
                    .append(Math.round((System.nanoTime() - started) / 60e9))
                    .append(" min; one-minute load average of the machine at the end: ")
                    .append(String.format(
                            Locale.ROOT,
                            "%.2f",
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                    .append(". Rerun with\n\n```\n")
                    .append("mvn -B -f central-build/pom.xml verify -Dbenchmarks -Dtest=RegistryPromotionBenchmark")
                    .append(" -Dsurefire.failIfNoSpecifiedTests=false\n```\n");
            PerformanceReport.project().writeSection("registry-promotion", md.toString());
        }
    }

    /** Writes the five images into a layout and pushes them to the source registry. */
    private List<Shape> seed() {
        SeededOciImages layout = SeededOciImages.create(scratch.resolve("layout"), 2026);
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(
                "1 layer of 50 MiB",
                "big",
                layout.image("linux", "amd64", List.of(layout.layer(50 * MIB))),
                false,
                false));
        shapes.add(new Shape(
                "8 layers of 3 MiB", "eight", layout.image("linux", "amd64", layers(layout, 8, 3)), false, true));
        shapes.add(new Shape(
                "30 layers of 1 MiB", "thirty", layout.image("linux", "amd64", layers(layout, 30, 1)), false, true));
        SeededOciImages.Blob base = layout.layer(2 * MIB);
        List<SeededOciImages.Blob> platforms = new ArrayList<>();
        for (String architecture : List.of("amd64", "arm64", "s390x")) {
            List<SeededOciImages.Blob> layers = new ArrayList<>(List.of(base));
            layers.addAll(layers(layout, 3, 2));
            platforms.add(layout.image("linux", architecture, layers));
        }
        shapes.add(new Shape(
                "index of 3 platforms × 4 layers of 2 MiB (1 shared)", "index", layout.index(platforms), true, true));
        shapes.add(new Shape(
                "1 layer of 1 KiB (latency)",
                "tiny",
                layout.image("linux", "amd64", List.of(layout.layer(1024))),
                false,
                false));
        for (Shape shape : shapes) {
            layout.tag(shape.name(), shape.image());
            layout.push(shape.name(), source, "bench/" + shape.name() + ":1");
        }
        return shapes;
    }

    private static List<SeededOciImages.Blob> layers(SeededOciImages layout, int count, int mib) {
        List<SeededOciImages.Blob> layers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            layers.add(layout.layer(mib * MIB));
        }
        return layers;
    }

    /**
     * Times copies of one image, each into a target registry of its own: skopeo keeps a blob-info cache (under
     * {@code /var/lib/containers/cache} when run as root) and would otherwise mount blobs it copied in an earlier run
     * instead of uploading them. Both clients copy into the same new registry, in alternating order.
     *
     * @return the times of ImageCopier, then of skopeo, in nanoseconds
     */
    private List<List<Long>> copyTimes(Shape shape) throws Exception {
        String from = shape.from(source.host());
        List<Long> ours = new ArrayList<>();
        List<Long> skopeo = new ArrayList<>();
        for (int run = -1; run < RUNS; run++) {
            try (DockerRegistry fresh = DockerRegistry.startWithBasicAuth(USER, PASSWORD)) {
                String oursTo = shape.to(fresh.host(), "ours");
                String skopeoTo = shape.to(fresh.host(), "skopeo");
                long o;
                long s;
                if (run % 2 == 0) {
                    o = oursOnce(from, oursTo, fresh, 0);
                    s = skopeoOnce(shape, from, skopeoTo);
                } else {
                    s = skopeoOnce(shape, from, skopeoTo);
                    o = oursOnce(from, oursTo, fresh, 0);
                }
                assertTagged(fresh, shape, "ours", "skopeo");
                if (run >= 0) { // run -1 warms up both
                    ours.add(o);
                    skopeo.add(s);
                }
            }
        }
        return List.of(ours, skopeo);
    }

    /** Counts the requests and bytes of one copy of each shape by each client, through the proxies. */
    private void trafficTable(StringBuilder md, List<Shape> shapes, CountingProxy sourceProxy) throws Exception {
        md.append("\nRequests and bytes of one copy of each image into a new target registry, counted by a loopback")
                .append(" proxy in front of each registry. Blob bytes are the bodies of upload requests (`POST`,")
                .append(" `PATCH`, `PUT` under `blobs/uploads/`); request body bytes add the manifests.\n\n")
                .append("| image | client | requests to source | requests to target | blob bytes uploaded |")
                .append(" request body bytes |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        List<String> more = new ArrayList<>();
        for (Shape shape : shapes) {
            Traffic ours = traffic(shape, sourceProxy, true);
            Traffic skopeo = traffic(shape, sourceProxy, false);
            trafficRow(md, shape.label(), "ImageCopier", ours);
            trafficRow(md, shape.label(), "skopeo copy", skopeo);
            if (ours.bodyBytes() > skopeo.bodyBytes()) {
                more.add(shape.label() + " (" + (ours.bodyBytes() - skopeo.bodyBytes()) + " bytes more)");
            }
        }
        md.append("\nGoal (issue 15): no more bytes sent than skopeo for any image. ")
                .append(more.isEmpty() ? "Met for every image." : "Missed for: " + String.join("; ", more) + ".")
                .append('\n');
    }

    private Traffic traffic(Shape shape, CountingProxy sourceProxy, boolean ours) throws Exception {
        try (DockerRegistry fresh = DockerRegistry.startWithBasicAuth(USER, PASSWORD);
                CountingProxy targetProxy = CountingProxy.start(fresh.host())) {
            String from = shape.from(sourceProxy.host());
            String to = shape.to(targetProxy.host(), ours ? "ours" : "skopeo");
            sourceProxy.reset();
            targetProxy.reset();
            if (ours) {
                try (RegistrySession s = anonymous(sourceProxy.host());
                        RegistrySession t = basic(targetProxy.host())) {
                    CopyReport report = new ImageCopier(s, t, RetryPolicy.standard()).promote(from, to);
                    assertEquals(CopyReport.Mode.COPY, report.mode());
                }
            } else {
                skopeo(from, to, true, shape.index());
            }
            Traffic traffic = new Traffic(
                    sourceProxy.requests(),
                    targetProxy.requests(),
                    uploads(targetProxy),
                    sourceProxy.requestBodyBytes() + targetProxy.requestBodyBytes());
            assertTagged(fresh, shape, ours ? "ours" : "skopeo");
            return traffic;
        }
    }

    private static void trafficRow(StringBuilder md, String label, String client, Traffic traffic) {
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(client)
                .append(" | ")
                .append(traffic.sourceRequests())
                .append(" | ")
                .append(traffic.targetRequests())
                .append(" | ")
                .append(traffic.blobBytes())
                .append(" | ")
                .append(traffic.bodyBytes())
                .append(" |\n");
    }

    /**
     * A retag in one repository of the anonymous source, and a copy to a registry with basic auth that already has
     * every layer of the 8-layer image, counted by the proxies.
     */
    private void retagAndPresentLayers(StringBuilder md, Shape eight) throws Exception {
        try (DockerRegistry targetRegistry = DockerRegistry.startWithBasicAuth(USER, PASSWORD);
                CountingProxy sourceProxy = CountingProxy.start(source.host());
                CountingProxy targetProxy = CountingProxy.start(targetRegistry.host())) {
            // The image the "target has every layer" case copies again.
            String d = eight.image().digest();
            oursOnce(eight.from(source.host()), targetRegistry.host() + "/ours/eight-0:live", targetRegistry, 0);
            skopeo(eight.from(source.host()), targetRegistry.host() + "/skopeo/eight-0:live", true, false);

            md.append("\nRequests and bytes, counted the same way, for the 8-layer image in two cases where no blob")
                    .append(" needs to move. The retag is in the anonymous registry: `HEAD` of the target tag, `GET`")
                    .append(" of the manifest, `PUT` under the tag. The copy goes to the registry with basic auth,")
                    .append(" which already has every layer.\n\n")
                    .append("| case | client | HTTP requests | blob bytes uploaded | request body bytes |\n")
                    .append("|---|---|---:|---:|---:|\n");
            // Retag in one repository.
            sourceProxy.reset();
            CopyReport retag;
            try (RegistrySession s = anonymous(sourceProxy.host())) {
                retag = new ImageCopier(s, s, RetryPolicy.standard())
                        .promote(sourceProxy.host() + "/bench/eight@" + d, sourceProxy.host() + "/bench/eight:ours");
            }
            assertEquals(0, retag.blobBytesUploaded());
            assertTrue(retag.requests() <= 3, () -> "retag took " + retag.requests() + " requests");
            row(md, "retag in one repository", "ImageCopier", sourceProxy, null, retag.blobBytesUploaded());
            sourceProxy.reset();
            skopeo(sourceProxy.host() + "/bench/eight@" + d, sourceProxy.host() + "/bench/eight:skopeo", false, false);
            row(md, "retag in one repository", "skopeo copy", sourceProxy, null, uploads(sourceProxy));

            // Copy to a registry that already has every layer (copied there above).
            sourceProxy.reset();
            targetProxy.reset();
            CopyReport again;
            try (RegistrySession s = anonymous(sourceProxy.host());
                    RegistrySession t = basic(targetProxy.host())) {
                again = new ImageCopier(s, t, RetryPolicy.standard())
                        .promote(sourceProxy.host() + "/bench/eight@" + d, targetProxy.host() + "/ours/eight-0:again");
            }
            assertEquals(0, again.blobBytesUploaded());
            row(md, "copy, target has every layer", "ImageCopier", sourceProxy, targetProxy, again.blobBytesUploaded());
            sourceProxy.reset();
            targetProxy.reset();
            skopeo(sourceProxy.host() + "/bench/eight@" + d, targetProxy.host() + "/skopeo/eight-0:again", true, false);
            row(md, "copy, target has every layer", "skopeo copy", sourceProxy, targetProxy, uploads(targetProxy));
            md.append("\nGoals: a retag sends no blob bytes in at most 3 requests; a copy to a registry that has every")
                    .append(" layer sends no blob bytes.\n");
        }
    }

    /**
     * Times ImageCopier at each concurrency on the shapes with many blobs. Each run starts a new target registry and
     * copies the image once at each concurrency into a repository of its own, the order turned by one each run.
     */
    private void concurrencyTable(StringBuilder md, List<Shape> shapes) throws Exception {
        md.append("\nImageCopier at each blob concurrency (blobs in flight at once), the images with many layers, into")
                .append(" a new target registry each run, each concurrency into a repository of its own, the order")
                .append(" turned by one each run; one unmeasured run first. Median of ")
                .append(runs(RUNS))
                .append(" each.");
        md.append("\n\n| image |");
        CONCURRENCIES.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append(" fastest |\n|---|");
        CONCURRENCIES.forEach(c -> md.append("---:|"));
        md.append("---:|\n");
        Map<Integer, Double> slowdown = new LinkedHashMap<>();
        CONCURRENCIES.forEach(c -> slowdown.put(c, 0.0));
        List<String> fastestPerShape = new ArrayList<>();
        List<Shape> many = shapes.stream().filter(Shape::manyBlobs).toList();
        for (Shape shape : many) {
            Map<Integer, Long> medians = concurrencyTimes(shape);
            int fastest = fastest(medians);
            long best = medians.get(fastest);
            md.append("| ").append(shape.label()).append(" |");
            for (int c : CONCURRENCIES) {
                md.append(' ').append(ms(medians.get(c))).append(" |");
                slowdown.merge(c, (double) medians.get(c) / best / many.size(), Double::sum);
            }
            md.append(' ').append(fastest).append(" |\n");
            fastestPerShape.add(shape.label() + ": " + fastest);
        }
        int overall = slowdown.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        md.append("\nFastest concurrency over these images: ")
                .append(overall)
                .append(" (its time is on average ")
                .append(String.format(Locale.ROOT, "%.2f", slowdown.get(overall)))
                .append(" × the best time of each image; ")
                .append(slowdown.entrySet().stream()
                        .map(e -> e.getKey() + ": " + String.format(Locale.ROOT, "%.2f", e.getValue()))
                        .collect(Collectors.joining(", ")))
                .append("). Fastest for each image: ")
                .append(String.join("; ", fastestPerShape))
                .append(".\n");
    }

    private Map<Integer, Long> concurrencyTimes(Shape shape) throws Exception {
        String from = shape.from(source.host());
        Map<Integer, List<Long>> times = new LinkedHashMap<>();
        for (int run = -1; run < RUNS; run++) {
            try (DockerRegistry fresh = DockerRegistry.startWithBasicAuth(USER, PASSWORD)) {
                List<String> repositories = new ArrayList<>();
                for (int i = 0; i < CONCURRENCIES.size(); i++) {
                    int concurrency = CONCURRENCIES.get(Math.floorMod(i + run, CONCURRENCIES.size()));
                    String repository = "ours-" + concurrency;
                    long t = oursOnce(from, shape.to(fresh.host(), repository), fresh, concurrency);
                    repositories.add(repository);
                    if (run >= 0) {
                        times.computeIfAbsent(concurrency, c -> new ArrayList<>())
                                .add(t);
                    }
                }
                assertTagged(fresh, shape, repositories.toArray(String[]::new));
            }
        }
        Map<Integer, Long> medians = new LinkedHashMap<>();
        for (int c : CONCURRENCIES) {
            medians.put(c, median(times.get(c)));
        }
        return medians;
    }

    private static int fastest(Map<Integer, Long> medians) {
        return medians.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    /**
     * Copies one layer of 500 MiB random bytes between two anonymous registries in a JVM limited to 64 MiB of heap,
     * and writes the heap it took. The layout is deleted once pushed; the registries' storage when they stop.
     */
    private void largeLayer(StringBuilder md) throws Exception {
        long usable = Files.getFileStore(scratch).getUsableSpace();
        assertTrue(
                usable > 4 * LARGE_LAYER_BYTES,
                () -> "the 500 MiB copy needs about 1.5 GiB of disk (layout, then two registries); " + usable
                        + " bytes are free under " + scratch);
        try (DockerRegistry from = DockerRegistry.start();
                DockerRegistry to = DockerRegistry.start()) {
            SeededOciImages.Blob layer;
            SeededOciImages.Blob image;
            try (ScratchDirectory dir = ScratchDirectory.create("large-layer")) {
                SeededOciImages layout = SeededOciImages.create(dir.path().resolve("layout"), 500);
                layer = layout.streamedLayer(LARGE_LAYER_BYTES);
                image = layout.image("linux", "amd64", List.of(layer));
                layout.tag("large", image).push("large", from, "bench/large:1");
            }
            HeapBoundCopy copy = HeapBoundCopy.run(
                    LARGE_LAYER_HEAP,
                    from.host(),
                    from.host() + "/bench/large@" + image.digest(),
                    to.host(),
                    to.host() + "/ours/large:live",
                    scratch.resolve("large-layer-child"));
            assertEquals(image.digest(), copy.digest());
            assertEquals(2, copy.blobsUploaded(), "the layer and the config");
            try (RegistrySession t = anonymous(to.host())) {
                assertEquals(
                        image.digest(),
                        new RegistryClient(t)
                                .headManifest("ours/large", "live")
                                .orElseThrow()
                                .digest()
                                .value());
            }
            md.append("\nHeap of a large layer: one layer of ")
                    .append(LARGE_LAYER_BYTES / MIB)
                    .append(" MiB random bytes (an uncompressed tar, ")
                    .append(layer.size())
                    .append(" bytes) copied by ImageCopier between two anonymous registries, in a JVM of its own")
                    .append(" started with `-Xmx")
                    .append(LARGE_LAYER_HEAP)
                    .append(' ')
                    .append(HeapBoundCopy.COLLECTOR)
                    .append("` (`HeapBoundCopyMain`). Peak heap used: the largest heap occupancy before any")
                    .append(" collection or at the end (a collector fills the heap it is given before it collects);")
                    .append(" after collections: the most still in use after one.\n\n")
                    .append(
                            "| layer | -Xmx | peak heap used | most heap after a collection | sum of the pools' peaks |")
                    .append(" collections | blob bytes uploaded | requests |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                    .append("| ")
                    .append(LARGE_LAYER_BYTES / MIB)
                    .append(" MiB | ")
                    .append(mib(copy.maxHeap()))
                    .append(" | ")
                    .append(mib(copy.peakHeapUsed()))
                    .append(" | ")
                    .append(mib(copy.peakAfterCollection()))
                    .append(" | ")
                    .append(mib(copy.poolPeaks()))
                    .append(" | ")
                    .append(copy.collections())
                    .append(" | ")
                    .append(copy.blobBytesUploaded())
                    .append(" | ")
                    .append(copy.requests())
                    .append(
                            " |\n\nGoal (issue 15): heap bounded independently of the blob size. `ConstantMemoryCopyTest`")
                    .append(" checks the same with a 96 MiB layer and `-Xmx32m` in the normal test run.\n");
        }
    }

    /** @return the copier under test: the default concurrency for 0, else that many parallel transfers */
    private static ImageCopier copier(RegistrySession s, RegistrySession t, int concurrency) {
        return concurrency == 0
                ? new ImageCopier(s, t, RetryPolicy.standard())
                : new ImageCopier(s, t, RetryPolicy.standard(), concurrency);
    }

    /** @return nanoseconds from opening the sessions to the tag being in place */
    private long oursOnce(String from, String to, DockerRegistry target, int concurrency) throws Exception {
        long start = System.nanoTime();
        try (RegistrySession s = anonymous(source.host());
                RegistrySession t = basic(target.host())) {
            CopyReport report = copier(s, t, concurrency).promote(from, to);
            assertEquals(CopyReport.Mode.COPY, report.mode());
            assertEquals(0, report.blobsSkipped());
        }
        return System.nanoTime() - start;
    }

    private long skopeoOnce(Shape shape, String from, String to) {
        long start = System.nanoTime();
        skopeo(from, to, true, shape.index());
        return System.nanoTime() - start;
    }

    private void skopeo(String from, String to, boolean credentials, boolean all) {
        List<String> command = new ArrayList<>(List.of(
                IsolatedProcess.requireOnPath("skopeo", "skopeo").toString(),
                "copy",
                "--quiet",
                "--preserve-digests",
                "--src-tls-verify=false",
                "--dest-tls-verify=false"));
        if (all) {
            command.add("--all");
        }
        if (credentials) {
            command.add("--dest-creds=" + USER + ":" + PASSWORD);
        }
        command.add("docker://" + from);
        command.add("docker://" + to);
        Path sandbox = scratch.resolve("skopeo-" + (sandboxes++));
        try {
            Files.createDirectories(sandbox);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        IsolatedProcess.Result result = IsolatedProcess.run(command, sandbox, sandbox, Map.of(), Duration.ofMinutes(5));
        assertEquals(0, result.exitCode(), result::output);
    }

    /** Checks that the {@code live} tag of the shape's repository under each prefix names the image's digest. */
    private static void assertTagged(DockerRegistry target, Shape shape, String... prefixes) throws Exception {
        try (RegistrySession t = basic(target.host())) {
            RegistryClient client = new RegistryClient(t);
            for (String prefix : prefixes) {
                assertEquals(
                        shape.image().digest(),
                        client.headManifest(prefix + "/" + shape.name(), "live")
                                .orElseThrow()
                                .digest()
                                .value(),
                        prefix + "/" + shape.name());
            }
        }
    }

    private static void row(
            StringBuilder md, String label, String client, CountingProxy a, CountingProxy b, long blobBytes) {
        long requests = a.requests() + (b == null ? 0 : b.requests());
        long body = a.requestBodyBytes() + (b == null ? 0 : b.requestBodyBytes());
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(client)
                .append(" | ")
                .append(requests)
                .append(" | ")
                .append(blobBytes)
                .append(" | ")
                .append(body)
                .append(" |\n");
    }

    /** Blob bytes a client sent: bodies of upload requests (POST, PATCH and PUT under {@code blobs/uploads}). */
    private static long uploads(CountingProxy proxy) {
        return proxy.requestBodyBytes("PUT /v2/*/blobs/uploads/*")
                + proxy.requestBodyBytes("PATCH /v2/*/blobs/uploads/*")
                + proxy.requestBodyBytes("POST /v2/*/blobs/uploads/");
    }

    private static RegistrySession anonymous(String host) {
        return new RegistrySession(new RegistryAccess("source", host, true, new RegistryCredential.Anonymous(), null));
    }

    private static RegistrySession basic(String host) {
        return new RegistrySession(new RegistryAccess(
                "target", host, true, new RegistryCredential.Basic(USER, PASSWORD.toCharArray()), "bench"));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String runs(int count) {
        return count + (count == 1 ? " run" : " runs");
    }

    private static String ratio(long ours, long skopeo) {
        return String.format(Locale.ROOT, "%.2f", (double) ours / skopeo);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, nanos < 100_000_000L ? "%.1f ms" : "%.0f ms", nanos / 1e6);
    }

    private static String msList(List<Long> nanos) {
        return nanos.stream()
                .map(n -> String.format(Locale.ROOT, "%.0f", n / 1e6))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
