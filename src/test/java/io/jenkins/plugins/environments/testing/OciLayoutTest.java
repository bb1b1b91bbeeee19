package io.jenkins.plugins.environments.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {

    @Test
    void aMultiPlatformImageArrivesInTheRegistryWithTheDigestsTheTestComputed(@TempDir Path sandbox) throws Exception {
        OciLayout layout = OciLayout.create(sandbox.resolve("layout"));
        OciLayout.Descriptor amd64 = layout.image("linux/amd64", "x");
        OciLayout.Descriptor arm64 = layout.image("linux/arm64", "x");
        OciLayout.Descriptor index = layout.index(List.of(amd64, arm64));
        layout.tag("1.0", index);
        byte[] indexBytes = Files.readAllBytes(
                layout.path().resolve("blobs/sha256").resolve(index.digest().substring("sha256:".length())));
        assertEquals(index.digest(), OciLayout.sha256(indexBytes));
        assertEquals(
                amd64.digest(),
                OciLayout.create(sandbox.resolve("again"))
                        .image("linux/amd64", "x")
                        .digest(),
                "a layout's digests depend only on what the test put in");

        try (DockerRegistry registry = DockerRegistry.start()) {
            layout.push("1.0", registry, "fixtures/multi:1.0", sandbox);
            // skopeo, reading back by digest, sees exactly the bytes of the layout.
            IsolatedProcess.Result inspect = IsolatedProcess.run(
                    List.of(
                            IsolatedProcess.requireOnPath("skopeo", "skopeo").toString(),
                            "inspect",
                            "--raw",
                            "--tls-verify=false",
                            "docker://" + registry.host() + "/fixtures/multi@" + index.digest()),
                    sandbox,
                    sandbox,
                    Map.of(),
                    Duration.ofSeconds(60));
            assertEquals(0, inspect.exitCode(), inspect.output());
            assertEquals(new String(indexBytes, StandardCharsets.UTF_8), inspect.stdout());
        }
    }
}
