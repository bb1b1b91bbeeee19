package io.jenkins.plugins.environments.preview;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a teardown did.
 *
 * @param cluster the cluster's id
 * @param namespace the preview's namespace
 * @param removed whether a namespace was deleted; {@code false} when there was none
 * @param secretsPurged how many Secrets of the plugin were deleted before the namespace
 * @param schema the shared schema the preview used, now free to drop, or {@code null}
 */
public record TeardownResult(String cluster, String namespace, boolean removed, int secretsPurged, String schema) {

    /** @return what {@code teardownPreview} returns to the pipeline */
    public Map<String, Object> toStepResult() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("namespace", namespace);
        map.put("cluster", cluster);
        map.put("removed", removed);
        if (schema != null) {
            map.put("schema", schema);
        }
        return map;
    }
}
