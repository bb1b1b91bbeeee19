package io.jenkins.plugins.environments.registry;

import io.jenkins.plugins.environments.testing.IsolatedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy by {@link ImageCopier} in a JVM of its own with a small heap ({@link HeapBoundCopyMain}), started with the
 * {@code java} of this JVM and the same class path, and what it printed.
 *
 * @param heapLimit the {@code -Xmx} value, such as {@code 64m}
 * @param values what the child printed, by key
 */
record HeapBoundCopy(String heapLimit, Map<String, String> values) {

    /** The collector the child runs with, named on its command line so that figures compare across machines. */
    static final String COLLECTOR = "-XX:+UseG1GC";

    /**
     * Copies {@code from} to {@code to} (both on anonymous registries) in a child JVM and waits for it.
     *
     * @param heapLimit the child's {@code -Xmx}, such as {@code 64m}
     * @param sandbox a folder of the caller's for the child's home and temporary files
     * @throws AssertionError with the child's output if it fails or prints nothing readable
     */
    static HeapBoundCopy run(
            String heapLimit, String sourceHost, String from, String targetHost, String to, Path sandbox)
            throws Exception {
        Files.createDirectories(sandbox);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx" + heapLimit,
                COLLECTOR,
                "-cp",
                System.getProperty("java.class.path"),
                HeapBoundCopyMain.class.getName(),
                sourceHost,
                from,
                targetHost,
                to);
        IsolatedProcess.Result result = IsolatedProcess.run(command, sandbox, sandbox, Map.of(), Duration.ofMinutes(5));
        if (result.exitCode() != 0) {
            throw new AssertionError("the copy with -Xmx" + heapLimit + " failed (exit code " + result.exitCode()
                    + "):\n" + result.output());
        }
        Map<String, String> values = new HashMap<>();
        for (String line : result.stdout().split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        if (!values.containsKey("peakHeapUsed") || !values.containsKey("blobBytesUploaded")) {
            throw new AssertionError("the copy with -Xmx" + heapLimit + " printed no figures:\n" + result.output());
        }
        return new HeapBoundCopy(heapLimit, Map.copyOf(values));
    }

    /** @return the largest heap occupancy the child saw, in bytes */
    long peakHeapUsed() {
        return number("peakHeapUsed");
    }

    /** @return the most heap still used after a collection (the forced one at the end left out), in bytes */
    long peakAfterCollection() {
        return number("peakAfterCollection");
    }

    /** @return the sum of the heap pools' own peaks, in bytes (an upper bound of {@link #peakHeapUsed()}) */
    long poolPeaks() {
        return number("poolPeaks");
    }

    /** @return the child's maximum heap as the JVM reports it, in bytes */
    long maxHeap() {
        return number("maxHeap");
    }

    /** @return blob bytes the copier sent to the target */
    long blobBytesUploaded() {
        return number("blobBytesUploaded");
    }

    /** @return blobs the copier streamed to the target */
    long blobsUploaded() {
        return number("blobsUploaded");
    }

    /** @return HTTP requests the copier sent to both registries */
    long requests() {
        return number("requests");
    }

    /** @return garbage collections during the child's life */
    long collections() {
        return number("collections");
    }

    /** @return the digest the target tag points at, as the copier reported it */
    String digest() {
        return values.get("digest");
    }

    /** @return the names of the child's collectors */
    String collectors() {
        return values.getOrDefault("collectors", "");
    }

    private long number(String key) {
        return Long.parseLong(values.getOrDefault(key, "-1"));
    }
}
