package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the {@code key=value} list arguments of the rendering steps ({@code set}, {@code setString},
 * {@code setFile} on {@code deployPreview} and {@code promoteDigest}) into the string maps the planners take. A
 * pipeline writes them as a Groovy list ({@code set: ['replicaCount=2', 'image.pullPolicy=Always']}); a later entry
 * for the same key wins, as a later {@code --set} does for helm.
 */
final class StepArguments {

    private StepArguments() {}

    /**
     * @param parameter the step parameter, for messages
     * @param entries the entries as the pipeline wrote them; {@code null} for none
     * @return the entries in order, keys stripped of surrounding blanks, values as written
     * @throws AbortException naming the parameter and the entry's number when an entry is null or not
     *     {@code key=value}; the entry itself is never shown, as it may be a secret written in the wrong place
     */
    static Map<String, String> stringMap(String parameter, List<String> entries) throws AbortException {
        Map<String, String> result = new LinkedHashMap<>();
        if (entries == null) {
            return result;
        }
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry == null) {
                throw new AbortException(Messages.StepArguments_NullEntry(parameter, i + 1));
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || entry.substring(0, equals).isBlank()) {
                throw new AbortException(Messages.StepArguments_NotKeyValue(parameter, i + 1));
            }
            result.put(entry.substring(0, equals).strip(), entry.substring(equals + 1));
        }
        return result;
    }
}
