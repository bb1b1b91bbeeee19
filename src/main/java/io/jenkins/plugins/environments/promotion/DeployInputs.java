package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.preview.PreviewTools;
import java.util.List;
import java.util.Map;

/**
 * What the {@code deploy} strategy renders, as the pipeline gave it, and where: the same sources as a preview (exactly
 * one of chart, overlay and manifest folder; for a chart, the values files in order, the environment's own layer
 * last, and {@code set}), rendered with the build's tools.
 *
 * @param waitForReady whether to wait until the Deployments and StatefulSets have rolled out
 * @param timeout how long to wait and render, such as {@code 10m}; 5 minutes when {@code null}
 * @param tools the workspace and the command runner of the build, or {@code null} outside {@code node}
 */
public record DeployInputs(
        String chart,
        String kustomize,
        String manifests,
        List<String> values,
        Map<String, String> set,
        String helm,
        String kubectl,
        boolean waitForReady,
        String timeout,
        PreviewTools tools) {

    public DeployInputs {
        // Kept as written, nulls included: the planner refuses them with a message that names the parameter.
        values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
    }
}
