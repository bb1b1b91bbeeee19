package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.model.Redaction;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the Jenkins glue hands text to Jenkins: the message a step ends with, the lines it logs and the map it
 * returns. Each passes through {@link Redaction}, the plugin's one redaction, so that a secret that got into a message
 * or a value on the way (a URL with user information, a header, a token) never reaches the build log, the build's
 * result or a Jenkins log.
 */
final class Redacted {

    private Redacted() {}

    /** @return the failure as the step's end: its message only, redacted, without a stack trace */
    static AbortException abort(Throwable failure) {
        return new AbortException(Redaction.redact(failure.getMessage()));
    }

    /**
     * @return an end of the step with the message, redacted: a credentials id or a value a pipeline passed may hold a
     *     token by mistake
     */
    static AbortException abort(String message) {
        return new AbortException(Redaction.redact(message));
    }

    /** @return a consumer that prints each line to the build log, prefixed by the step's name, redacted */
    static Consumer<String> log(TaskListener listener, String step) {
        PrintStream logger = listener.getLogger();
        return line -> logger.println("[" + step + "] " + Redaction.redact(line));
    }

    /** @return a consumer that passes each line, redacted, to another */
    static Consumer<String> lines(Consumer<String> out) {
        return line -> out.accept(Redaction.redact(line));
    }

    /** @return the step's result with every text in it (also in nested maps and lists) redacted */
    static Map<String, Object> result(Map<String, Object> result) {
        Map<String, Object> redacted = new LinkedHashMap<>();
        result.forEach((key, value) -> redacted.put(key, value(value)));
        return redacted;
    }

    private static Object value(Object value) {
        if (value instanceof String text) {
            return Redaction.redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> redacted = new LinkedHashMap<>();
            map.forEach((key, inner) -> redacted.put(value(key), value(inner)));
            return redacted;
        }
        if (value instanceof List<?> list) {
            List<Object> redacted = new ArrayList<>();
            list.forEach(inner -> redacted.add(value(inner)));
            return redacted;
        }
        return value;
    }
}
