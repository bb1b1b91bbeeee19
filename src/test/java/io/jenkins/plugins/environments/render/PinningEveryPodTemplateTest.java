package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.model.ImageFieldPath;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, items 3 and 4: pinning reaches every pod template of any kind, and image names are compared as Docker
 * normalises them. The manifests are shaped like the public charts they stand for (an Argo Rollout, a Knative
 * Service, a CronJob, Docker Hub short names as in the microservices demo).
 */
class PinningEveryPodTemplateTest {

    private static final String DIGEST = "sha256:" + "cd".repeat(32);

    private static RenderedManifests yaml(String text) {
        return new RenderedManifests(RenderedManifests.parse(text, "t"));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> doc, String... path) {
        Object node = doc;
        for (String key : path) {
            node = node instanceof List<?> list
                    ? list.get(Integer.parseInt(key))
                    : ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    @Test
    void rule_anArgoRolloutNextToADeploymentIsPinnedToo() {
        RenderedManifests in = yaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web}
                spec:
                  strategy: {canary: {steps: [{setWeight: 20}]}}
                  template:
                    spec:
                      containers:
                      - name: web
                        image: registry.example.com/team/shop:1.4
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: worker}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: worker, image: registry.example.com/team/shop:1.4}
                """);
        ImagePinning.Result result = ImagePinning.pin(in, "registry.example.com/team/shop", DIGEST);
        String pinned = "registry.example.com/team/shop@" + DIGEST;
        assertEquals(pinned, at(result.manifests().get(0), "spec", "template", "spec", "containers", "0", "image"));
        assertEquals(pinned, at(result.manifests().get(1), "spec", "template", "spec", "containers", "0", "image"));
        assertEquals(
                List.of("Rollout", "Deployment"),
                result.changes().stream().map(ImagePinning.Change::kind).toList());
    }

    @Test
    void rule_aRolloutAloneIsNotUsedByNoContainer() {
        RenderedManifests in = yaml("""
                kind: Rollout
                metadata: {name: web}
                spec: {template: {spec: {containers: [{name: web, image: "registry.example.com/team/shop:2"}]}}}
                """);
        assertEquals(
                1,
                ImagePinning.pin(in, "registry.example.com/team/shop", DIGEST)
                        .changes()
                        .size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rule_everyUsualPodTemplateIsReached(String kind, String yaml, List<String> path) {
        ImagePinning.Result result = ImagePinning.pin(yaml(yaml), "registry.example.com/team/shop", DIGEST);
        assertEquals(
                "registry.example.com/team/shop@" + DIGEST,
                at(result.manifests().get(0), path.toArray(String[]::new)),
                kind);
    }

    static Stream<Arguments> kinds() {
        String c = "[{name: app, image: 'registry.example.com/team/shop:1'}]";
        return Stream.of(
                Arguments.of(
                        "Pod",
                        "kind: Pod\nmetadata: {name: p}\nspec: {containers: " + c + "}",
                        List.of("spec", "containers", "0", "image")),
                Arguments.of(
                        "Pod init container",
                        "kind: Pod\nmetadata: {name: p}\nspec: {initContainers: " + c
                                + ", containers: [{name: x, image: busybox}]}",
                        List.of("spec", "initContainers", "0", "image")),
                Arguments.of(
                        "Pod ephemeral container",
                        "kind: Pod\nmetadata: {name: p}\nspec: {ephemeralContainers: " + c
                                + ", containers: [{name: x, image: busybox}]}",
                        List.of("spec", "ephemeralContainers", "0", "image")),
                Arguments.of(
                        "CronJob",
                        "kind: CronJob\nmetadata: {name: j}\nspec: {schedule: '* * * * *', jobTemplate:"
                                + " {spec: {template: {spec: {containers: " + c + "}}}}}",
                        List.of("spec", "jobTemplate", "spec", "template", "spec", "containers", "0", "image")),
                Arguments.of(
                        "Job",
                        "kind: Job\nmetadata: {name: j}\nspec: {template: {spec: {containers: " + c + "}}}",
                        List.of("spec", "template", "spec", "containers", "0", "image")),
                Arguments.of(
                        "ReplicaSet",
                        "kind: ReplicaSet\nmetadata: {name: r}\nspec: {template: {spec: {containers: " + c + "}}}",
                        List.of("spec", "template", "spec", "containers", "0", "image")),
                Arguments.of(
                        "DaemonSet",
                        "kind: DaemonSet\nmetadata: {name: d}\nspec: {template: {spec: {containers: " + c + "}}}",
                        List.of("spec", "template", "spec", "containers", "0", "image")),
                Arguments.of(
                        "StatefulSet",
                        "kind: StatefulSet\nmetadata: {name: s}\nspec: {template: {spec:" + " {containers: " + c
                                + "}}}",
                        List.of("spec", "template", "spec", "containers", "0", "image")),
                Arguments.of(
                        "Knative Service",
                        "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\n"
                                + "spec: {template: {spec: {containers: " + c + "}}}",
                        List.of("spec", "template", "spec", "containers", "0", "image")),
                Arguments.of(
                        "custom resource with a pod template",
                        "kind: Worker\nmetadata: {name: w}\nspec: {pod:" + " {template: {spec: {containers: " + c
                                + "}}}}",
                        List.of("spec", "pod", "template", "spec", "containers", "0", "image")));
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
        "nginx, docker.io/library/nginx",
        "nginx:latest, docker.io/library/nginx",
        "nginx:1.27@sha256:" + "00" + "0000000000000000000000000000000000000000000000000000000000000000"
                + ", docker.io/library/nginx",
        "library/nginx, docker.io/library/nginx",
        "docker.io/library/nginx:1.27, docker.io/library/nginx",
        "index.docker.io/library/nginx, docker.io/library/nginx",
        "registry-1.docker.io/library/nginx, docker.io/library/nginx",
        "weaveworksdemos/front-end:0.3.12, docker.io/weaveworksdemos/front-end",
        "docker.io/weaveworksdemos/front-end, docker.io/weaveworksdemos/front-end",
        "localhost/app:1, localhost/app",
        "localhost:5000/team/app:1, localhost:5000/team/app",
        "Registry.Example.com/team/app:1, registry.example.com/team/app",
        "ghcr.io/org/app, ghcr.io/org/app",
        "quay.io/org/app@sha256:" + "11" + "1111111111111111111111111111111111111111111111111111111111111111"
                + ", quay.io/org/app"
    })
    void rule_namesAreComparedAsDockerNormalisesThem(String image, String repository) {
        assertEquals(repository, ImageReference.normalizedName(image));
    }

    @ParameterizedTest(name = "not an image name: ''{0}''")
    @CsvSource({"Nginx", "team/App:1", "a b", "''", "/app", "app//x", "registry.example.com/"})
    void rule_whatIsNotAnImageNameIsNoImage(String text) {
        assertEquals(null, ImageReference.normalizedName(text));
    }

    @Test
    void rule_shortNamesArePinnedKeepingTheNameAsWritten() {
        RenderedManifests in = yaml("""
                kind: Deployment
                metadata: {name: front-end}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: front-end, image: "weaveworksdemos/front-end:0.3.12"}
                      - {name: proxy, image: "nginx:latest"}
                      - {name: other, image: "docker.io/library/nginx-exporter:1"}
                """);
        ImagePinning.Result front = ImagePinning.pin(in, "docker.io/weaveworksdemos/front-end", DIGEST);
        assertEquals(
                "weaveworksdemos/front-end@" + DIGEST,
                at(front.manifests().get(0), "spec", "template", "spec", "containers", "0", "image"));
        ImagePinning.Result proxy = ImagePinning.pin(in, "nginx", DIGEST);
        assertEquals(
                "nginx@" + DIGEST,
                at(proxy.manifests().get(0), "spec", "template", "spec", "containers", "1", "image"));
        assertEquals(
                "docker.io/library/nginx-exporter:1",
                at(proxy.manifests().get(0), "spec", "template", "spec", "containers", "2", "image"));
    }

    @Test
    void rule_anImageOfTheRepositoryLeftByTagIsRefused() {
        RenderedManifests in = yaml("""
                kind: Deployment
                metadata: {name: shop}
                spec: {template: {spec: {containers: [{name: web, image: "registry.example.com/team/shop:1"}]}}}
                ---
                apiVersion: cache.example.com/v1
                kind: Memcached
                metadata: {name: cache}
                spec: {size: 3, image: "registry.example.com/team/shop:1"}
                """);
        RenderException e = assertThrows(
                RenderException.class, () -> ImagePinning.pin(in, "registry.example.com/team/shop", DIGEST));
        assertEquals(
                "Memcached cache still names 'registry.example.com/team/shop:1' at spec.image after pinning"
                        + " registry.example.com/team/shop to " + DIGEST + ": it would run something else than the"
                        + " digest. If that field holds the app's image, add it to imageFields as 'Memcached:<path>'",
                e.getMessage());

        ImagePinning.Result result = ImagePinning.pin(
                in, "registry.example.com/team/shop", DIGEST, List.of(ImageFieldPath.parse("Memcached:spec.image")));
        assertEquals(
                "registry.example.com/team/shop@" + DIGEST,
                at(result.manifests().get(1), "spec", "image"));
        assertEquals(2, result.changes().size());
    }

    @Test
    void rule_anotherDigestOfTheRepositoryLeftAnywhereIsRefused() {
        RenderedManifests in = yaml("""
                kind: Deployment
                metadata: {name: shop}
                spec:
                  template:
                    metadata:
                      annotations: {previous: "registry.example.com/team/shop@sha256:%s"}
                    spec: {containers: [{name: web, image: "registry.example.com/team/shop:1"}]}
                """.formatted("ee".repeat(32)));
        RenderException e = assertThrows(
                RenderException.class, () -> ImagePinning.pin(in, "registry.example.com/team/shop", DIGEST));
        assertEquals(
                "Deployment shop still names 'registry.example.com/team/shop@sha256:" + "ee".repeat(32) + "' at"
                        + " spec.template.metadata.annotations.previous after pinning registry.example.com/team/shop to "
                        + DIGEST + ": it would run something else than the digest. If that field holds the app's image,"
                        + " add it to imageFields as 'Deployment:<path>'",
                e.getMessage());
    }

    @Test
    void aBareRepositoryNameIsNotAnImageAndIsLeftAlone() {
        RenderedManifests in = yaml("""
                kind: Deployment
                metadata: {name: shop}
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        image: "registry.example.com/team/shop:1"
                        env: [{name: IMAGE_REPOSITORY, value: registry.example.com/team/shop}]
                """);
        assertEquals(
                1,
                ImagePinning.pin(in, "registry.example.com/team/shop", DIGEST)
                        .changes()
                        .size());
    }

    @ParameterizedTest(name = "image field ''{0}'' is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "spec.image | Image field 'spec.image' must be written Kind:path, such as 'Memcached:spec.image'",
                "memcached:spec.image | Image field kind 'memcached' is not a Kubernetes kind such as 'Memcached'",
                "Memcached:spec..image | Image field path 'spec..image' is not a path of mapping keys joined by '.', such"
                        + " as 'spec.image' (at most 16 keys)",
                "Memcached:spec.containers[0].image | Image field path 'spec.containers[0].image' is not a path of"
                        + " mapping keys joined by '.', such as 'spec.image' (at most 16 keys)"
            })
    void imageFieldsAreChecked(String text, String message) {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> ImageFieldPath.parse(text));
        assertEquals(message, e.getMessage());
    }
}
