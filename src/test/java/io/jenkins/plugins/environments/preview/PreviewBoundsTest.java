package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.PreviewDefaults;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule: every input of {@code deployPreview} is bounded, and a value over its bound is refused with a message that
 * names the parameter, before any process starts and before any request to the cluster: {@code ttl} at most the
 * administrator's {@code maxTtl}, {@code timeout} at most {@code maxTimeout}, durations of any size without overflow,
 * {@code set} keys and values bounded in size and characters, no {@code null} in a list parameter, and an {@code app}
 * that fits every name made from it. Large {@code setString} values reach the chart through files, exactly as
 * {@code --set-string} would place them (checked against helm itself).
 */
class PreviewBoundsTest {

    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private static final String REGISTRY = "registry.example.com";
    private static final String MAX_TTL = "is longer than the longest TTL the administrator allows (maxTtl): 30d";
    private static final String MAX_TIMEOUT =
            "is longer than the longest timeout the administrator allows (maxTimeout): 2h";
    private static final String CONTROL = ": only tab and line breaks are allowed";

    @TempDir
    static Path dir;

    private static MockKubernetesApi api;
    private static KubernetesCli cli;
    private static PreviewFixture fixture;
    private static final List<List<String>> processes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        api = MockKubernetesApi.start();
        cli = KubernetesCli.create();
        fixture = new PreviewFixture(dir, api, REGISTRY);
        fixture.write("chart/templates/values.yaml", """
                {{- if .Values.probe }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: values
                data:
                  json: {{ toJson (omit .Values "image" "extra" "preview") | quote }}
                {{- end }}
                """);
        fixture.write("values/list.yaml", "probe: true\nhosts: [one, two, three]\nnested: {keep: kept}\n");
    }

    @AfterAll
    static void stop() {
        cli.close();
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
                .helm(cli.helm().toString())
                .waitForReady(false);
    }

    private static Arguments row(String name, UnaryOperator<PreviewRequest.Builder> change, String message) {
        return Arguments.of(Named.of(name, change), message);
    }

    private static Map<String, String> set(String key, String value) {
        Map<String, String> set = new HashMap<>();
        set.put(key, value);
        return set;
    }

    static Stream<Arguments> refused() {
        String app54 = "a".repeat(54);
        String app63 = "b".repeat(63);
        String app60 = "c".repeat(60);
        String app58 = "d".repeat(58);
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 501; i++) {
            many.put("k" + i, "v");
        }
        Map<String, String> typedLarge = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            typedLarge.put("part" + i, "x".repeat(30_000));
        }
        Map<String, String> large = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            large.put("part" + i, "x".repeat(400_000));
        }
        return Stream.of(
                // durations
                row("ttl of 100,000,000 days", b -> b.ttl("100000000d"), "Preview TTL '100000000d' " + MAX_TTL),
                row("ttl of 10^12 days", b -> b.ttl("1000000000000d"), "Preview TTL '1000000000000d' " + MAX_TTL),
                row("ttl just over the maximum", b -> b.ttl("30d1s"), "Preview TTL '30d1s' " + MAX_TTL),
                row("ttl in ISO-8601 over the maximum", b -> b.ttl("P31D"), "Preview TTL 'P31D' " + MAX_TTL),
                row(
                        "ttl beyond a long",
                        b -> b.ttl("99999999999999999999999d"),
                        "Preview TTL '99999999999999999999999d' " + MAX_TTL),
                row(
                        "ttl in ISO-8601 beyond a long",
                        b -> b.ttl("P999999999999999D"),
                        "Preview TTL 'P999999999999999D' " + MAX_TTL),
                row(
                        "ttl as a very long text",
                        b -> b.ttl("1".repeat(5000) + "d"),
                        "Preview TTL is 5001 characters long, too long for a duration: use a number with a unit s,"
                                + " m, h or d, such as '30s', '5m', '72h', '7d' or '1h30m', or ISO-8601 such as"
                                + " 'PT5M'"),
                row(
                        "timeout of 10^12 days",
                        b -> b.timeout("1000000000000d"),
                        "Timeout '1000000000000d' " + MAX_TIMEOUT),
                row("timeout just over the maximum", b -> b.timeout("2h1s"), "Timeout '2h1s' " + MAX_TIMEOUT),
                row("timeout in ISO-8601", b -> b.timeout("PT121M"), "Timeout 'PT121M' " + MAX_TIMEOUT),
                row(
                        "timeout beyond a long",
                        b -> b.timeout("9223372036854775808s"),
                        "Timeout '9223372036854775808s' " + MAX_TIMEOUT),
                // set values: characters
                row(
                        "NUL in a set value",
                        b -> b.set(Map.of("greeting", "a\0b")),
                        "set value of 'greeting' contains the control character U+0000 at position 2" + CONTROL),
                row(
                        "escape in a set value",
                        b -> b.set(Map.of("greeting", "\u001b[31mred")),
                        "set value of 'greeting' contains the control character U+001B at position 1" + CONTROL),
                row(
                        "DEL in a set value",
                        b -> b.set(Map.of("greeting", "ab\u007f")),
                        "set value of 'greeting' contains the control character U+007F at position 3" + CONTROL),
                row(
                        "C1 control (NEL) in a set value",
                        b -> b.set(Map.of("greeting", "a\u0085b")),
                        "set value of 'greeting' contains the control character U+0085 at position 2" + CONTROL),
                row(
                        "lone surrogate in a set value",
                        b -> b.set(Map.of("greeting", "a\ud800b")),
                        "set value of 'greeting' is not valid Unicode: a lone surrogate at position 2"),
                // set: keys
                row(
                        "NUL in a set key",
                        b -> b.set(Map.of("a\0b", "v")),
                        "set key 'a\\u0000b' is not a value path: use names of letters, digits,"
                                + " '_', '-' and '/' separated by dots (a dot inside a name written '\\.'), each with"
                                + " at most one list index, such as 'image.tag' or 'hosts[0].name'"),
                row(
                        "set key too long",
                        b -> b.set(Map.of("k".repeat(300), "v")),
                        "set key '" + "k".repeat(40) + "…' is 300 characters long: at most 256 are allowed"),
                row(
                        "set list index over 999",
                        b -> b.set(Map.of("hosts[1000]", "v")),
                        "set key 'hosts[1000]' has the list index 1000: indexes go from 0 to 999"),
                row(
                        "set list index beyond an int",
                        b -> b.set(Map.of("hosts[99999999999]", "v")),
                        "set key 'hosts[99999999999]' has the list index 99999999999: indexes go from 0 to 999"),
                row(
                        "set key unicode",
                        b -> b.set(Map.of("grüße", "v")),
                        "set key 'grüße' is not a value path: use names of letters, digits,"
                                + " '_', '-' and '/' separated by dots (a dot inside a name written '\\.'), each with"
                                + " at most one list index, such as 'image.tag' or 'hosts[0].name'"),
                // set: sizes
                row(
                        "setString value over 512 KiB",
                        b -> b.setString(Map.of("big", "x".repeat(600_000))),
                        "setString value of 'big' is 600000 characters long: at most 524288 are allowed; put large"
                                + " configuration in a values file"),
                row(
                        "setString over 1 MiB in all",
                        b -> b.setString(large),
                        "setString holds 1200015 characters in all: at most 1048576 are allowed; put large"
                                + " configuration in a values file"),
                row(
                        "set value over 32 KiB (it goes on the command line)",
                        b -> b.set(Map.of("big", "x".repeat(32 * 1024 + 1))),
                        "set value of 'big' is 32769 characters long: at most 32768 are allowed in set, which goes"
                                + " on helm's command line; pass a long string with setString, or a file's content"
                                + " with setFile"),
                row(
                        "set over 256 KiB in all",
                        b -> b.set(typedLarge),
                        "set values hold 270000 characters in all: at most 262144 are allowed in set, which goes on"
                                + " helm's command line; pass long strings with setString, or files' content with"
                                + " setFile"),
                row(
                        "setString key over a reserved key",
                        b -> b.setString(Map.of("preview.host", "evil.example.com")),
                        "setString key 'preview.host' would override 'preview.host', a value the plugin hands the"
                                + " chart itself: remove it (the chart reads the plugin's value as .Values.preview.host)"),
                row(
                        "setFile key above a reserved key",
                        b -> b.setFile(Map.of("preview", "values/list.yaml")),
                        "setFile key 'preview' would override 'preview.host', a value the plugin hands the chart"
                                + " itself: remove it (the chart reads the plugin's value as .Values.preview.host)"),
                row(
                        "set key with an escaped dot over a reserved key",
                        b -> b.set(Map.of("preview\\.host", "x")),
                        "set key 'preview\\.host' would override 'preview.host', a value the plugin hands the chart"
                                + " itself: remove it (the chart reads the plugin's value as .Values.preview.host)"),
                row(
                        "set value whose comma would start another entry",
                        b -> b.set(Map.of("greeting", "hi,preview.host=evil.example.com")),
                        "set value of 'greeting' has a comma at position 3 that helm would read as the start of"
                                + " another entry: escape it as '\\,' or pass the text with setString"),
                row("set with 501 entries", b -> b.set(many), "set has 501 entries: at most 500 are allowed"),
                // nulls in list parameters
                row("values [null]", b -> b.values(Arrays.asList((String) null)), "values entry 1 is null"),
                row(
                        "values with a null second entry",
                        b -> b.values(Arrays.asList("values/list.yaml", null)),
                        "values entry 2 is null"),
                row("set with a null value", b -> b.set(set("greeting", null)), "set key 'greeting' has a null value"),
                row("set with a null key", b -> b.set(set(null, "v")), "set has a null key"),
                row("quota with a null value", b -> b.quota(set("cpu", null)), "quota key 'cpu' has a null value"),
                row("quota with a null key", b -> b.quota(set(null, "1")), "quota has a null key"),
                row(
                        "imageFields with a null entry",
                        b -> b.imageFields(Arrays.asList("Memcached:spec.image", null)),
                        "imageFields entry 2 is null"),
                row(
                        "imageFields entry without a kind",
                        b -> b.imageFields(List.of("spec.image")),
                        "Image field 'spec.image' must be written Kind:path, such as 'Memcached:spec.image'"),
                // app and the names made from it
                row(
                        "app of 54 characters with a chart",
                        b -> b.app(app54),
                        "app '" + app54 + "' (54 characters) is too long: it becomes the Helm release name, which"
                                + " allows at most 53 characters; use a shorter app name"),
                row(
                        "app of 63 characters with a chart",
                        b -> b.app(app63),
                        "app '" + app63 + "' (63 characters) is too long: it becomes the Helm release name, which"
                                + " allows at most 53 characters; use a shorter app name"),
                row(
                        "app too long for the namespace template",
                        b -> b.app(app60).chart(null).manifests("manifests").namespace("{app}-pr-{number}"),
                        "app '" + app60 + "' (60 characters) is too long: it becomes the namespace '" + app60
                                + "-pr-42' of template '{app}-pr-{number}', which is not valid (labels have at most"
                                + " 63 characters); use a shorter app name"),
                row(
                        "app too long for the host template",
                        b -> b.app(app58)
                                .chart(null)
                                .manifests("manifests")
                                .host("{app}-pr-{number}.preview.example.com"),
                        "app '" + app58 + "' (58 characters) is too long: it becomes the host name '" + app58
                                + "-pr-42.preview.example.com' of template '{app}-pr-{number}.preview.example.com',"
                                + " which is not valid (labels have at most 63 characters, a host name at most 253);"
                                + " use a shorter app name"));
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

    @Test
    void limitsThemselvesAreAccepted() {
        PreviewPlan plan = PreviewPlanner.plan(
                fixture.configuration(0, WhenFull.QUEUE),
                valid().ttl("30d").timeout("2h").app("e".repeat(53)).build());
        assertAll(
                () -> assertEquals(Duration.ofDays(30), plan.spec().ttl()),
                () -> assertEquals(Duration.ofHours(2), plan.timeout()));
    }

    private static EnvironmentsConfiguration configuration(PreviewDefaults defaults) {
        return new EnvironmentsConfiguration(
                List.of(new Cluster("previews", "https://k8s.example.com:6443", "k8s-token", null, false, 0)),
                List.of(new Registry("local", REGISTRY, null, false, false)),
                List.of(),
                defaults);
    }

    @Test
    void administratorsMaximaApplyAndShortenTheDefaults() {
        PreviewDefaults defaults = new PreviewDefaults(
                "previews", null, null, null, null, null, null, null, Duration.ofDays(1), Duration.ofMinutes(1));
        PreviewPlan plan = PreviewPlanner.plan(configuration(defaults), valid().build());
        assertAll(
                () -> assertEquals(Duration.ofDays(1), plan.spec().ttl(), "default TTL shortened to maxTtl"),
                () -> assertEquals(Duration.ofMinutes(1), plan.timeout(), "default timeout shortened to maxTimeout"));
        PreviewException e = assertThrows(
                PreviewException.class,
                () -> PreviewPlanner.plan(
                        configuration(defaults), valid().ttl("25h").build()));
        assertEquals(
                "Preview TTL '25h' is longer than the longest TTL the administrator allows (maxTtl): 1d",
                e.getMessage());
    }

    static Stream<Arguments> refusedSettings() {
        return Stream.of(
                Arguments.argumentSet(
                        "maxTtl over the ceiling",
                        (Runnable) () -> PreviewDefaults.parseMaxTtl("400d"),
                        "maxTtl",
                        "Maximum TTL '400d' is longer than the longest duration the plugin accepts: 365d"),
                Arguments.argumentSet(
                        "maxTimeout of 10^12 days",
                        (Runnable) () -> PreviewDefaults.parseMaxTimeout("1000000000000d"),
                        "maxTimeout",
                        "Maximum timeout '1000000000000d' is longer than the longest duration the plugin accepts:"
                                + " 365d"),
                Arguments.argumentSet(
                        "maxTimeout zero",
                        (Runnable) () -> PreviewDefaults.parseMaxTimeout("0s"),
                        "maxTimeout",
                        "Maximum timeout '0s' must be longer than zero"),
                Arguments.argumentSet(
                        "default ttl over maxTtl",
                        (Runnable) () -> new PreviewDefaults(
                                "previews", null, null, Duration.ofDays(40), null, null, null, null, null, null),
                        "ttl",
                        "Preview TTL '40d' is longer than the longest TTL the administrator allows (maxTtl): 30d"));
    }

    @ParameterizedTest
    @MethodSource("refusedSettings")
    void refusedSettingNamesTheField(Runnable action, String field, String message) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, action::run);
        assertAll(() -> assertEquals(message, e.getMessage()), () -> assertEquals(field, e.field()));
    }

    /**
     * A 200 KB value, far past what fits one argument on Linux (128 KiB), is deployed: helm reads it from a file, the
     * ConfigMap in the cluster holds it exactly, and the file is gone afterwards.
     */
    @Test
    void largeSetStringValueReachesTheClusterThroughAFile() throws Exception {
        api.clearRequests();
        processes.clear();
        String big = "0123456789,\\=é".repeat(200_000 / 14);
        PreviewRequest request =
                valid().pr("77").setString(Map.of("probe", "yes", "big", big)).build();

        fixture.deployer(fixture.configuration(0, WhenFull.QUEUE)).deploy(request, countingTools(), line -> {});

        ConfigMap values = api.client()
                .configMaps()
                .inNamespace("pr-77")
                .withName("values")
                .get();
        String json = values.getData().get("json");
        assertEquals(
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(new java.util.TreeMap<>(Map.of("big", big, "probe", "yes"))),
                json);
        assertEquals(1, processes.size(), "one helm process");
        assertTrue(processes.get(0).stream().allMatch(a -> a.length() < 4096), "no long argument");
        assertEquals(List.of(), temporaryFiles(), "temporary files left beside the workspace");
    }

    /** The files of {@code setString} and {@code setFile} are removed also when helm fails; nothing reached the cluster. */
    @Test
    void setFilesAreRemovedWhenHelmFails() throws Exception {
        api.clearRequests();
        PreviewRequest request = valid().helm("/bin/false")
                .setString(Map.of("greeting", "hello"))
                .setFile(Map.of("file", "values/list.yaml"))
                .build();

        PreviewException e = assertThrows(
                PreviewException.class,
                () -> fixture.deployer(fixture.configuration(0, WhenFull.QUEUE))
                        .deploy(request, countingTools(), line -> {}));

        assertAll(
                () -> assertEquals("helm template failed with exit code 1: ", e.getMessage()),
                () -> assertEquals(List.of(), api.requests(), "requests to the cluster"),
                () -> assertEquals(List.of(), temporaryFiles(), "temporary files left beside the workspace"));
    }

    private static List<Path> temporaryFiles() throws IOException {
        Path tmp = fixture.workspace.resolveSibling(fixture.workspace.getFileName() + "@tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.filter(p -> !p.equals(tmp)).toList();
        }
    }

    /**
     * The values helm hands the chart are the same whether the plugin passes {@code setString} (through files) or helm gets
     * the same entries with {@code --set-string}: strings stay strings, list indexes edit the list of a values file,
     * maps merge. The oracle escapes what {@code --set-string} would otherwise interpret: backslashes, commas and a
     * leading '{' (which it reads as a list).
     */
    @Test
    void setStringValuesAreWhatSetStringGives() throws Exception {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("probe", "true");
        set.put("commas", "a,b,c");
        set.put("backslashes", "C:\\dir\\file \\\\ end\\");
        set.put("unicode", "grüße 🚀 日本語 \u2028 \u00a0 \ufeff");
        set.put("zeros", "007");
        set.put("boolean", "true");
        set.put("null", "null");
        set.put("tilde", "~");
        set.put("empty", "");
        set.put("spaces", "  padded  ");
        set.put("lines", "one\ntwo\r\nthree\ttab\n");
        set.put("equals", "a=b=c");
        set.put("braces", "{a,b}");
        set.put("brackets", "[1, 2]");
        set.put("yaml", "key: value # comment");
        set.put("template", "{{ .Release.Name }}");
        set.put("quotes", "'single' \"double\"");
        set.put("number", "1e3");
        set.put("hex", "0x1F");
        set.put("hosts[1]", "second");
        set.put("nested.added", "new");
        set.put("deep.list[2].name", "x");

        Path home = Files.createTempDirectory(dir, "home");
        List<String> oracle = new ArrayList<>(List.of(
                cli.helm().toString(),
                "template",
                "shop",
                fixture.workspace.resolve("chart").toString(),
                "--namespace",
                "pr-5",
                "-f",
                fixture.workspace.resolve("values/list.yaml").toString()));
        oracle.add("--set-string");
        oracle.add("preview.host=pr-5.preview.example.com");
        set.forEach((k, v) -> {
            oracle.add("--set-string");
            oracle.add(k + "=" + (v.startsWith("{") ? "\\" : "")
                    + v.replace("\\", "\\\\").replace(",", "\\,"));
        });
        CommandRunner.Result expected = new ProcessCommandRunner()
                .run(
                        oracle,
                        Map.of(
                                "HOME",
                                home.toString(),
                                "XDG_CONFIG_HOME",
                                home.resolve("c").toString(),
                                "XDG_CACHE_HOME",
                                home.resolve("d").toString(),
                                "XDG_DATA_HOME",
                                home.resolve("e").toString()),
                        fixture.workspace.toString(),
                        Duration.ofMinutes(1));
        assertEquals(0, expected.exitCode(), expected.stderr());

        PreviewPlan plan = PreviewPlanner.plan(
                fixture.configuration(0, WhenFull.QUEUE),
                valid().pr("5")
                        .values(List.of("values/list.yaml"))
                        .setString(set)
                        .build());
        io.jenkins.plugins.environments.render.RenderedManifests actual =
                new io.jenkins.plugins.environments.render.Renderer(
                                new ProcessCommandRunner(),
                                fixture.tools().workspace(),
                                fixture.tools().environment(),
                                Duration.ofMinutes(1))
                        .render(plan.render());

        String json = (String) ((Map<?, ?>) actual.find("ConfigMap", "values").get("data")).get("json");
        String oracleJson = (String) ((Map<?, ?>) new io.jenkins.plugins.environments.render.RenderedManifests(
                                io.jenkins.plugins.environments.render.RenderedManifests.parse(
                                        expected.stdout(), "oracle"))
                        .find("ConfigMap", "values")
                        .get("data"))
                .get("json");
        assertEquals(oracleJson, json);
        assertTrue(json.contains("\"hosts\":[\"one\",\"second\",\"three\"]"), json);
        assertTrue(json.contains("\"braces\":\"{a,b}\""), json);
        assertEquals(List.of(), temporaryFiles(), "temporary files left beside the workspace");
    }
}
