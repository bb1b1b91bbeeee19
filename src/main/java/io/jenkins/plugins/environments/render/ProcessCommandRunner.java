package io.jenkins.plugins.environments.render;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.jenkins.plugins.environments.model.Durations;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@link CommandRunner} on this JVM's machine, with {@link ProcessBuilder}. At the timeout (or when the calling thread
 * is interrupted) the program is killed together with every process it started, so that nothing it began keeps
 * running after the step. Processes it started and left behind when it exited are killed then too (those that lived
 * long enough to be seen: the list is taken every 50 ms while it runs).
 */
public final class ProcessCommandRunner implements CommandRunner {

    /** How often the processes a command started are listed while it runs. */
    private static final Duration POLL = Duration.ofMillis(50);

    @Override
    public Result run(
            List<String> command, Map<String, String> environment, String workingDirectory, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(List.copyOf(command)).directory(new File(workingDirectory));
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RenderException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        long end = System.nanoTime() + timeout.toNanos();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        Set<ProcessHandle> started = new HashSet<>();
        try {
            while (!process.waitFor(Math.min(POLL.toNanos(), Math.max(0, end - System.nanoTime())), NANOSECONDS)) {
                if (System.nanoTime() - end >= 0) {
                    kill(process.toHandle(), started);
                    throw new RenderException(command.get(0) + " did not finish within " + Durations.format(timeout)
                            + "; it was stopped, with the processes it started");
                }
                process.descendants().forEach(started::add);
            }
            // A process it started and left behind (holding its output open, say) does not outlive the step.
            kill(process.toHandle(), started);
            return new Result(
                    process.exitValue(),
                    out.get(Math.max(0, end - System.nanoTime()), NANOSECONDS),
                    err.get(Math.max(0, end - System.nanoTime()), NANOSECONDS));
        } catch (InterruptedException e) {
            kill(process.toHandle(), started);
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while running " + command.get(0), e);
        } catch (ExecutionException e) {
            throw new RenderException("cannot read the output of " + command.get(0), e.getCause());
        } catch (TimeoutException e) {
            throw new RenderException(command.get(0) + " exited, but its output stayed open past "
                    + Durations.format(timeout) + "; it was not waited for");
        } finally {
            closeQuietly(process);
        }
    }

    /**
     * Kills a process and every process below it: those it has now (listed while it still lives, since once it is
     * gone they are no longer its descendants) and those seen earlier, which may have been left to another parent.
     * The process goes first, so that it starts no more.
     */
    static void kill(ProcessHandle process, Set<ProcessHandle> seenBefore) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        seenBefore.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void closeQuietly(Process process) {
        for (java.io.Closeable stream : List.<java.io.Closeable>of(
                process.getInputStream(), process.getErrorStream(), process.getOutputStream())) {
            try {
                stream.close();
            } catch (IOException e) {
                // Nothing more is read from it.
            }
        }
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
