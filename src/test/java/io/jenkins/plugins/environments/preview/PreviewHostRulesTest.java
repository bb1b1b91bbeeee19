package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.PreviewDefaults;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import io.jenkins.plugins.environments.render.Renderer;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule: a preview host is a DNS name of one or more labels under the preview domain; never an IP address, a
 * cluster-internal or private name, a wildcard, or a name a placeholder could move out of the domain. Rule: the values
 * the plugin hands the chart ({@code preview.host}, {@code database.schema}) cannot be overridden by {@code set} or by
 * a values file. Each refused row must fail with exactly its message, before any process starts and without a single
 * request to the cluster.
 */
class PreviewHostRulesTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String REGISTRY = "registry.example.com";
    private static final String NOT_UNDER = "is not under the preview domain 'preview.example.com': a preview host is"
            + " one or more labels followed by '.preview.example.com', such as 'pr-{number}.preview.example.com'";
    private static final String INTERNAL =
            "a cluster-internal or private name that is not reached through the preview" + " Ingress";
    private static final String SUBDOMAIN = "is not a valid host name: use at most 253 characters of dot-separated RFC"
            + " 1123 labels (lower-case letters, digits and '-', each starting and ending with a letter or digit)";
    private static final String OVERRIDE =
            "would override 'preview.host', a value the plugin hands the chart itself: remove it (the chart reads the"
                    + " plugin's value as .Values.preview.host)";

    @TempDir
    static Path dir;

    private static MockKubernetesApi api;
    private static PreviewFixture fixture;
    private static final List<List<String>> processes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        api = MockKubernetesApi.start();
        fixture = new PreviewFixture(dir, api, REGISTRY);
        fixture.write("values/nested.yaml", "replicas: 2\npreview:\n  host: evil.example.net\n");
        fixture.write("values/dotted.yaml", "\"preview.host\": evil.example.net\n");
        fixture.write("values/parent.yaml", "preview: evil.example.net\n");
        fixture.write("values/list.yaml", "preview: [a, b]\n");
        fixture.write(
                "values/json.json", "{\"image\": {\"tag\": \"1\"}, \"preview\": {\"host\": \"x.example.net\"}}\n");
        fixture.write("values/child.yaml", "preview:\n  host:\n    name: x\n");
        fixture.write("values/second.yaml", "a: 1\n---\npreview:\n  host: x.example.net\n");
        fixture.write("values/schema.yaml", "database:\n  schema: public\n");
        fixture.write("values/sibling.yaml", "preview:\n  tls: true\n  hostname: other\n");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static PreviewTools countingTools() {
        PreviewTools tools = fixture.tools();
        ProcessCommandRunner real = new ProcessCommandRunner();
        CommandRunner counting = (command, environment, workingDirectory, timeout) -> {
            processes.add(command);
            return real.run(command, environment, workingDirectory, timeout);
        };
        return new PreviewTools(counting, tools.workspace(), tools.environment());
    }

    private static PreviewRequest.Builder valid() {
        return PreviewRequest.builder("shop")
                .image(fixture.image(DIGEST))
                .chart("chart")
                .pr("42")
                .helm("/nonexistent/helm")
                .waitForReady(false);
    }

    private static Arguments row(String name, UnaryOperator<PreviewRequest.Builder> change, String message) {
        return Arguments.of(Named.of(name, change), message);
    }

    private static Arguments host(String template, String message) {
        return row("host " + template, b -> b.host(template), "Host template '" + template + "' " + message);
    }

    private static String gives(String host, String problem) {
        return "gives '" + host + "' for {number}=1842, which " + problem;
    }

    static Stream<Arguments> refused() {
        String ip = "is an IP address, not a DNS name";
        return Stream.of(
                // IP addresses in the forms resolvers accept
                host("127.0.0.{number}", gives("127.0.0.1842", ip)),
                host("10.{number}.0.1", gives("10.1842.0.1", ip)),
                host("0x7f.0.0.{number}", gives("0x7f.0.0.1842", ip)),
                host("{number}.0x7f", gives("1842.0x7f", ip)),
                host("{number}.0X7F", gives("1842.0X7F", ip)),
                host("2130706{number}", gives("21307061842", ip)),
                host("0177.0.0.{number}", gives("0177.0.0.1842", ip)),
                host("127.1.{number}", gives("127.1.1842", ip)),
                host("[::ffff:127.0.0.{number}]", gives("[::ffff:127.0.0.1842]", ip)),
                host("fd00::{number}", gives("fd00::1842", ip)),
                host("[fe80::{number}%25eth0]", gives("[fe80::1842%25eth0]", ip)),
                host("::ffff:7f00:{number}", gives("::ffff:7f00:1842", ip)),
                // cluster-internal and private names
                host("pr-{number}.svc.cluster.local", "ends in '.cluster.local', " + INTERNAL),
                host("{app}.pr-{number}.svc", "ends in '.svc', " + INTERNAL),
                host("pr-{number}.default.svc.cluster.local", "ends in '.cluster.local', " + INTERNAL),
                host("pr-{number}.local", "ends in '.local', " + INTERNAL),
                host("pr-{number}.corp.internal", "ends in '.internal', " + INTERNAL),
                host("pr-{number}.localhost", "ends in '.localhost', " + INTERNAL),
                host("pr-{number}.PREVIEW.LOCAL", "ends in '.local', " + INTERNAL),
                host("{number}.in-addr.arpa", "ends in '.arpa', " + INTERNAL),
                // outside the preview domain
                host("login-{number}.prod.example.com", NOT_UNDER),
                host("pr-{number}.preview.example.com.evil.io", NOT_UNDER),
                host("pr-{number}preview.example.com", NOT_UNDER),
                host("pr-{number}.{app}", NOT_UNDER),
                host("{app}.{number}.example.com", NOT_UNDER),
                host("pr-{number}.example.com", NOT_UNDER),
                // wildcards, trailing dots, malformed names
                host("*.preview.example.com", "is a wildcard, but a preview gets one host of its own"),
                host("pr-{number}.*.preview.example.com", "is a wildcard, but a preview gets one host of its own"),
                host("pr-{number}.preview.example.com.", "ends with a dot: write the name without the trailing dot"),
                host("PR-{number}.preview.example.com", gives("PR-1842.preview.example.com", SUBDOMAIN)),
                host(
                        "a".repeat(60) + "-{number}.preview.example.com",
                        gives("a".repeat(60) + "-1842.preview.example.com", SUBDOMAIN)),
                host("pr-{number}..preview.example.com", gives("pr-1842..preview.example.com", SUBDOMAIN)),
                host("pr-{number}.preview.example.com:443", gives("pr-1842.preview.example.com:443", SUBDOMAIN)),
                host("pr_{number}.preview.example.com", gives("pr_1842.preview.example.com", SUBDOMAIN)),
                // values the plugin hands the chart
                row(
                        "set preview.host",
                        b -> b.set(Map.of("preview.host", "evil.example.net")),
                        "set key" + " 'preview.host' " + OVERRIDE),
                row("set preview", b -> b.set(Map.of("preview", "x")), "set key 'preview' " + OVERRIDE),
                row(
                        "set below preview.host",
                        b -> b.set(Map.of("preview.host.name", "x")),
                        "set key" + " 'preview.host.name' " + OVERRIDE),
                row("set preview[0]", b -> b.set(Map.of("preview[0]", "x")), "set key 'preview[0]' " + OVERRIDE),
                row(
                        "set database.schema with a shared schema",
                        b -> b.database("shared-schema").set(Map.of("database.schema", "public")),
                        "set key 'database.schema' would override 'database.schema', a value the plugin hands the"
                                + " chart itself: remove it (the chart reads the plugin's value as"
                                + " .Values.database.schema)"),
                row(
                        "values file, nested",
                        b -> b.values(List.of("values/nested.yaml")),
                        "values file values/nested.yaml sets 'preview.host', which " + OVERRIDE),
                row(
                        "values file, dotted key",
                        b -> b.values(List.of("values/dotted.yaml")),
                        "values file values/dotted.yaml sets 'preview.host', which " + OVERRIDE),
                row(
                        "values file, parent replaced by a string",
                        b -> b.values(List.of("values/parent.yaml")),
                        "values file values/parent.yaml sets 'preview', which " + OVERRIDE),
                row(
                        "values file, parent replaced by a list",
                        b -> b.values(List.of("values/list.yaml")),
                        "values file values/list.yaml sets 'preview', which " + OVERRIDE),
                row(
                        "values file in JSON",
                        b -> b.values(List.of("values/json.json")),
                        "values file values/json.json sets 'preview.host', which " + OVERRIDE),
                row(
                        "values file, below the key",
                        b -> b.values(List.of("values/child.yaml")),
                        "values file values/child.yaml sets 'preview.host', which " + OVERRIDE),
                row(
                        "values file, second document",
                        b -> b.values(List.of("values/second.yaml")),
                        "values file values/second.yaml sets 'preview.host', which " + OVERRIDE),
                row(
                        "values file, schema with a shared schema",
                        b -> b.database("shared-schema").values(List.of("values/schema.yaml")),
                        "values file values/schema.yaml sets 'database.schema', which would override"
                                + " 'database.schema', a value the plugin hands the chart itself: remove it (the chart"
                                + " reads the plugin's value as .Values.database.schema)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedBeforeAnyProcessAndWithoutARequest(UnaryOperator<PreviewRequest.Builder> change, String message) {
        api.clearRequests();
        processes.clear();
        PreviewDeployer deployer = fixture.deployer(fixture.configuration(0, WhenFull.QUEUE));
        PreviewRequest request = change.apply(valid()).build();

        PreviewException e =
                assertThrows(PreviewException.class, () -> deployer.deploy(request, countingTools(), line -> {}));

        assertAll(
                () -> assertEquals(message, e.getMessage()),
                () -> assertEquals(List.of(), api.requests(), "requests to the cluster"),
                () -> assertEquals(List.of(), processes, "processes started"));
    }

    @ParameterizedTest(name = "hostUnderTheDomainIsAccepted: {0}")
    @CsvSource({
        "pr-{number}.preview.example.com, pr-42.preview.example.com",
        "{app}-{number}.preview.example.com, shop-42.preview.example.com",
        "{number}.{app}.preview.example.com, 42.shop.preview.example.com",
        "pr-{number}.xn--bcher-kva.preview.example.com, pr-42.xn--bcher-kva.preview.example.com",
        "pr-{number}.svc.preview.example.com, pr-42.svc.preview.example.com",
        "ip-10-0-0-{number}.preview.example.com, ip-10-0-0-42.preview.example.com",
    })
    void hostUnderTheDomainIsAccepted(String template, String host) {
        PreviewPlan plan = PreviewPlanner.plan(
                fixture.configuration(0, WhenFull.QUEUE), valid().host(template).build());
        assertEquals(host, plan.host());
    }

    @ParameterizedTest(name = "valuesBesideThePluginsKeysAreAccepted: {0}")
    @CsvSource({"values/sibling.yaml", "values/schema.yaml"})
    void valuesBesideThePluginsKeysAreAccepted(String file) {
        PreviewPlan plan = PreviewPlanner.plan(
                fixture.configuration(0, WhenFull.QUEUE),
                valid().values(List.of(file))
                        .set(Map.of("preview.tls", "true", "previewer", "x"))
                        .build());
        List<List<String>> calls = new ArrayList<>();
        CommandRunner fake = (command, environment, workingDirectory, timeout) -> {
            calls.add(command);
            return new CommandRunner.Result(0, "", "");
        };
        new Renderer(fake, new LocalWorkspace(fixture.workspace), Map.of(), Duration.ofMinutes(1))
                .render(plan.render());
        assertEquals(1, calls.size(), "helm ran");
    }

    private static PreviewDefaults defaults(String hostTemplate, String previewDomain) {
        return new PreviewDefaults(
                "previews", null, hostTemplate, Duration.ofHours(72), null, null, null, previewDomain, null, null);
    }

    private static Arguments domain(String name, String hostTemplate, String previewDomain, String field, String m) {
        return Arguments.argumentSet(name, hostTemplate, previewDomain, field, m);
    }

    static Stream<Arguments> refusedDomains() {
        String use = ": use a public DNS domain, such as 'preview.example.com'";
        String ip = "is an IP address, not a DNS name" + use;
        return Stream.of(
                domain("IPv4", null, "10.0.0.1", "previewDomain", "Preview domain '10.0.0.1' " + ip),
                domain("IPv6", null, "[::1]", "previewDomain", "Preview domain '[::1]' " + ip),
                domain("hex", null, "0x7f.1", "previewDomain", "Preview domain '0x7f.1' " + ip),
                domain(
                        "cluster DNS",
                        null,
                        "svc.cluster.local",
                        "previewDomain",
                        "Preview domain 'svc.cluster.local' ends in '.cluster.local', " + INTERNAL + use),
                domain(
                        "single label",
                        null,
                        "example",
                        "previewDomain",
                        "Preview domain 'example' is a single label: use a domain of at least two labels, such as"
                                + " 'preview.example.com', so that previews cannot take names directly under a"
                                + " top-level domain"),
                domain(
                        "wildcard",
                        null,
                        "*.example.com",
                        "previewDomain",
                        "Preview domain '*.example.com' is a wildcard, but a preview gets one host of its own" + use),
                domain(
                        "trailing dot",
                        null,
                        "preview.example.com.",
                        "previewDomain",
                        "Preview domain 'preview.example.com.' ends with a dot: write the name without the trailing"
                                + " dot" + use),
                domain(
                        "upper case",
                        null,
                        "Preview.Example.com",
                        "previewDomain",
                        "Preview domain 'Preview.Example.com' is not a valid domain: use at most 253 characters of"
                                + " dot-separated RFC 1123 labels (lower-case letters, digits and '-', each starting"
                                + " and ending with a letter or digit)"),
                domain(
                        "template outside the explicit domain",
                        "pr-{number}.other.org",
                        "preview.example.com",
                        "hostTemplate",
                        "Host template 'pr-{number}.other.org' " + NOT_UNDER),
                domain(
                        "template without a domain",
                        "pr-{number}",
                        null,
                        "hostTemplate",
                        "Host template 'pr-{number}' has no domain after its placeholders: end it with the preview"
                                + " domain, such as 'pr-{number}.preview.example.com', or set previewDomain"),
                domain(
                        "domain taken from the template is a top-level domain",
                        "pr-{number}.com",
                        null,
                        "hostTemplate",
                        "Preview domain 'com' is a single label: use a domain of at least two labels, such as"
                                + " 'preview.example.com', so that previews cannot take names directly under a"
                                + " top-level domain (taken from host template 'pr-{number}.com')"),
                domain(
                        "template ends in a placeholder",
                        "pr.example.{number}",
                        null,
                        "hostTemplate",
                        "Host template 'pr.example.{number}' gives 'pr.example.1842' for {number}=1842, which is an"
                                + " IP address, not a DNS name"));
    }

    @ParameterizedTest
    @MethodSource("refusedDomains")
    void refusedDomainNamesTheField(String hostTemplate, String previewDomain, String field, String message) {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> defaults(hostTemplate, previewDomain));
        assertAll(() -> assertEquals(message, e.getMessage()), () -> assertEquals(field, e.field()));
    }

    @ParameterizedTest(name = "domainIsTakenFromTheTemplate: {0}")
    @CsvSource({
        "pr-{number}.preview.example.com, preview.example.com",
        "{app}-{number}.previews.acme.dev, previews.acme.dev",
        "{number}.pr.preview.example.com, pr.preview.example.com",
        "pr-{number}-x.preview.example.com, preview.example.com",
        "pr-{number}.xn--bcher-kva.example, xn--bcher-kva.example",
    })
    void domainIsTakenFromTheTemplate(String hostTemplate, String domain) {
        assertEquals(domain, defaults(hostTemplate, null).previewDomain());
    }

    @ParameterizedTest(name = "explicitDomainWidensWhatPipelinesMayChoose: {0}")
    @CsvSource({"{app}-{number}.preview.example.com", "pr-{number}.team-a.preview.example.com"})
    void explicitDomainWidensWhatPipelinesMayChoose(String host) {
        PreviewDefaults defaults = defaults("pr-{number}.apps.preview.example.com", "preview.example.com");
        EnvironmentsConfiguration configuration = new EnvironmentsConfiguration(
                List.of(new Cluster("previews", "https://k8s.example.com:6443", "k8s-token", null, false, 0)),
                List.of(new Registry("local", REGISTRY, null, false, false)),
                List.of(),
                defaults);
        PreviewPlan plan = PreviewPlanner.plan(configuration, valid().host(host).build());
        assertEquals(host.replace("{app}", "shop").replace("{number}", "42"), plan.host());
    }
}
