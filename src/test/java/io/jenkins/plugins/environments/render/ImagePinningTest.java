package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePinningTest {

    static final String REPO = "registry.example.com/team/app";
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String PINNED = REPO + "@" + DIGEST;

    private static String podSpec(String indent, String image) {
        return (indent + "initContainers:\n" + indent + "  - name: init\n" + indent + "    image: " + image + "\n"
                + indent + "containers:\n" + indent + "  - name: main\n" + indent + "    image: " + image + "\n"
                + indent + "  - name: sidecar\n" + indent + "    image: registry.example.com/team/app-sidecar:1\n");
    }

    private static String doc(String kind, String image) {
        String head = "apiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: w\n";
        return switch (kind) {
            case "Pod" -> head + "spec:\n" + podSpec("  ", image);
            case "CronJob" ->
                head + "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
                        + podSpec("          ", image);
            default -> head + "spec:\n  template:\n    spec:\n" + podSpec("      ", image);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pod(Map<String, Object> doc, String kind) {
        Object n = doc.get("spec");
        List<String> path =
                switch (kind) {
                    case "Pod" -> List.of();
                    case "CronJob" -> List.of("jobTemplate", "spec", "template", "spec");
                    default -> List.of("template", "spec");
                };
        for (String k : path) {
            n = ((Map<String, Object>) n).get(k);
        }
        return (Map<String, Object>) n;
    }

    @SuppressWarnings("unchecked")
    private static String image(Map<String, Object> pod, String field, int i) {
        return (String) ((Map<String, Object>) ((List<Object>) pod.get(field)).get(i)).get("image");
    }

    @ParameterizedTest
    @CsvSource({
        "Pod, registry.example.com/team/app",
        "Deployment, registry.example.com/team/app:1.2",
        "StatefulSet, registry.example.com/team/app@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        "DaemonSet, registry.example.com/team/app:2@sha256:1111111111111111111111111111111111111111111111111111111111111111",
        "ReplicaSet, registry.example.com/team/app:latest",
        "Job, registry.example.com/team/app:v1",
        "CronJob, registry.example.com/team/app:v1"
    })
    void pinsEveryWorkloadKind(String kind, String image) {
        RenderedManifests in = new RenderedManifests(RenderedManifests.parse(doc(kind, image), "t"));
        ImagePinning.Result result = ImagePinning.pin(in, REPO, DIGEST);
        Map<String, Object> pod = pod(result.manifests().get(0), kind);
        assertEquals(PINNED, image(pod, "initContainers", 0));
        assertEquals(PINNED, image(pod, "containers", 0));
        assertEquals("registry.example.com/team/app-sidecar:1", image(pod, "containers", 1));
        assertEquals(
                List.of(
                        new ImagePinning.Change(kind, "w", "init", image, PINNED),
                        new ImagePinning.Change(kind, "w", "main", image, PINNED)),
                result.changes());
        assertEquals(image, image(pod(in.get(0), kind), "containers", 0), "input is not modified");
    }

    @Test
    void unusedRepositoryIsAnError() {
        RenderedManifests in = new RenderedManifests(RenderedManifests.parse(
                doc("Deployment", "registry.example.com/team/other:1") + "---\nkind: Service\nmetadata: {name: s}\n",
                "t"));
        RenderException e = assertThrows(RenderException.class, () -> ImagePinning.pin(in, REPO, DIGEST));
        assertEquals("image registry.example.com/team/app is used by no container", e.getMessage());
    }

    @Test
    void portInRegistryIsNotATag() {
        String repo = "localhost:5000/app";
        RenderedManifests in = new RenderedManifests(RenderedManifests.parse(doc("Pod", "localhost:5000/app"), "t"));
        assertEquals(2, ImagePinning.pin(in, repo, DIGEST).changes().size());
    }

    @Test
    void badDigestIsRefused() {
        RenderedManifests in = new RenderedManifests(RenderedManifests.parse(doc("Pod", REPO), "t"));
        assertThrows(RenderException.class, () -> ImagePinning.pin(in, REPO, "sha256:abc"));
    }
}
