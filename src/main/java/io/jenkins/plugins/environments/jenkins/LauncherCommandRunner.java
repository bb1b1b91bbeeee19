package io.jenkins.plugins.environments.jenkins;

import hudson.EnvVars;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.RenderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs helm and kubectl through the build's {@link Launcher}: on the build's agent, with the build's environment
 * (so its {@code PATH} finds the executables), and through whatever wraps the launcher (a {@code container} block,
 * say). Arguments go as a list; output is captured, not echoed, because it may hold rendered Secrets.
 */
final class LauncherCommandRunner implements CommandRunner {

    private final Launcher launcher;
    private final EnvVars environment;
    private final TaskListener listener;

    LauncherCommandRunner(Launcher launcher, EnvVars environment, TaskListener listener) {
        this.launcher = launcher;
        this.environment = environment;
        this.listener = listener;
    }

    @Override
    public Result run(List<String> command, Map<String, String> extra, String workingDirectory, Duration timeout) {
        Map<String, String> env = new TreeMap<>(environment);
        env.putAll(extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Proc proc = null;
        try {
            long start = System.nanoTime();
            proc = launcher.launch()
                    .cmds(command)
                    .envs(env)
                    .pwd(workingDirectory)
                    .stdout(out)
                    .stderr(err)
                    .quiet(true)
                    .start();
            // At the timeout Jenkins kills the process with everything it started (its process tree).
            int exit = proc.joinWithTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS, listener);
            if (System.nanoTime() - start >= timeout.toNanos()) {
                throw new RenderException(command.get(0) + " did not finish within " + Durations.format(timeout)
                        + "; it was stopped, with the processes it started");
            }
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RenderException("could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            kill(proc);
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while running " + command.get(0), e);
        }
    }

    private static void kill(Proc proc) {
        if (proc == null) {
            return;
        }
        try {
            proc.kill();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
