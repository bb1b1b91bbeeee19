package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Timeouts;
import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.PerformanceReport;
import io.jenkins.plugins.environments.testing.SeededOciImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a stalled registry holds a promotion: the time from the start of {@code ImageCopier.promote} to its failure
 * when the source registry stops in the middle of a layer, or the target accepts the connection and never answers,
 * for several idle timeouts. The goal is the idle timeout itself (plus the few milliseconds of the requests before the
 * stall): a stall is not retried. Writes the {@code stalled-registry} section of {@code docs/performance.md}.
 */
@Tag(PerformanceReport.TAG)
class StalledRegistryBenchmark {

    private static final int RUNS = 3;

    @TempDir
    Path scratch;

    @Test
    void stalledRegistry() throws Exception {
        try (DockerRegistry sourceRegistry = DockerRegistry.start();
                DockerRegistry targetRegistry = DockerRegistry.start();
                CountingProxy sourceProxy = CountingProxy.start(sourceRegistry.host());
                CountingProxy targetProxy = CountingProxy.start(targetRegistry.host())) {
            SeededOciImages layout = SeededOciImages.create(scratch.resolve("layout"), 7);
            SeededOciImages.Blob image = layout.image("linux", "amd64", List.of(layout.layer(8 * 1024 * 1024)));
            layout.tag("app", image);
            layout.push("app", sourceRegistry, "bench/app:1");
            String from = sourceProxy.host() + "/bench/app@" + image.digest();

            StringBuilder md = new StringBuilder("## A stalled registry (`promoteDigest`, registry strategy)\n\n")
                    .append("Written by `StalledRegistryBenchmark`. ")
                    .append(PerformanceReport.machine())
                    .append(" Two Debian `docker-registry` processes on loopback, each behind the test proxy")
                    .append(" (`CountingProxy`), which makes one of them stall: the source stops after 1 MiB of")
                    .append(" an 8 MiB layer, or the target accepts the connection of the first request (`HEAD` of")
                    .append(" the target tag) and never answers. Time from the start of `ImageCopier.promote` to its")
                    .append(" failure, new sessions each run, median of ")
                    .append(RUNS)
                    .append(" runs (one run for the standard 30 s). The deadline is 10 minutes, so only the idle")
                    .append(" timeout can end the wait; a stall is not retried, and nothing is tagged.\n\n")
                    .append("| stall | idle timeout | promotion held for | held − idle timeout |\n")
                    .append("|---|---:|---:|---:|\n");
            for (Duration idle : List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Timeouts.STANDARD.idle())) {
                int runs = idle.equals(Timeouts.STANDARD.idle()) ? 1 : RUNS;
                row(md, "source stops in a layer", idle, runs, () -> {
                    sourceProxy.reset();
                    sourceProxy.inject("GET /v2/*/blobs/*", new CountingProxy.StallAnswer(1024 * 1024), 1);
                    return held(sourceProxy, targetProxy, idle, from, "stall/app:live");
                });
                row(md, "target never answers", idle, runs, () -> {
                    targetProxy.reset();
                    targetProxy.inject("HEAD /v2/*/manifests/*", new CountingProxy.NeverAnswer(), 1);
                    return held(sourceProxy, targetProxy, idle, from, "mute/app:live");
                });
            }
            md.append("\nGoal: the promotion is held for the configured idle timeout, and not a multiple of it.")
                    .append(" Rerun with\n\n```\n")
                    .append("mvn -B -f central-build/pom.xml verify -Dbenchmarks -Dtest=StalledRegistryBenchmark")
                    .append(" -Dsurefire.failIfNoSpecifiedTests=false\n```\n");
            PerformanceReport.project().writeSection("stalled-registry", md.toString());
        }
    }

    @FunctionalInterface
    private interface Run {
        Duration measure() throws Exception;
    }

    private static void row(StringBuilder md, String stall, Duration idle, int runs, Run run) throws Exception {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(run.measure());
        }
        times.sort(null);
        Duration median = times.get(times.size() / 2);
        assertTrue(
                median.compareTo(idle.plusSeconds(2)) < 0,
                () -> stall + " held a promotion for " + median + " with an idle timeout of " + idle);
        md.append(String.format(
                Locale.ROOT,
                "| %s | %d s | %.2f s | %+.2f s |%n",
                stall,
                idle.toSeconds(),
                median.toMillis() / 1000.0,
                median.minus(idle).toMillis() / 1000.0));
    }

    private static Duration held(CountingProxy source, CountingProxy target, Duration idle, String from, String to) {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), idle);
        Deadline deadline = Deadline.after(Duration.ofMinutes(10));
        try (RegistrySession s = session("source", source, timeouts, deadline);
                RegistrySession t = session("target", target, timeouts, deadline)) {
            long start = System.nanoTime();
            assertThrows(
                    RegistryStallException.class,
                    () -> new ImageCopier(s, t, RetryPolicy.standard()).promote(from, target.host() + "/" + to));
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    private static RegistrySession session(String id, CountingProxy proxy, Timeouts timeouts, Deadline deadline) {
        return new RegistrySession(
                        new RegistryAccess(id, proxy.host(), true, new RegistryCredential.Anonymous(), null), timeouts)
                .within(deadline);
    }
}
