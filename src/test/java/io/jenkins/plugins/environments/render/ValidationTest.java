package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private Renderer renderer;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("chart"));
        Files.writeString(outside.resolve("secret.yaml"), "x: 1\n");
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("a/outfile.yaml"), outside.resolve("secret.yaml"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("missing"));
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("a"));
        renderer = new Renderer(runner, new LocalWorkspace(root), Map.of(), Duration.ofSeconds(5));
    }

    static Stream<Arguments> hostilePaths() {
        return Stream.of(
                Arguments.of("../x", "path leaves the workspace: ../x"),
                Arguments.of("/etc/passwd", "path must be relative to the workspace: /etc/passwd"),
                Arguments.of("a/../../b", "path leaves the workspace: a/../../b"),
                Arguments.of("a/./../..", "path leaves the workspace: a/./../.."),
                Arguments.of("..", "path leaves the workspace: .."),
                Arguments.of("a/b/../../../etc", "path leaves the workspace: a/b/../../../etc"),
                Arguments.of("out", "path leaves the workspace through a symbolic link: out"),
                Arguments.of("out/secret.yaml", "path leaves the workspace through a symbolic link: out/secret.yaml"),
                Arguments.of("out/new/file", "path leaves the workspace through a symbolic link: out/new/file"),
                Arguments.of("a/outfile.yaml", "path leaves the workspace through a symbolic link: a/outfile.yaml"),
                Arguments.of("dangling", "path leaves the workspace through a symbolic link: dangling"),
                Arguments.of("", "path must not be empty"),
                Arguments.of("   ", "path must not be empty"),
                Arguments.of("a\0b", "path must not contain NUL characters: a?b"),
                Arguments.of("a\nb", "path must not contain control characters: a?b"),
                Arguments.of("..\\..\\etc", "path must not contain backslashes: ..\\..\\etc"),
                Arguments.of("a\\b", "path must not contain backslashes: a\\b"),
                Arguments.of("~/x", "path must be relative to the workspace: ~/x"),
                Arguments.of("//etc", "path must be relative to the workspace: //etc"));
    }

    @ParameterizedTest
    @MethodSource("hostilePaths")
    void hostileChartPathIsRefusedBeforeRunning(String path, String message) {
        RenderException e = assertThrows(
                RenderException.class,
                () -> renderer.render(RenderRequest.chart(path, "r", "ns", List.of(), Map.of(), "/bin/helm")));
        assertEquals(message, e.getMessage());
        assertEquals(List.of(), runner.calls);
    }

    @ParameterizedTest
    @MethodSource("hostilePaths")
    void hostileValuesPathIsRefusedBeforeRunning(String path, String message) {
        RenderException e = assertThrows(
                RenderException.class,
                () -> renderer.render(RenderRequest.chart("chart", "r", "ns", List.of(path), Map.of(), "/bin/helm")));
        assertEquals(message, e.getMessage());
        assertEquals(List.of(), runner.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inside", "a/b/..", "./chart", "a/b", "inside/b"})
    void pathsThatStayInsideAreAccepted(String path) {
        new LocalWorkspace(root).resolve(path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a=b",
                "--post-renderer",
                "-f",
                "a b",
                "a;rm -rf /",
                "a,b",
                "a..b",
                ".a",
                "a.",
                "a[x]",
                "a[1",
                "$(id)",
                "a\nb",
                ""
            })
    void setKeyInjectionIsRefusedBeforeRunning(String key) {
        RenderException e = assertThrows(
                RenderException.class,
                () -> renderer.render(
                        RenderRequest.chart("chart", "r", "ns", List.of(), Map.of(key, "v"), "/bin/helm")));
        assertEquals(
                "set key '" + key.replace("\n", "\\u000A") + "' is not a value path: use names of letters, digits,"
                        + " '_', '-' and '/' separated by dots (a dot inside a name written '\\.'), each with at"
                        + " most one list index, such as 'image.tag' or 'hosts[0].name'",
                e.getMessage());
        assertEquals(List.of(), runner.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image.tag", "a_b-c.d[0].e", "ingress.hosts[12]", "ann.prometheus\\.io/scrape"})
    void validSetKeysArePassedAsSeparateArguments(String key) throws IOException {
        renderer.render(RenderRequest.chart("chart", "r", "ns", List.of(), Map.of(key, "x y\\,z"), "/bin/helm"));
        List<String> call = runner.calls.get(0);
        assertEquals(List.of("--set", key + "=x y\\,z"), call.subList(call.size() - 2, call.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image.tag", "a_b-c.d[0].e", "ingress.hosts[12]", "ann.prometheus\\.io/scrape"})
    void validSetStringKeysArePassedWithTheirValueInAFile(String key) throws IOException {
        renderer.render(RenderRequest.chart(
                "chart", "r", "ns", List.of(), Map.of(), Map.of(key, "x y,z"), Map.of(), "/bin/helm"));
        List<String> call = runner.calls.get(0);
        assertEquals("--set-file", call.get(call.size() - 2));
        String argument = call.get(call.size() - 1);
        String prefix = key + "=" + root.toRealPath() + "@tmp/files";
        assertTrue(argument.startsWith(prefix) && argument.endsWith("/value-1"), argument);
        assertFalse(Files.exists(Path.of(argument.substring(key.length() + 1))), "the value's file is gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop", "-r", "a_b", "", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void badReleaseNamesAreRefused(String name) {
        assertThrows(
                RenderException.class,
                () -> RenderRequest.chart("chart", name, "ns", List.of(), Map.of(), "/bin/helm"));
    }
}
