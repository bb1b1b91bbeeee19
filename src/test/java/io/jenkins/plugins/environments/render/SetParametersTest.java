package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.KubernetesCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@code set}, {@code setString} and {@code setFile} before helm runs: a typed {@code set} value is one
 * helm entry and short enough for the command line; a {@code setFile} path stays in the workspace and names a file
 * whose content follows the value rule and holds no secret. A refused request starts no process.
 */
class SetParametersTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private Renderer renderer;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("chart"));
        Files.createDirectories(root.resolve("files/folder"));
        Files.writeString(root.resolve("files/ok.txt"), "hello, world\n");
        Files.writeString(root.resolve("files/nul.txt"), "a\0b");
        Files.writeString(root.resolve("files/big.txt"), "x".repeat(600_000));
        Files.writeString(root.resolve("files/aws.txt"), "id = AKIAIOSFODNN7EXAMPLE\n");
        Files.writeString(root.resolve("files/plain.txt"), "hunter2\n");
        Files.writeString(outside.resolve("secret.txt"), "s3cr3t\n");
        Files.createSymbolicLink(root.resolve("files/out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("files/in.txt"), root.resolve("files/ok.txt"));
        renderer = new Renderer(runner, new LocalWorkspace(root), Map.of(), Duration.ofSeconds(5));
    }

    private RenderRequest request(Map<String, String> set, Map<String, String> setString, Map<String, String> setFile) {
        return RenderRequest.chart("chart", "r", "ns", List.of(), set, setString, setFile, "/bin/helm");
    }

    private static Arguments refused(String name, Supplier<Map<String, String>[]> entries, String message) {
        return Arguments.argumentSet(name, entries, message);
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Map<String, String>[]> typed(String key, String value) {
        return () -> new Map[] {Map.of(key, value), Map.of(), Map.of()};
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Map<String, String>[]> file(String key, String path) {
        return () -> new Map[] {Map.of(), Map.of(), Map.of(key, path)};
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused(
                        "Rule: a set value is one helm entry (a comma starts another)",
                        typed("a", "x,b=y"),
                        "set value of 'a' has a comma at position 2 that helm would read as the start of another"
                                + " entry: escape it as '\\,' or pass the text with setString"),
                refused(
                        "Rule: a set value is one helm entry (text after a list)",
                        typed("a", "{x,y}b=1"),
                        "set value of 'a' has text after the list's closing '}' at position 6, which helm would read"
                                + " as another entry; pass the text with setString"),
                refused(
                        "Rule: a set value is one helm entry (comma after a list)",
                        typed("a", "{x},b=1"),
                        "set value of 'a' has text after the list's closing '}' at position 4, which helm would read"
                                + " as another entry; pass the text with setString"),
                refused(
                        "Rule: a set list is closed",
                        typed("a", "{x,y"),
                        "set value of 'a' starts a list with '{' but never closes it with '}'; escape the brace as"
                                + " '\\{' or pass the text with setString"),
                refused(
                        "Rule: a set list is closed (escaped closing brace)",
                        typed("a", "{x\\}"),
                        "set value of 'a' starts a list with '{' but never closes it with '}'; escape the brace as"
                                + " '\\{' or pass the text with setString"),
                refused(
                        "Rule: a set value fits the command line",
                        typed("a", "é".repeat(32 * 1024 + 1)),
                        "set value of 'a' is 32769 characters long: at most 32768 are allowed in set, which goes on"
                                + " helm's command line; pass a long string with setString, or a file's content with"
                                + " setFile"),
                refused(
                        "Rule: a setFile path stays in the workspace",
                        file("a", "../secret.txt"),
                        "setFile value of 'a': path leaves the workspace: ../secret.txt"),
                refused(
                        "Rule: a setFile path is relative",
                        file("a", "/etc/passwd"),
                        "setFile value of 'a': path must be relative to the workspace: /etc/passwd"),
                refused(
                        "Rule: a setFile path does not leave through a link",
                        file("a", "files/out.txt"),
                        "setFile value of 'a': path leaves the workspace through a symbolic link: files/out.txt"),
                refused(
                        "Rule: a setFile path names an existing file",
                        file("a", "files/missing.txt"),
                        "setFile value of 'a': files/missing.txt does not exist in the workspace"),
                refused(
                        "Rule: a setFile path names a file, not a folder",
                        file("a", "files/folder"),
                        "setFile value of 'a': files/folder is not a file"),
                refused(
                        "Rule: a setFile path is not empty",
                        file("a", " "),
                        "setFile value of 'a' is empty: give the" + " path of a file in the workspace"),
                refused(
                        "Rule: a setFile key is a value path",
                        file("a=b", "files/ok.txt"),
                        "setFile key 'a=b' is not a value path: use names of letters, digits, '_', '-' and '/'"
                                + " separated by dots (a dot inside a name written '\\.'), each with at most one list"
                                + " index, such as 'image.tag' or 'hosts[0].name'"),
                refused(
                        "Rule: a setFile content has no control character",
                        file("a", "files/nul.txt"),
                        "setFile file 'files/nul.txt' of 'a' contains the control character U+0000 at position 2:"
                                + " only tab and line breaks are allowed"),
                refused(
                        "Rule: a setFile content is at most 512 KiB",
                        file("a", "files/big.txt"),
                        "setFile file 'files/big.txt' of 'a' is 600000 characters long: at most 524288 are allowed;"
                                + " put large configuration in a values file"),
                refused(
                        "Rule: a setFile content is scanned like a values file",
                        file("a", "files/aws.txt"),
                        "configuration contains secrets; move them to a Kubernetes Secret or Jenkins credentials:\n"
                                + "  files/aws.txt:1: [aws-access-key-id] AWS access key id"),
                refused(
                        "Rule: a setFile content for a secret's key is a literal secret",
                        file("db.password", "files/plain.txt"),
                        "configuration contains secrets; move them to a Kubernetes Secret or Jenkins credentials:\n"
                                + "  --set-file db.password: [generic-secret] literal value for key 'password'"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusedBeforeAnyProcess(Supplier<Map<String, String>[]> entries, String message) {
        Map<String, String>[] e = entries.get();
        RenderException thrown = assertThrows(RenderException.class, () -> renderer.render(request(e[0], e[1], e[2])));
        assertAll(() -> assertEquals(message, thrown.getMessage()), () -> assertEquals(List.of(), runner.calls));
    }

    @Test
    void setStringValueIsScannedAsSetString() {
        RenderException e = assertThrows(
                RenderException.class,
                () -> renderer.render(request(Map.of(), Map.of("db.password", "hunter2"), Map.of())));
        assertEquals(
                "configuration contains secrets; move them to a Kubernetes Secret or Jenkins credentials:\n"
                        + "  --set-string db.password: [generic-secret] literal value for key 'password'",
                e.getMessage());
        assertEquals(List.of(), runner.calls);
    }

    /**
     * Helm gets a private copy of what was checked and scanned, never the workspace path: a file changed after the
     * check cannot reach the chart, and helm's {@code --set-file} never fetches a URL. The copy is gone afterwards.
     */
    @Test
    void setFileHandsHelmACopyInOrder() throws IOException {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("n", "1");
        Map<String, String> setString = new LinkedHashMap<>();
        setString.put("s", "x,y");
        Map<String, String> setFile = new LinkedHashMap<>();
        setFile.put("f", "files/in.txt");
        renderer.render(request(set, setString, setFile));
        List<String> call = runner.calls.get(0);
        String folder = root.toRealPath() + "@tmp/files";
        List<String> tail = call.subList(call.size() - 6, call.size());
        assertEquals(List.of("--set", "n=1", "--set-file"), tail.subList(0, 3));
        assertTrue(tail.get(3).startsWith("s=" + folder) && tail.get(3).endsWith("/value-1"), tail.get(3));
        assertEquals("--set-file", tail.get(4));
        assertTrue(tail.get(5).startsWith("f=" + folder) && tail.get(5).endsWith("/file-2"), tail.get(5));
        assertFalse(call.stream().anyMatch(a -> a.contains("files/in.txt")), call.toString());
        assertFalse(Files.exists(Path.of(tail.get(5).substring(2))), "the copy is gone");
    }

    /**
     * Rule: typed values fit the command line. Eight values of 32 KiB of 3-byte characters (768 KiB of arguments, each
     * argument 96 KiB, under Linux's 128 KiB per argument) reach the chart through the real helm.
     */
    @Test
    void largestTypedValuesRunWithTheRealHelm() throws IOException {
        try (KubernetesCli cli = KubernetesCli.create()) {
            Files.writeString(root.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
            Files.createDirectories(root.resolve("chart/templates"));
            Files.writeString(root.resolve("chart/templates/cm.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: sizes
                    data:
                    {{- range $k, $v := .Values }}
                      {{ $k }}: {{ len $v | quote }}
                    {{- end }}
                    """);
            Map<String, String> set = new LinkedHashMap<>();
            for (int i = 0; i < 8; i++) {
                set.put("v" + i, "日".repeat(32 * 1024));
            }
            Renderer real = new Renderer(
                    new ProcessCommandRunner(),
                    new LocalWorkspace(root),
                    Map.of("HOME", outside.toString()),
                    Duration.ofMinutes(1));
            RenderedManifests out = real.render(RenderRequest.chart(
                    "chart",
                    "r",
                    "ns",
                    List.of(),
                    set,
                    Map.of(),
                    Map.of(),
                    cli.helm().toString()));
            Map<?, ?> data = (Map<?, ?>) out.find("ConfigMap", "sizes").get("data");
            assertEquals(8, data.size());
            assertEquals(String.valueOf(3 * 32 * 1024), data.get("v7"), "bytes of the last value");
        }
    }
}
