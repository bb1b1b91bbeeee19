package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.IsolatedProcess;
import io.jenkins.plugins.environments.testing.SeededOciImages;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob goes from the source's answer into the target's upload without being held whole: a JVM with a 32 MiB heap
 * copies an image whose layer is 64 MiB between two real registries.
 */
class BlobStreamingMemoryTest {

    private static final int LAYER_BYTES = 64 * 1024 * 1024;

    @TempDir
    Path scratch;

    @Test
    void aLayerTwiceTheHeapIsCopiedBetweenRegistries() throws Exception {
        try (DockerRegistry source = DockerRegistry.start();
                DockerRegistry target = DockerRegistry.start()) {
            SeededOciImages layout = SeededOciImages.create(scratch.resolve("layout"), 15);
            SeededOciImages.Blob layer = layout.layer(LAYER_BYTES);
            assertTrue(layer.size() > LAYER_BYTES, "random bytes do not compress: " + layer.size());
            SeededOciImages.Blob image = layout.image("linux", "amd64", List.of(layer));
            layout.tag("big", image);
            layout.push("big", source, "big/image:1");
            String from = source.host() + "/big/image@" + image.digest();
            String to = target.host() + "/copied/image:live";

            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            IsolatedProcess.Result result = IsolatedProcess.run(
                    List.of(
                            java,
                            "-Xmx32m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Copy.class.getName(),
                            source.host(),
                            target.host(),
                            from,
                            to),
                    scratch,
                    scratch.resolve("fork"),
                    Map.of(),
                    Duration.ofMinutes(3));
            assertEquals(0, result.exitCode(), result::stderr);

            Matcher copied =
                    Pattern.compile("blob bytes (\\d+), peak heap (\\d+)").matcher(result.stdout());
            assertTrue(copied.find(), result.stdout());
            long blobBytes = Long.parseLong(copied.group(1));
            long peakHeap = Long.parseLong(copied.group(2));
            assertTrue(blobBytes > layer.size(), "the layer and the config: " + blobBytes);
            assertTrue(peakHeap < layer.size(), "peak heap " + peakHeap);
            try (RegistrySession session = new RegistrySession(
                    new RegistryAccess("target", target.host(), true, new RegistryCredential.Anonymous(), null))) {
                RegistryClient client = new RegistryClient(session);
                assertEquals(
                        image.digest(),
                        client.headManifest("copied/image", "live")
                                .orElseThrow()
                                .digest()
                                .value());
                assertTrue(client.hasBlob("copied/image", Digest.parse(layer.digest())));
            }
        }
    }

    /** Run in the forked JVM: copies one image and prints the blob bytes it sent and the heap's peak. */
    static final class Copy {

        private Copy() {}

        public static void main(String[] args) throws Exception {
            CopyReport report;
            try (RegistrySession source = new RegistrySession(
                            new RegistryAccess("source", args[0], true, new RegistryCredential.Anonymous(), null));
                    RegistrySession target = new RegistrySession(
                            new RegistryAccess("target", args[1], true, new RegistryCredential.Anonymous(), null))) {
                report = new ImageCopier(source, target, RetryPolicy.standard()).promote(args[2], args[3]);
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("blob bytes " + report.blobBytesUploaded() + ", peak heap " + peak);
        }
    }
}
