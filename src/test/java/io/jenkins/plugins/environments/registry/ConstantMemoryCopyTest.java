package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.SeededOciImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob larger than the heap goes through {@link ImageCopier} without being held in memory: a 96 MiB layer of random
 * bytes is copied between two real registries by a JVM limited to 32 MiB of heap ({@link HeapBoundCopy}), which then
 * reports the largest heap occupancy it saw. {@code RegistryPromotionBenchmark} does the same with 500 MiB and
 * {@code -Xmx64m}.
 */
class ConstantMemoryCopyTest {

    private static final int LAYER_BYTES = 96 * 1024 * 1024;

    @TempDir
    Path scratch;

    @Test
    void aLayerThreeTimesTheHeapIsStreamedAndArrivesWhole() throws Exception {
        try (DockerRegistry source = DockerRegistry.start();
                DockerRegistry target = DockerRegistry.start()) {
            SeededOciImages layout = SeededOciImages.create(scratch.resolve("layout"), 96);
            SeededOciImages.Blob layer = layout.streamedLayer(LAYER_BYTES);
            SeededOciImages.Blob image = layout.image("linux", "amd64", List.of(layer));
            layout.tag("large", image).push("large", source, "team/large:build-1");

            HeapBoundCopy copy = HeapBoundCopy.run(
                    "32m",
                    source.host(),
                    source.host() + "/team/large@" + image.digest(),
                    target.host(),
                    target.host() + "/prod/large:live",
                    scratch.resolve("child"));

            assertEquals(image.digest(), copy.digest());
            assertEquals(2, copy.blobsUploaded(), "the layer and the config");
            long configBytes = copy.blobBytesUploaded() - layer.size();
            assertTrue(configBytes > 0 && configBytes < 1024, () -> "bytes uploaded: " + copy.values());
            assertTrue(copy.maxHeap() <= 32L * 1024 * 1024, () -> "the child's heap limit: " + copy.values());
            assertTrue(
                    copy.peakHeapUsed() > 0 && copy.peakHeapUsed() < layer.size() / 3,
                    () -> "peak heap " + copy.peakHeapUsed() + " bytes for a " + layer.size() + "-byte layer: "
                            + copy.values());
            try (RegistrySession session = new RegistrySession(
                    new RegistryAccess("target", target.host(), true, new RegistryCredential.Anonymous(), null))) {
                RegistryClient client = new RegistryClient(session);
                assertEquals(
                        image.digest(),
                        client.headManifest("prod/large", "live")
                                .orElseThrow()
                                .digest()
                                .value());
                assertTrue(client.hasBlob("prod/large", Digest.parse(layer.digest())), "the layer is at the target");
            }
        }
    }
}
