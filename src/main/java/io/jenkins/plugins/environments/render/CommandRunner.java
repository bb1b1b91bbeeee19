package io.jenkins.plugins.environments.render;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Port: runs one program with an argument list (never through a shell). */
public interface CommandRunner {

    /**
     * @param command executable followed by its arguments, each one list entry
     * @param environment extra environment variables
     * @param workingDirectory working directory (an absolute path on the machine that runs the command)
     * @param timeout upper bound; the process is killed when it is exceeded
     */
    Result run(List<String> command, Map<String, String> environment, String workingDirectory, Duration timeout);

    /** Exit code and captured output of one finished command. */
    record Result(int exitCode, String stdout, String stderr) {}
}
