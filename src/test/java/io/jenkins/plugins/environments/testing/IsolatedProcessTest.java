package io.jenkins.plugins.environments.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedProcessTest {

    /** Variables the child may have: passed through from the JVM, or set by the sandbox. */
    private static final Set<String> ALLOWED = Set.of(
            "PATH",
            "LANG",
            "LC_ALL",
            "TZ",
            "http_proxy",
            "https_proxy",
            "no_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY",
            "HOME",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
            "XDG_STATE_HOME",
            "XDG_RUNTIME_DIR",
            "TMPDIR",
            "KUBECACHEDIR",
            "KUBECONFIG");

    @Test
    void missingProgramNamesTheDebianPackage() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> IsolatedProcess.requireOnPath("no-such-tool-for-environments", "some-debian-package"));
        assertTrue(e.getMessage().contains("apt-get install -y some-debian-package"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-tool-for-environments"), e.getMessage());
    }

    @Test
    void childSeesOnlySandboxedHomeAndCacheFolders(@TempDir Path sandbox) {
        Path env = IsolatedProcess.requireOnPath("env", "coreutils");
        IsolatedProcess.Result result = IsolatedProcess.run(
                List.of(env.toString()), sandbox, sandbox, Map.of("EXTRA_SETTING", "on"), Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result.output());
        Map<String, String> seen = result.stdout()
                .lines()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        for (String name : List.of("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "KUBECACHEDIR", "KUBECONFIG")) {
            assertTrue(seen.get(name).startsWith(sandbox.toString()), name + "=" + seen.get(name));
        }
        assertEquals("on", seen.get("EXTRA_SETTING"));
        assertEquals(System.getenv("PATH"), seen.get("PATH"));
        for (String inherited : System.getenv().keySet()) {
            if (!ALLOWED.contains(inherited)) {
                assertFalse(seen.containsKey(inherited), inherited + " leaked into the child environment");
            }
        }
    }

    @Test
    void runawayProgramIsKilledAtTheTimeout(@TempDir Path sandbox) {
        Path sleep = IsolatedProcess.requireOnPath("sleep", "coreutils");
        long started = System.nanoTime();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> IsolatedProcess.run(
                        List.of(sleep.toString(), "60"), sandbox, sandbox, Map.of(), Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith("Timed out"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20);
    }
}
