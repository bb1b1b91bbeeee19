package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.preview.PreviewTools;
import java.util.List;
import java.util.Map;

/**
 * What the {@code deploy} strategy renders, as the pipeline gave it, and where: the same sources as a preview (exactly
 * one of chart, overlay and manifest folder; for a chart, the values files in order, the environment's own layer
 * last, and {@code set}, {@code setString}, {@code setFile}), rendered with the build's tools.
 *
 * @param set values placed as {@code helm --set} places them (typed)
 * @param imageFields further places that hold the app's image, {@code Kind:dotted.path}
 * @param setString values placed as {@code --set-string} places them
 * @param setFile value paths and workspace files whose content each receives as a string
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
        Map<String, String> setString,
        Map<String, String> setFile,
        String helm,
        String kubectl,
        boolean waitForReady,
        String timeout,
        PreviewTools tools,
        List<String> imageFields) {

    public DeployInputs {
        imageFields = imageFields == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(imageFields));
        // Kept as written, nulls included: the planner refuses them with a message that names the parameter.
        values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
        setString = setString == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(setString));
        setFile = setFile == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(setFile));
    }

    /** Inputs with typed {@code set} entries only. */
    public DeployInputs(
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
        this(chart, kustomize, manifests, values, set, null, null, helm, kubectl, waitForReady, timeout, tools, null);
    }

    /** Inputs without further image fields. */
    public DeployInputs(
            String chart,
            String kustomize,
            String manifests,
            List<String> values,
            Map<String, String> set,
            Map<String, String> setString,
            Map<String, String> setFile,
            String helm,
            String kubectl,
            boolean waitForReady,
            String timeout,
            PreviewTools tools) {
        this(
                chart,
                kustomize,
                manifests,
                values,
                set,
                setString,
                setFile,
                helm,
                kubectl,
                waitForReady,
                timeout,
                tools,
                null);
    }
}
