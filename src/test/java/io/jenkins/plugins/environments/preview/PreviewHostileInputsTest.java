package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule: bad input gets a clear error and changes nothing. Each row is a hostile or mistaken value given to
 * {@code deployPreview}; each must fail with exactly the message shown and without a single request to the cluster
 * (the mock API's request log stays empty). Rows that need it talk to a real registry (a tag that does not exist).
 */
class PreviewHostileInputsTest {

    private static final String DIGEST = "sha256:" + "ef".repeat(32);

    @TempDir
    static Path dir;

    private static MockKubernetesApi api;
    private static DockerRegistry registry;
    private static KubernetesCli cli;
    private static PreviewFixture fixture;
    private static PreviewDeployer deployer;

    @BeforeAll
    static void start() throws Exception {
        api = MockKubernetesApi.start();
        cli = KubernetesCli.create();
        registry = DockerRegistry.start();
        RegistryImages.push(registry, PreviewFixture.IMAGE_REPOSITORY, "1.0", "one");
        fixture = new PreviewFixture(dir, api, registry.host());
        deployer = fixture.deployer(fixture.configuration(0, WhenFull.QUEUE));
        fixture.write("values/leak.yaml", "aws:\n  key: AKIAIOSFODNN7EXAMPLE\n");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("values.yaml"), "a: b\n");
        Files.createSymbolicLink(fixture.workspace.resolve("escape"), outside);
    }

    @AfterAll
    static void stop() {
        registry.close();
        cli.close();
        api.close();
    }

    private static Arguments row(String name, UnaryOperator<PreviewRequest.Builder> change, String message) {
        return Arguments.of(Named.of(name, change), message);
    }

    static Stream<Arguments> hostileInputs() {
        String longName = "a".repeat(64);
        List<Arguments> rows = new ArrayList<>(
                List.of(
                        // pull request numbers
                        row(
                                "pr with a shell command",
                                b -> b.pr("1; rm -rf /"),
                                "Pull request number must be a positive integer, not '1; rm -rf /'"),
                        row(
                                "pr as a path",
                                b -> b.pr("../../x"),
                                "Pull request number must be a positive integer, not '../../x'"),
                        row("pr negative", b -> b.pr("-1"), "Pull request number must be a positive integer, not '-1'"),
                        row("pr zero", b -> b.pr("0"), "Pull request number must be a positive integer, not '0'"),
                        row(
                                "pr with leading zero",
                                b -> b.pr("012"),
                                "Pull request number must be a positive integer, not '012'"),
                        row(
                                "pr too large",
                                b -> b.pr("12345678901"),
                                "Pull request number must be a positive integer, not '12345678901'"),
                        row(
                                "pr with unicode digits",
                                b -> b.pr("١٢"),
                                "Pull request number must be a positive integer, not '\\u0661\\u0662'"),
                        row(
                                "pr with a newline",
                                b -> b.pr("12\nINFO forged"),
                                "Pull request number must be a positive integer, not '12\\u000aINFO forged'"),
                        row(
                                "pr missing",
                                b -> b.pr(null),
                                "pr is required: pass pr, or run in a multibranch pull-request build, where CHANGE_ID gives it"),
                        row(
                                "pr blank",
                                b -> b.pr("  "),
                                "pr is required: pass pr, or run in a multibranch pull-request build, where CHANGE_ID gives it"),
                        row(
                                "pr with a space",
                                b -> b.pr("1 2"),
                                "Pull request number must be a positive integer, not '1 2'"),
                        // app names
                        row(
                                "app uppercase",
                                b -> b.app("Shop"),
                                "App name 'Shop' is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"),
                        row(
                                "app too long",
                                b -> b.app(longName),
                                "App name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' (64 characters) is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"),
                        row(
                                "app with unicode",
                                b -> b.app("shöp"),
                                "App name 'sh\\u00f6p' is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"),
                        row(
                                "app with a slash",
                                b -> b.app("shop/../x"),
                                "App name 'shop/../x' is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"),
                        row(
                                "app empty",
                                b -> b.app(""),
                                "App name '' is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"),
                        row(
                                "app starting with a dash",
                                b -> b.app("-shop"),
                                "App name '-shop' is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"),
                        row(
                                "app with an underscore",
                                b -> b.app("my_shop"),
                                "App name 'my_shop' is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit"),
                        // namespace templates
                        row(
                                "namespace without number",
                                b -> b.namespace("shop-preview"),
                                "Namespace pattern 'shop-preview' must contain {number}: without it, every pull request would get the same namespace"),
                        row(
                                "namespace uppercase",
                                b -> b.namespace("PR-{number}"),
                                "Namespace pattern 'PR-{number}' gives 'PR-1842' for {number}=1842, which is not a valid namespace: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)"),
                        row(
                                "namespace too long",
                                b -> b.namespace(longName + "-{number}"),
                                "Namespace pattern 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-{number}' gives 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1842' for {number}=1842, which is not a valid namespace: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)"),
                        row(
                                "namespace unknown placeholder",
                                b -> b.namespace("pr-{number}-{branch}"),
                                "Namespace pattern 'pr-{number}-{branch}' uses the unknown placeholder {branch}: allowed are {number}, {app}"),
                        row(
                                "namespace unbalanced brace",
                                b -> b.namespace("pr-{number"),
                                "Namespace pattern 'pr-{number' has a '{' that is not closed: write placeholders as {name}"),
                        row(
                                "namespace with a dot",
                                b -> b.namespace("pr.{number}"),
                                "Namespace pattern 'pr.{number}' gives 'pr.1842' for {number}=1842, which is not a valid namespace: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)"),
                        row(
                                "namespace with a newline",
                                b -> b.namespace("pr-{number}\nx"),
                                "Namespace pattern 'pr-{number}\\u000Ax' must not contain control characters such as line breaks"),
                        // hosts
                        row(
                                "host wildcard",
                                b -> b.host("*.preview.example.com"),
                                "Host template '*.preview.example.com' is a wildcard, but a preview gets one host of its own"),
                        row(
                                "host without number",
                                b -> b.host("preview.example.com"),
                                "Host template 'preview.example.com' must contain {number}: without it, every pull request would get the same host name"),
                        row(
                                "host with a scheme",
                                b -> b.host("https://pr-{number}.example.com"),
                                "Host template 'https://pr-{number}.example.com' gives 'https://pr-1842.example.com' for {number}=1842, which is not a valid host name: use at most 253 characters of dot-separated RFC 1123 labels (lower-case letters, digits and '-', each starting and ending with a letter or digit)"),
                        row(
                                "host with a path",
                                b -> b.host("pr-{number}.example.com/admin"),
                                "Host template 'pr-{number}.example.com/admin' gives 'pr-1842.example.com/admin' for {number}=1842, which is not a valid host name: use at most 253 characters of dot-separated RFC 1123 labels (lower-case letters, digits and '-', each starting and ending with a letter or digit)"),
                        row(
                                "host uppercase",
                                b -> b.host("PR-{number}.example.com"),
                                "Host template 'PR-{number}.example.com' gives 'PR-1842.example.com' for {number}=1842, which is not a valid host name: use at most 253 characters of dot-separated RFC 1123 labels (lower-case letters, digits and '-', each starting and ending with a letter or digit)"),
                        row(
                                "host with unicode",
                                b -> b.host("pr-{number}.exämple.com"),
                                "Host template 'pr-{number}.exämple.com' gives 'pr-1842.exämple.com' for {number}=1842, which is not a valid host name: use at most 253 characters of dot-separated RFC 1123 labels (lower-case letters, digits and '-', each starting and ending with a letter or digit)"),
                        row(
                                "host with a port",
                                b -> b.host("pr-{number}.example.com:8443"),
                                "Host template 'pr-{number}.example.com:8443' gives 'pr-1842.example.com:8443' for {number}=1842, which is not a valid host name: use at most 253 characters of dot-separated RFC 1123 labels (lower-case letters, digits and '-', each starting and ending with a letter or digit)"),
                        row(
                                "host label too long",
                                b -> b.host(longName + "{number}.example.com"),
                                "Host template 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa{number}.example.com' gives 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1842.example.com' for {number}=1842, which is not a valid host name: use at most 253 characters of dot-separated RFC 1123 labels (lower-case letters, digits and '-', each starting and ending with a letter or digit)"),
                        // clusters
                        row(
                                "unknown cluster",
                                b -> b.cluster("prod-eu"),
                                "cluster 'prod-eu' is not configured; configured clusters: previews"),
                        row(
                                "cluster with a newline",
                                b -> b.cluster("previews\nx"),
                                "cluster 'previews\\u000ax' is not configured; configured clusters: previews"),
                        // images
                        row(
                                "image starting with a slash",
                                b -> b.image("/shop@" + DIGEST),
                                "Image '/shop@sha256:efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef' must start with the registry's host or a repository, such as 'registry.example.com/team/app@sha256:…'"),
                        row(
                                "image without tag or digest",
                                b -> b.image(registry.host() + "/team/shop"),
                                "Image '{registry}/team/shop' needs a digest ('@sha256:…') or a tag (':1.4')"),
                        row(
                                "image with a short digest",
                                b -> b.image(registry.host() + "/team/shop@sha256:abc"),
                                "Image digest 'sha256:abc' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                        row(
                                "image with an uppercase digest",
                                b -> b.image(registry.host() + "/team/shop@sha256:" + "AB".repeat(32)),
                                "Image digest 'sha256:ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                        row(
                                "image with md5 digest",
                                b -> b.image(registry.host() + "/team/shop@md5:" + "ab".repeat(16)),
                                "Image digest 'md5:abababababababababababababababab' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                        row(
                                "image with tag and digest",
                                b -> b.image(registry.host() + "/team/shop:1.0@" + DIGEST),
                                "Image '{registry}/team/shop:1.0@sha256:efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef' has both a tag and a digest: give only the digest"),
                        row(
                                "image repository with ..",
                                b -> b.image(registry.host() + "/team/../shop@" + DIGEST),
                                "Image repository 'team/../shop' has a '..' component: use '/'-separated lower-case letters and digits, joined by '.', '_', '__' or '-', such as 'team/app'"),
                        row(
                                "image repository uppercase",
                                b -> b.image(registry.host() + "/Team/shop@" + DIGEST),
                                "Image repository 'Team/shop' has upper-case letters: use '/'-separated lower-case letters and digits, joined by '.', '_', '__' or '-', such as 'team/app'"),
                        row(
                                "image with a space",
                                b -> b.image(registry.host() + "/team/shop @" + DIGEST),
                                "Image '{registry}/team/shop @sha256:efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef' must be at most 512 printable ASCII characters without spaces"),
                        row(
                                "image tag with a slash",
                                b -> b.image(registry.host() + "/team/shop:a/b"),
                                "Image tag 'a/b' is not a valid tag: use at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'"),
                        row(
                                "image tag that does not exist",
                                b -> b.image(registry.host() + "/team/shop:9.9"),
                                "image '{registry}/team/shop:9.9' does not exist in registry 'local': no such tag"),
                        row(
                                "image repository that does not exist",
                                b -> b.image(registry.host() + "/team/gone:1.0"),
                                "image '{registry}/team/gone:1.0' does not exist in registry 'local': no such tag"),
                        row(
                                "image tag on an unconfigured registry",
                                b -> b.image("other.example.com/team/shop:1.0"),
                                "image 'other.example.com/team/shop:1.0' names a tag, and no registry is configured for host 'other.example.com' to resolve it: configure the registry, or give the image by digest"),
                        row("image missing", b -> b.image(null), "Image is required"),
                        // sources and paths
                        row("no source", b -> b.chart(null), "Give exactly one of chart, kustomize and manifests"),
                        row(
                                "two sources",
                                b -> b.manifests("manifests"),
                                "Give exactly one of chart, kustomize and manifests, not chart and manifests"),
                        row(
                                "chart escaping the workspace",
                                b -> b.chart("../outside"),
                                "path leaves the workspace: ../outside"),
                        row(
                                "chart as an absolute path",
                                b -> b.chart("/etc"),
                                "path must be relative to the workspace: /etc"),
                        row(
                                "chart through a symbolic link",
                                b -> b.chart("escape"),
                                "path leaves the workspace through a symbolic link: escape"),
                        row(
                                "values escaping the workspace",
                                b -> b.values(List.of("../outside/values.yaml")),
                                "path leaves the workspace: ../outside/values.yaml"),
                        row(
                                "values through a symbolic link",
                                b -> b.values(List.of("escape/values.yaml")),
                                "path leaves the workspace through a symbolic link: escape/values.yaml"),
                        row(
                                "values with a NUL",
                                b -> b.values(List.of("values\0.yaml")),
                                "path must not contain NUL characters: values?.yaml"),
                        row(
                                "values with a secret",
                                b -> b.values(List.of("values/leak.yaml")),
                                "configuration contains secrets; move them to a Kubernetes Secret or Jenkins credentials:\n  values/leak.yaml:2: [aws-access-key-id] AWS access key id"),
                        row(
                                "set with a secret",
                                b -> b.set(Map.of("db.password", "s3cr3t-value")),
                                "configuration contains secrets; move them to a Kubernetes Secret or Jenkins credentials:\n  --set db.password: [generic-secret] literal value for key 'password'"),
                        row(
                                "set key with a shell",
                                b -> b.set(Map.of("a;rm -rf /", "x")),
                                "set key 'a;rm -rf /' is not a value path: use names of letters, digits, '_', '-' and '/' separated by dots (a dot inside a name written '\\.'), each with at most one list index, such as 'image.tag' or 'hosts[0].name'"),
                        row(
                                "values for a kustomize overlay",
                                b -> b.chart(null).kustomize("k").values(List.of("v.yaml")),
                                "values, set, setString and setFile apply to charts only, not to kustomize"),
                        row(
                                "kustomize escaping",
                                b -> b.chart(null).kustomize("../../etc"),
                                "path leaves the workspace: ../../etc"),
                        row(
                                "manifests escaping",
                                b -> b.chart(null).manifests("../outside"),
                                "path leaves the workspace: ../outside"),
                        // durations and quota
                        row("ttl negative", b -> b.ttl("-1h"), "Preview TTL '-1h' must be longer than zero"),
                        row("ttl zero", b -> b.ttl("0s"), "Preview TTL '0s' must be longer than zero"),
                        row(
                                "ttl without unit",
                                b -> b.ttl("72"),
                                "Preview TTL '72' has a number without a unit: use a number with a unit s, m, h or d, such as '30s', '5m', '72h', '7d' or '1h30m', or ISO-8601 such as 'PT5M'"),
                        row(
                                "ttl unknown unit",
                                b -> b.ttl("3w"),
                                "Preview TTL '3w' has an unknown unit 'w': use a number with a unit s, m, h or d, such as '30s', '5m', '72h', '7d' or '1h30m', or ISO-8601 such as 'PT5M'"),
                        row(
                                "timeout garbage",
                                b -> b.timeout("soon"),
                                "Timeout 'soon' is not a valid duration: use a number with a unit s, m, h or d, such as '30s', '5m', '72h', '7d' or '1h30m', or ISO-8601 such as 'PT5M'"),
                        row(
                                "quota unknown key",
                                b -> b.quota(Map.of("gpu", "1")),
                                "quota key 'gpu' is not known: use cpu, memory or pods"),
                        row(
                                "quota cpu garbage",
                                b -> b.quota(Map.of("cpu", "lots")),
                                "Quota CPU 'lots' is not a valid Kubernetes quantity: use a number with an optional suffix m, k, Ki, M, Mi, G, Gi, T or Ti, such as '500m' or '4Gi'"),
                        row(
                                "quota pods negative",
                                b -> b.quota(Map.of("pods", "-3")),
                                "quota pods '-3' must be a number from 1 to 9999"),
                        row(
                                "quota too small for the defaults",
                                b -> b.quota(Map.of("cpu", "10m")),
                                "Default CPU request '100m' is more than the quota's CPU '10m': not even one container with the default request would fit in a preview"),
                        // databases
                        row(
                                "database unknown",
                                b -> b.database("mysql"),
                                "database 'mysql' is not known: use 'none', 'ephemeral', 'shared-schema'"),
                        row(
                                "ephemeral without manifests",
                                b -> b.database("ephemeral"),
                                "database 'ephemeral' needs databaseManifests: the folder of manifests that create the preview's database"),
                        row(
                                "database manifests without ephemeral",
                                b -> b.databaseManifests("db"),
                                "databaseManifests is used only with database 'ephemeral', not 'none'"),
                        row(
                                "shared schema with manifests",
                                b -> b.chart(null).manifests("manifests").database("shared-schema"),
                                "database 'shared-schema' hands the schema name to a chart as the value database.schema: it needs chart, not kustomize or manifests"),
                        row(
                                "ephemeral manifests escaping",
                                b -> b.database("ephemeral").databaseManifests("../outside"),
                                "path leaves the workspace: ../outside"),
                        // build metadata
                        row(
                                "job with a newline",
                                b -> b.job("shop\nPR-1"),
                                "job 'shop\\u000aPR-1' is not a job's full name"),
                        row(
                                "build url too long",
                                b -> b.buildUrl("https://ci.example.com/" + "x".repeat(2100)),
                                "build URL is longer than 2048 characters"),
                        row(
                                "build url not http",
                                b -> b.buildUrl("javascript:alert(1)"),
                                "Build URL 'javascript:alert(1)' is not an http(s) URL or a run's path under the Jenkins root (job/…)")));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void refusedWithAClearMessageAndNoRequestToTheCluster(
            UnaryOperator<PreviewRequest.Builder> change, String message) {
        api.clearRequests();
        PreviewRequest.Builder valid = PreviewRequest.builder("shop")
                .image(registry.host() + "/" + PreviewFixture.IMAGE_REPOSITORY + ":1.0")
                .chart("chart")
                .pr("42")
                .helm(cli.helm().toString())
                .waitForReady(false);
        PreviewRequest request = change.apply(valid).build();

        PreviewException e =
                assertThrows(PreviewException.class, () -> deployer.deploy(request, fixture.tools(), line -> {}));

        assertEquals(List.of(), api.requests(), "requests to the cluster");
        assertEquals(message.replace("{registry}", registry.host()), e.getMessage());
    }
}
