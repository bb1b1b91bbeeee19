package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.IsolatedProcess;
import io.jenkins.plugins.environments.testing.PerformanceReport;
import io.jenkins.plugins.environments.testing.SeededOciImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry strategy of {@code promoteDigest} against {@code skopeo copy}, on the same two real registries (the
 * target with basic auth) and the same images: time for a copy between registries, and the requests and blob bytes
 * of a retag and of a copy to a registry that already has every layer. Writes the {@code registry-promotion}
 * section of {@code docs/performance.md}.
 */
@Tag(PerformanceReport.TAG)
class RegistryPromotionBenchmark {

    private static final int RUNS = 7;
    private static final String USER = "bench";
    private static final String PASSWORD = "B3nch-Pa55word";

    @TempDir
    Path scratch;

    private DockerRegistry source;
    private DockerRegistry target;
    private int sandboxes;

    @Test
    void registryPromotion() throws Exception {
        try (DockerRegistry sourceRegistry = DockerRegistry.start();
                DockerRegistry targetRegistry = DockerRegistry.startWithBasicAuth(USER, PASSWORD);
                CountingProxy sourceProxy = CountingProxy.start(sourceRegistry.host());
                CountingProxy targetProxy = CountingProxy.start(targetRegistry.host())) {
            source = sourceRegistry;
            target = targetRegistry;
            SeededOciImages layout = SeededOciImages.create(scratch.resolve("layout"), 2026);
            SeededOciImages.Blob big = layout.image("linux", "amd64", List.of(layout.layer(50 * 1024 * 1024)));
            List<SeededOciImages.Blob> layers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                layers.add(layout.layer(3 * 1024 * 1024));
            }
            SeededOciImages.Blob eight = layout.image("linux", "amd64", layers);
            layout.tag("big", big).tag("eight", eight);
            layout.push("big", source, "bench/big:1");
            layout.push("eight", source, "bench/eight:1");

            StringBuilder md = new StringBuilder("## Registry promotion (`promoteDigest`, registry strategy)\n\n")
                    .append("Written by `RegistryPromotionBenchmark`. ")
                    .append(PerformanceReport.machine())
                    .append(" Two Debian `docker-registry` processes on loopback (the target with htpasswd basic")
                    .append(" auth); the images are OCI layouts written by the benchmark and pushed with skopeo.")
                    .append(" `ImageCopier` runs in the test JVM (warmed up by one unmeasured run, new sessions for")
                    .append(" every run); `skopeo copy --preserve-digests` is a new process each run. Every run")
                    .append(" copies into a new target registry (skopeo's blob-info cache would otherwise mount what")
                    .append(" an earlier run copied), both clients into the same one in alternating order, so the")
                    .append(" target lacks every blob. Wall-clock time from the start of the copy (new sessions or")
                    .append(" process) to the tag being in place. Median of ")
                    .append(RUNS)
                    .append(" runs each.\n\n")
                    .append("| image | ImageCopier | skopeo copy | ratio (ImageCopier / skopeo) |\n")
                    .append("|---|---:|---:|---:|\n");
            copyTimes(md, "1 layer of 50 MiB random bytes", "big", big);
            copyTimes(md, "8 layers of 3 MiB random bytes", "eight", eight);
            target = targetRegistry;
            // The image the "target has every layer" case copies again.
            oursOnce(source.host() + "/bench/eight@" + eight.digest(), target.host() + "/ours/eight-0:live");
            skopeoOnce(source.host() + "/bench/eight@" + eight.digest(), target.host() + "/skopeo/eight-0:live");

            md.append("\nRequests and bytes, counted by a loopback proxy in front of each registry, for the 8-layer")
                    .append(" image. The retag is in the anonymous registry: `HEAD` of the target tag, `GET` of the")
                    .append(" manifest, `PUT` under the tag. The copy goes to the registry with basic auth, which")
                    .append(" answers the first request 401; then `HEAD` of the tag, `GET` of the manifest, a `HEAD`")
                    .append(" for each of the 9 blobs (config and layers), and the `PUT` of the manifest.\n\n")
                    .append("| case | client | HTTP requests | blob bytes uploaded | request body bytes |\n")
                    .append("|---|---|---:|---:|---:|\n");
            String d = eight.digest();
            // Retag in one repository.
            sourceProxy.reset();
            CopyReport retag;
            try (RegistrySession s = anonymous(sourceProxy)) {
                retag = new ImageCopier(s, s, RetryPolicy.standard())
                        .promote(sourceProxy.host() + "/bench/eight@" + d, sourceProxy.host() + "/bench/eight:ours");
            }
            assertEquals(0, retag.blobBytesUploaded());
            assertTrue(retag.requests() <= 3, () -> "retag took " + retag.requests() + " requests");
            row(md, "retag in one repository", "ImageCopier", sourceProxy, null, retag.blobBytesUploaded());
            sourceProxy.reset();
            skopeo(sourceProxy.host() + "/bench/eight@" + d, sourceProxy.host() + "/bench/eight:skopeo", false);
            row(md, "retag in one repository", "skopeo copy", sourceProxy, null, uploads(sourceProxy));

            // Copy to a registry that already has every layer (an earlier run copied the image there).
            sourceProxy.reset();
            targetProxy.reset();
            CopyReport again;
            try (RegistrySession s = anonymous(sourceProxy);
                    RegistrySession t = basic(targetProxy)) {
                again = new ImageCopier(s, t, RetryPolicy.standard())
                        .promote(sourceProxy.host() + "/bench/eight@" + d, targetProxy.host() + "/ours/eight-0:again");
            }
            assertEquals(0, again.blobBytesUploaded());
            row(md, "copy, target has every layer", "ImageCopier", sourceProxy, targetProxy, again.blobBytesUploaded());
            sourceProxy.reset();
            targetProxy.reset();
            skopeo(sourceProxy.host() + "/bench/eight@" + d, targetProxy.host() + "/skopeo/eight-0:again", true);
            row(md, "copy, target has every layer", "skopeo copy", sourceProxy, targetProxy, uploads(targetProxy));

            md.append("\nGoals: a retag sends no blob bytes in at most 3 requests; a copy to a registry that has every")
                    .append(" layer sends no blob bytes. Rerun with\n\n```\n")
                    .append("mvn -B -f central-build/pom.xml verify -Dbenchmarks -Dtest=RegistryPromotionBenchmark")
                    .append(" -Dsurefire.failIfNoSpecifiedTests=false\n```\n");
            PerformanceReport.project().writeSection("registry-promotion", md.toString());
        }
    }

    /**
     * Times copies of one image, each into a target registry of its own: skopeo keeps a blob-info cache (under
     * {@code /var/lib/containers/cache} when run as root) and would otherwise mount blobs it copied in an earlier run
     * instead of uploading them. Both clients copy into the same new registry, in alternating order.
     */
    private void copyTimes(StringBuilder md, String label, String name, SeededOciImages.Blob image) throws Exception {
        String from = source.host() + "/bench/" + name + "@" + image.digest();
        List<Long> ours = new ArrayList<>();
        List<Long> skopeo = new ArrayList<>();
        for (int run = -1; run < RUNS; run++) {
            try (DockerRegistry fresh = DockerRegistry.startWithBasicAuth(USER, PASSWORD)) {
                target = fresh;
                String oursTo = fresh.host() + "/ours/" + name + ":live";
                String skopeoTo = fresh.host() + "/skopeo/" + name + ":live";
                long o;
                long s;
                if (run % 2 == 0) {
                    o = oursOnce(from, oursTo);
                    s = skopeoOnce(from, skopeoTo);
                } else {
                    s = skopeoOnce(from, skopeoTo);
                    o = oursOnce(from, oursTo);
                }
                try (RegistrySession t = basic(fresh)) {
                    RegistryClient client = new RegistryClient(t);
                    for (String repo : List.of("ours/" + name, "skopeo/" + name)) {
                        assertEquals(
                                image.digest(),
                                client.headManifest(repo, "live")
                                        .orElseThrow()
                                        .digest()
                                        .value());
                    }
                }
                if (run >= 0) { // run -1 warms up both
                    ours.add(o);
                    skopeo.add(s);
                }
            }
        }
        long o = median(ours);
        long s = median(skopeo);
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(ms(o))
                .append(" | ")
                .append(ms(s))
                .append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", (double) o / s))
                .append(" |\n");
    }

    private long oursOnce(String from, String to) throws Exception {
        long start = System.nanoTime();
        try (RegistrySession s = anonymous(source.host());
                RegistrySession t = basic(target)) {
            CopyReport report = new ImageCopier(s, t, RetryPolicy.standard()).promote(from, to);
            assertEquals(CopyReport.Mode.COPY, report.mode());
            assertEquals(0, report.blobsSkipped());
        }
        return System.nanoTime() - start;
    }

    private long skopeoOnce(String from, String to) {
        long start = System.nanoTime();
        skopeo(from, to, to.startsWith(target.host()));
        return System.nanoTime() - start;
    }

    private void skopeo(String from, String to, boolean toTarget) {
        List<String> command = new ArrayList<>(List.of(
                IsolatedProcess.requireOnPath("skopeo", "skopeo").toString(),
                "copy",
                "--quiet",
                "--preserve-digests",
                "--src-tls-verify=false",
                "--dest-tls-verify=false"));
        if (toTarget) {
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

    private static RegistrySession anonymous(CountingProxy proxy) {
        return anonymous(proxy.host());
    }

    private static RegistrySession anonymous(String host) {
        return new RegistrySession(new RegistryAccess("source", host, true, new RegistryCredential.Anonymous(), null));
    }

    private static RegistrySession basic(CountingProxy proxy) {
        return basic(proxy.host());
    }

    private static RegistrySession basic(DockerRegistry registry) {
        return basic(registry.host());
    }

    private static RegistrySession basic(String host) {
        return new RegistrySession(new RegistryAccess(
                "target", host, true, new RegistryCredential.Basic(USER, PASSWORD.toCharArray()), "bench"));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }
}
