package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.IsolatedProcess;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the chart sees of {@code set}, {@code setString} and {@code setFile} is what helm itself gives for
 * {@code --set}, {@code --set-string} and {@code --set-file} with the same entries. The oracle is the real
 * {@code helm template}, run directly with those flags, on a chart whose only template dumps {@code .Values} as JSON.
 * The oracle gives its flags in the reverse order of precedence ({@code --set-file}, then {@code --set-string}, then
 * {@code --set}) to show that helm orders them itself. {@code setString} values reach the oracle escaped as
 * {@code --set-string} needs them to stay literal (backslashes, commas and a leading brace); {@code set} values
 * unchanged. Each row also names a fragment the oracle's JSON holds (or, after {@code !}, does not hold), so a row
 * shows what helm does with it.
 */
class HelmValueSemanticsTest {

    @TempDir
    static Path root;

    @TempDir
    static Path home;

    private static KubernetesCli cli;
    private static Renderer renderer;

    @BeforeAll
    static void setUp() throws IOException {
        cli = KubernetesCli.create();
        write("chart/Chart.yaml", "apiVersion: v2\nname: dump\nversion: 0.1.0\n");
        write("chart/values.yaml", """
                replicas: 1
                keep: kept
                networkPolicies:
                  create: true
                list: [a, b, c]
                nested:
                  a: 1
                  b:
                    c: 2
                """);
        write("chart/templates/values.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: values
                data:
                  json: {{ .Values | toJson | quote }}
                """);
        write("values/layer.yaml", """
                hosts: [one, two, three]
                fromFile: file
                nested:
                  b:
                    d: 3
                """);
        write("files/config.json", "{\"a\": 1,\n \"b\": [true, null]}\n");
        write("files/commas.txt", "a,b\\c{d}=e\n");
        write("files/empty.txt", "");
        write("files/unicode.txt", "grüße 🚀 日本語\r\n\ttab");
        write("files/number.txt", "42");
        Map<String, String> env = Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString());
        renderer = new Renderer(new ProcessCommandRunner(), new LocalWorkspace(root), env, Duration.ofMinutes(1));
    }

    @AfterAll
    static void close() {
        cli.close();
    }

    private static void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** One row: entries of each parameter, the values files, and a fragment of what helm gives. */
    record Row(
            Map<String, String> set,
            Map<String, String> setString,
            Map<String, String> setFile,
            List<String> values,
            String fragment) {}

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Arguments set(String name, String key, String value, String fragment) {
        return Arguments.argumentSet(name, new Row(map(key, value), Map.of(), Map.of(), List.of(), fragment));
    }

    private static Arguments string(String name, String key, String value, String fragment) {
        return Arguments.argumentSet(name, new Row(Map.of(), map(key, value), Map.of(), List.of(), fragment));
    }

    private static Arguments file(String name, String key, String path, String fragment) {
        return Arguments.argumentSet(name, new Row(Map.of(), Map.of(), map(key, path), List.of(), fragment));
    }

    private static Arguments row(String name, Row row) {
        return Arguments.argumentSet(name, row);
    }

    static Stream<Arguments> rows() {
        List<String> layer = List.of("values/layer.yaml");
        return Stream.of(
                // set: booleans
                set("false turns a chart's switch off", "networkPolicies.create", "false", "\"create\":false"),
                set("true", "flag", "true", "\"flag\":true"),
                set("TRUE in capitals", "flag", "TRUE", "\"flag\":true"),
                set("False in mixed case", "flag", "False", "\"flag\":false"),
                set("yes stays a string", "flag", "yes", "\"flag\":\"yes\""),
                // set: numbers
                set("integer", "replicas", "3", "\"replicas\":3"),
                set("zero", "zero", "0", "\"zero\":0"),
                set("negative integer", "n", "-42", "\"n\":-42"),
                set("plus sign", "p", "+5", "\"p\":5"),
                set("leading zeros stay a string", "zip", "007", "\"zip\":\"007\""),
                set("float stays a string", "f", "1.5", "\"f\":\"1.5\""),
                set("exponent stays a string", "e", "1e3", "\"e\":\"1e3\""),
                set("hexadecimal stays a string", "h", "0x1F", "\"h\":\"0x1F\""),
                set("largest int64", "m", "9223372036854775807", "\"m\":9223372036854775807"),
                set("beyond int64 stays a string", "big", "12345678901234567890", "\"big\":\"12345678901234567890\""),
                // set: null
                set("null removes a chart default", "keep", "null", "!\"keep\""),
                set("NULL in capitals", "keep", "NULL", "!\"keep\""),
                set("null removes a nested default", "nested.a", "null", "\"nested\":{\"b\":{\"c\":2}}"),
                // set: lists
                set("list", "tags", "{a,b}", "\"tags\":[\"a\",\"b\"]"),
                set("list items are typed", "items", "{1,true,null,x}", "\"items\":[1,true,null,\"x\"]"),
                set("empty braces", "items", "{}", "\"items\":[\"\"]"),
                set("escaped comma in a list item", "items", "{a\\,b,c}", "\"items\":[\"a,b\",\"c\"]"),
                set("escaped brace in a list item", "items", "{a\\}b,c}", "\"items\":[\"a}b\",\"c\"]"),
                set("list replaces a chart's list", "list", "{x}", "\"list\":[\"x\"]"),
                set("JSON-looking value is a list", "j", "{\"a\":1}", "\"j\":[\"\\\"a\\\":1\"]"),
                set("escaped leading brace", "b", "\\{x}", "\"b\":\"{x}\""),
                // set: keys
                set("nested key", "a.b.c", "d", "\"a\":{\"b\":{\"c\":\"d\"}}"),
                set("list index with a key below", "items[0].name", "x", "\"items\":[{\"name\":\"x\"}]"),
                set("list index into a chart default", "list[1]", "Y", "\"list\":[null,\"Y\"]"),
                set(
                        "escaped dot in a key",
                        "podAnnotations.prometheus\\.io/scrape",
                        "true",
                        "\"podAnnotations\":{\"prometheus.io/scrape\":true}"),
                set("key with dashes and underscores", "a-b.c_d", "1", "\"a-b\":{\"c_d\":1}"),
                // set: text
                set("escaped comma", "msg", "a\\,b", "\"msg\":\"a,b\""),
                set("escaped backslash", "path", "C:\\\\dir", "\"path\":\"C:\\\\dir\""),
                set("empty value", "e", "", "\"e\":\"\""),
                set("unicode", "u", "grüße 🚀 日本語", "\"u\":\"grüße 🚀 日本語\""),
                set("equals signs", "eq", "a=b=c", "\"eq\":\"a=b=c\""),
                set("spaces kept", "s", "  padded  ", "\"s\":\"  padded  \""),
                set("line breaks and tabs", "l", "one\ntwo\r\n\tthree", "\"l\":\"one\\ntwo\\r\\n\\tthree\""),
                set("tilde", "t", "~", "\"t\":\"~\""),
                set("template text", "tpl", "{{ .Release.Name }", "\"tpl\":[\"{ .Release.Name \"]"),
                // setString
                string("true stays a string", "flag", "true", "\"flag\":\"true\""),
                string("number stays a string", "replicas", "3", "\"replicas\":\"3\""),
                string("null stays a string", "keep", "null", "\"keep\":\"null\""),
                string("braces stay text", "tags", "{a,b}", "\"tags\":\"{a,b}\""),
                string("commas and backslashes stay text", "msg", "a\\,b,c\\", "\"msg\":\"a\\\\,b,c\\\\\""),
                string("list index", "list[0]", "first", "\"list\":[\"first\"]"),
                string("escaped dot in a key", "ann.a\\.b", "v", "\"ann\":{\"a.b\":\"v\"}"),
                string("unicode and line breaks", "u", "grüße\n🚀", "\"u\":\"grüße\\n🚀\""),
                // setFile
                file("a JSON file is a string", "config", "files/config.json", "\"config\":\"{\\\"a\\\": 1,"),
                file("commas, backslashes and braces", "c", "files/commas.txt", "\"c\":\"a,b\\\\c{d}=e\\n\""),
                file("empty file", "e", "files/empty.txt", "\"e\":\"\""),
                file("unicode, CRLF and tab", "u", "files/unicode.txt", "\"u\":\"grüße 🚀 日本語\\r\\n\\ttab\""),
                file("number in a file stays a string", "replicas", "files/number.txt", "\"replicas\":\"42\""),
                file("into a list index", "list[2]", "files/number.txt", "\"list\":[null,null,\"42\"]"),
                // precedence
                row(
                        "setString wins over set",
                        new Row(map("x", "1"), map("x", "two"), Map.of(), List.of(), "\"x\":\"two\"")),
                row(
                        "setFile wins over setString",
                        new Row(Map.of(), map("x", "two"), map("x", "files/number.txt"), List.of(), "\"x\":\"42\"")),
                row(
                        "setFile wins over set",
                        new Row(map("x", "true"), Map.of(), map("x", "files/number.txt"), List.of(), "\"x\":\"42\"")),
                row(
                        "set wins over a values file",
                        new Row(map("fromFile", "false"), Map.of(), Map.of(), layer, "\"fromFile\":false")),
                row(
                        "all three and a values file",
                        new Row(
                                map("fromFile", "1"),
                                map("fromFile", "2"),
                                map("fromFile", "files/empty.txt"),
                                layer,
                                "\"fromFile\":\"\"")),
                row(
                        "list indexes edit a values file's list",
                        new Row(
                                map("hosts[1]", "2"),
                                map("hosts[2]", "3"),
                                Map.of(),
                                layer,
                                "\"hosts\":[\"one\",2,\"3\"]")),
                row(
                        "maps merge across chart, values file and set",
                        new Row(
                                map("nested.b.e", "5"),
                                Map.of(),
                                Map.of(),
                                layer,
                                "\"nested\":{\"a\":1,\"b\":{\"c\":2,\"d\":3,\"e\":5}}")),
                row(
                        "set null removes what a values file gave",
                        new Row(map("nested.b", "null"), Map.of(), Map.of(), layer, "\"nested\":{\"a\":1}")));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void chartSeesWhatHelmGives(Row row) throws IOException {
        String oracle = values(oracle(row));
        String rendered = values(renderer.render(RenderRequest.chart(
                        "chart", "r", "ns", row.values(), row.set(), row.setString(), row.setFile(), helm()))
                .documents()
                .get(0));
        assertAll(() -> assertEquals(oracle, rendered, "what the chart sees"), () -> {
            if (row.fragment().startsWith("!")) {
                assertFalse(oracle.contains(row.fragment().substring(1)), oracle);
            } else {
                assertTrue(oracle.contains(row.fragment()), oracle);
            }
        });
    }

    /**
     * Why {@code set} goes to helm as {@code --set} and not as a generated values file: helm reads a number in a values
     * file (or from {@code --set-json}) as floating point and one from {@code --set} as an integer, so a template
     * that prints it gives {@code 1e+06} instead of {@code 1000000}, and large integers lose digits.
     */
    @Test
    void aValuesFileWouldNotGiveWhatSetGives() throws IOException {
        write("printed/Chart.yaml", "apiVersion: v2\nname: printed\nversion: 0.1.0\n");
        write("printed/templates/printed.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: printed
                data:
                  x: {{ .Values.x | quote }}
                  big: {{ .Values.big | quote }}
                """);
        write("values/numbers.yaml", "x: 1000000\nbig: 9007199254740993\n");
        Map<String, String> set = map("x", "1000000", "big", "9007199254740993");
        Map<?, ?> typed = (Map<?, ?>) renderer.render(RenderRequest.chart("printed", "r", "ns", List.of(), set, helm()))
                .find("ConfigMap", "printed")
                .get("data");
        Map<?, ?> fromFile = (Map<?, ?>) renderer.render(
                        RenderRequest.chart("printed", "r", "ns", List.of("values/numbers.yaml"), Map.of(), helm()))
                .find("ConfigMap", "printed")
                .get("data");
        assertAll(
                () -> assertEquals(Map.of("x", "1000000", "big", "9007199254740993"), typed),
                () -> assertEquals(Map.of("x", "1e+06", "big", "9.007199254740992e+15"), fromFile));
    }

    private static String helm() {
        return cli.helm().toString();
    }

    private static Map<String, Object> oracle(Row row) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(helm(), "template", "r", root.resolve("chart").toString(), "--namespace", "ns"));
        for (String v : row.values()) {
            command.add("-f");
            command.add(root.resolve(v).toString());
        }
        row.setFile().forEach((k, v) -> {
            command.add("--set-file");
            command.add(k + "=" + root.resolve(v));
        });
        row.setString().forEach((k, v) -> {
            command.add("--set-string");
            command.add(k + "=" + (v.startsWith("{") ? "\\" : "")
                    + v.replace("\\", "\\\\").replace(",", "\\,"));
        });
        row.set().forEach((k, v) -> {
            command.add("--set");
            command.add(k + "=" + v);
        });
        IsolatedProcess.Result result = cli.run(command, root);
        assertEquals(0, result.exitCode(), result.output());
        return RenderedManifests.parse(result.stdout(), "oracle").get(0);
    }

    private static String values(Map<String, Object> configMap) {
        return (String) ((Map<?, ?>) configMap.get("data")).get("json");
    }
}
