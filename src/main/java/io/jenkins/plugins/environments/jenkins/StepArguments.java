package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the map-like step arguments ({@code set}, {@code quota}) into string maps. A pipeline may write them as a
 * map ({@code set: [replicas: '2']}), a list of {@code key=value} strings, or text with one {@code key=value} per
 * line (what the Snippet Generator's text area gives).
 */
final class StepArguments {

    private StepArguments() {}

    /**
     * @param parameter the step parameter, for messages
     * @throws AbortException naming the parameter when the value has another shape, or a key or value is missing
     */
    static Map<String, String> stringMap(String parameter, Object value) throws AbortException {
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey() == null || entry.getValue() == null) {
                    throw new AbortException(Messages.StepArguments_NullEntry(parameter));
                }
                result.put(entry.getKey().toString(), entry.getValue().toString());
            }
            return result;
        }
        List<?> lines;
        if (value instanceof List<?> list) {
            lines = list;
        } else if (value instanceof CharSequence text) {
            lines = text.toString().lines().filter(l -> !l.isBlank()).toList();
        } else {
            throw new AbortException(Messages.StepArguments_NotAMap(parameter));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == null) {
                throw new AbortException(Messages.StepArguments_NullEntry(parameter));
            }
            String entry = lines.get(i).toString();
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                // The entry itself is not shown: it may be a secret written in the wrong place.
                throw new AbortException(Messages.StepArguments_NotKeyValue(parameter, i + 1));
            }
            result.put(entry.substring(0, equals).strip(), entry.substring(equals + 1));
        }
        return result;
    }
}
