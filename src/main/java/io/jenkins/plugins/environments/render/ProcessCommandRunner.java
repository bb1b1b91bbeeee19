package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.Durations;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link CommandRunner} on this JVM's machine, with {@link ProcessBuilder}. At the timeout (or when the calling thread
 * is interrupted) the program is killed together with every process it started, so that nothing it began keeps
 * running after the step; a program that exits but leaves a child holding its output open is cut off at the timeout
 * too.
 */
public final class ProcessCommandRunner implements CommandRunner {

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
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                kill(process.toHandle());
                throw new RenderException(command.get(0) + " did not finish within " + Durations.format(timeout)
                        + "; it was stopped, with the processes it started");
            }
            long left = Math.max(0, end - System.nanoTime());
            return new Result(
                    process.exitValue(),
                    out.get(left, TimeUnit.NANOSECONDS),
                    err.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            kill(process.toHandle());
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while running " + command.get(0), e);
        } catch (ExecutionException e) {
            throw new RenderException("cannot read the output of " + command.get(0), e.getCause());
        } catch (TimeoutException e) {
            throw new RenderException(command.get(0) + " exited, but a process it started kept its output open past "
                    + Durations.format(timeout) + "; it was not waited for");
        } finally {
            out.cancel(true);
            err.cancel(true);
            closeQuietly(process);
        }
    }

    /**
     * Kills a process and every process below it. The descendants are listed while the process still lives (once it
     * is gone they are no longer its descendants), the process is killed first so that it starts no more, then they.
     */
    static void kill(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void closeQuietly(Process process) {
        for (java.io.Closeable stream :
                List.<java.io.Closeable>of(process.getInputStream(), process.getErrorStream(), process.getOutputStream())) {
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
