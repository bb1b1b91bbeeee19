package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deadlines of processes (issue 10, class 8): a "helm" that hangs, forks children that hang, or exits leaving a child
 * behind is killed with everything it started, and nothing of it is left running. The fake helm is a shell script
 * that writes the process ids of itself and its children to files, so that the test can look for them afterwards.
 */
class ProcessDeadlinesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Generous: how long after the timeout the failure may come on a slow shared machine. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path helm(String body) throws IOException {
        Path script = dir.resolve("helm");
        Files.writeString(script, "#!/bin/sh\necho $$ > " + dir.resolve("self.pid") + "\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private CommandRunner.Result run(Path helm) {
        return new ProcessCommandRunner().run(List.of(helm.toString(), "template"), Map.of(), dir.toString(), TIMEOUT);
    }

    private RenderException killedWithin(Duration bound, Path helm) {
        long start = System.nanoTime();
        RenderException e = assertThrows(RenderException.class, () -> run(helm));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "took " + took);
        return e;
    }

    private long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name)).trim());
    }

    /** Whether a process runs: it exists and is not a zombie waiting to be reaped by a parent that never does. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private void assertNoneRunning(String... pidFiles) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (String file : pidFiles) {
            long pid = pid(file);
            while (running(pid) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(!running(pid), file + " (" + pid + ") still runs");
        }
    }

    @Test
    void aHelmThatHangsIsKilledAtTheTimeout() throws Exception {
        Path helm = helm("sleep 600");
        RenderException e = killedWithin(TIMEOUT.plus(SLACK), helm);

        assertEquals(helm + " did not finish within 1s; it was stopped, with the processes it started", e.getMessage());
        assertNoneRunning("self.pid");
    }

    @Test
    void aHelmThatForksChildrenAndGrandchildrenIsKilledWithAllOfThem() throws Exception {
        Path helm = helm("sh -c 'sleep 600 & echo $! > " + dir.resolve("grandchild.pid") + "; wait' &\n" + "echo $! > "
                + dir.resolve("child.pid") + "\nwait");
        RenderException e = killedWithin(TIMEOUT.plus(SLACK), helm);

        assertEquals(helm + " did not finish within 1s; it was stopped, with the processes it started", e.getMessage());
        assertNoneRunning("self.pid", "child.pid", "grandchild.pid");
    }

    @Test
    void aChildLeftBehindHoldingTheOutputIsKilledWhenHelmExits() throws Exception {
        Path helm = helm("sleep 600 &\necho $! > " + dir.resolve("child.pid") + "\necho rendered\nsleep 0.3\nexit 0");
        long start = System.nanoTime();
        CommandRunner.Result result = run(helm);

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(TIMEOUT.plus(SLACK)) < 0);
        assertEquals(0, result.exitCode());
        assertEquals("rendered\n", result.stdout());
        assertNoneRunning("child.pid");
    }

    @Test
    void anInterruptedRenderKillsHelmAndItsChildren() throws Exception {
        Path helm = helm("sleep 600 &\necho $! > " + dir.resolve("child.pid") + "\nwait");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                new ProcessCommandRunner()
                        .run(List.of(helm.toString()), Map.of(), dir.toString(), Duration.ofMinutes(10));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        long end = System.nanoTime() + SLACK.toNanos();
        while (!Files.exists(dir.resolve("child.pid")) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        runner.interrupt();
        runner.join(SLACK.toMillis());

        assertTrue(!runner.isAlive(), "the runner returned");
        assertEquals("interrupted while running " + helm, failure.get().getMessage());
        assertNoneRunning("self.pid", "child.pid");
    }

    @Test
    void aHelmThatFinishesInTimeKeepsItsOutputAndExitCode() throws Exception {
        Path helm = helm("echo out\necho err >&2\nexit 3");
        CommandRunner.Result result = run(helm);

        assertEquals(new CommandRunner.Result(3, "out\n", "err\n"), result);
    }
}
