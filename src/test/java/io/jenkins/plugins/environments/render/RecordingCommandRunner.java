package io.jenkins.plugins.environments.render;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records every command and answers with a fixed result; starts nothing. */
final class RecordingCommandRunner implements CommandRunner {
    final List<List<String>> calls = new ArrayList<>();
    private final Result answer;

    RecordingCommandRunner(Result answer) {
        this.answer = answer;
    }

    RecordingCommandRunner() {
        this(new Result(0, "", ""));
    }

    @Override
    public Result run(
            List<String> command, Map<String, String> environment, String workingDirectory, Duration timeout) {
        calls.add(List.copyOf(command));
        return answer;
    }
}
