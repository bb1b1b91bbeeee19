package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.ChartValues;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to render. Validated on construction, before anything runs.
 *
 * @param kind chart, kustomize overlay or manifest folder
 * @param sourcePath workspace-relative path of the chart, overlay or folder
 * @param releaseName Helm release name (DNS-1123 label, at most 53 characters)
 * @param namespace target namespace (DNS-1123 label)
 * @param valuesFiles workspace-relative values files, later layers win (charts only)
 * @param set typed values, winning over files (charts only); checked by {@link ChartValues#checkTyped}, passed to helm
 *     as {@code --set key=value}, so that helm reads them as it reads {@code --set}
 * @param setString string values, winning over {@code set} (charts only), the plugin's own values first; checked by
 *     {@link ChartValues#checkSet}, passed to helm with {@code --set-file} so that they behave exactly as
 *     {@code --set-string} without growing the argument list
 * @param setFile value paths and the workspace files whose content they receive as a string, winning over
 *     {@code setString} (charts only), as helm's {@code --set-file} orders them; checked by
 *     {@link ChartValues#checkFiles}
 * @param helm path of the helm executable
 * @param kubectl path of the kubectl executable
 * @param reserved the keys of {@code set} that the plugin itself hands the chart, such as {@code preview.host}: no
 *     values file may override them ({@link ChartValues#refuseOverrides})
 */
public record RenderRequest(
        SourceKind kind,
        String sourcePath,
        String releaseName,
        String namespace,
        List<String> valuesFiles,
        Map<String, String> set,
        Map<String, String> setString,
        Map<String, String> setFile,
        String helm,
        String kubectl,
        Set<String> reserved) {

    /** The kind of source. */
    public enum SourceKind {
        CHART,
        KUSTOMIZE,
        MANIFESTS
    }

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    public RenderRequest {
        Objects.requireNonNull(kind, "kind");
        if (sourcePath == null || sourcePath.isBlank()) {
            throw new RenderException("path must not be empty");
        }
        int maxRelease = kind == SourceKind.CHART ? Names.MAX_RELEASE_NAME : 63;
        if (releaseName == null
                || releaseName.length() > maxRelease
                || !DNS_LABEL.matcher(releaseName).matches()) {
            throw new RenderException(
                    "release name must be a DNS-1123 label of at most " + maxRelease + " characters: " + releaseName);
        }
        if (namespace == null
                || namespace.length() > 63
                || !DNS_LABEL.matcher(namespace).matches()) {
            throw new RenderException("namespace must be a DNS-1123 label of at most 63 characters: " + namespace);
        }
        valuesFiles = List.copyOf(valuesFiles == null ? List.of() : valuesFiles);
        Map<String, String> copy = new LinkedHashMap<>(set == null ? Map.of() : set);
        Map<String, String> strings = new LinkedHashMap<>(setString == null ? Map.of() : setString);
        Map<String, String> files = new LinkedHashMap<>(setFile == null ? Map.of() : setFile);
        try {
            ChartValues.checkTyped("set", copy);
            ChartValues.checkSet("setString", strings);
            ChartValues.checkFiles("setFile", files);
        } catch (InvalidConfigurationException e) {
            throw new RenderException(e.getMessage(), e);
        }
        reserved = reserved == null ? Set.of() : Set.copyOf(reserved);
        if (kind != SourceKind.CHART
                && (!valuesFiles.isEmpty() || !copy.isEmpty() || !strings.isEmpty() || !files.isEmpty())) {
            throw new RenderException("values files and set entries apply to charts only");
        }
        if (kind == SourceKind.CHART && (helm == null || helm.isBlank())) {
            throw new RenderException("the helm executable is required to render a chart");
        }
        if (kind == SourceKind.KUSTOMIZE && (kubectl == null || kubectl.isBlank())) {
            throw new RenderException("the kubectl executable is required to render a kustomize overlay");
        }
        // keep the caller's order of the entries
        set = Collections.unmodifiableMap(copy);
        setString = Collections.unmodifiableMap(strings);
        setFile = Collections.unmodifiableMap(files);
    }

    /**
     * The request for whichever one of chart, overlay and folder a pipeline gave.
     *
     * @param chart a chart folder, or blank
     * @param kustomize an overlay folder, or blank
     * @param manifests a manifest folder, or blank
     * @param chartValues string values that the plugin hands the chart (charts only), such as a preview's host; no
     *     entry of {@code set}, {@code setString} or {@code setFile} may override them
     * @throws RenderException unless exactly one source is given, or when values or set entries come with a
     *     non-chart
     */
    public static RenderRequest of(
            String chart,
            String kustomize,
            String manifests,
            List<String> valuesFiles,
            Map<String, String> chartValues,
            Map<String, String> set,
            Map<String, String> setString,
            Map<String, String> setFile,
            String releaseName,
            String namespace,
            String helm,
            String kubectl) {
        List<String> sources = new ArrayList<>();
        if (chart != null && !chart.isBlank()) {
            sources.add("chart");
        }
        if (kustomize != null && !kustomize.isBlank()) {
            sources.add("kustomize");
        }
        if (manifests != null && !manifests.isBlank()) {
            sources.add("manifests");
        }
        if (sources.size() != 1) {
            throw new RenderException("Give exactly one of chart, kustomize and manifests"
                    + (sources.isEmpty() ? "" : ", not " + String.join(" and ", sources)));
        }
        String kind = sources.get(0);
        Map<String, String> typed = set == null ? Map.of() : set;
        Map<String, String> strings = setString == null ? Map.of() : setString;
        Map<String, String> files = setFile == null ? Map.of() : setFile;
        boolean valuesGiven = (valuesFiles != null && !valuesFiles.isEmpty())
                || !typed.isEmpty()
                || !strings.isEmpty()
                || !files.isEmpty();
        if (!kind.equals("chart") && valuesGiven) {
            throw new RenderException("values, set, setString and setFile apply to charts only, not to " + kind);
        }
        return switch (kind) {
            case "chart" -> {
                Map<String, String> all = new LinkedHashMap<>(chartValues == null ? Map.of() : chartValues);
                try {
                    ChartValues.checkTyped("set", typed);
                    ChartValues.checkSet("setString", strings);
                    ChartValues.checkFiles("setFile", files);
                    // Rule: the values the plugin hands the chart win; no entry may replace them.
                    ChartValues.refuseOverrides("set", new ArrayList<>(typed.keySet()), all.keySet());
                    ChartValues.refuseOverrides("setString", new ArrayList<>(strings.keySet()), all.keySet());
                    ChartValues.refuseOverrides("setFile", new ArrayList<>(files.keySet()), all.keySet());
                } catch (InvalidConfigurationException e) {
                    throw new RenderException(e.getMessage(), e);
                }
                all.putAll(strings);
                yield new RenderRequest(
                        SourceKind.CHART,
                        chart,
                        releaseName,
                        namespace,
                        valuesFiles,
                        typed,
                        all,
                        files,
                        helm,
                        null,
                        chartValues == null ? Set.of() : chartValues.keySet());
            }
            case "kustomize" -> kustomize(kustomize, releaseName, namespace, kubectl);
            default -> manifests(manifests, releaseName, namespace);
        };
    }

    /** A chart rendered with {@code helm template}, with typed {@code set} entries only. */
    public static RenderRequest chart(
            String chart,
            String releaseName,
            String namespace,
            List<String> valuesFiles,
            Map<String, String> set,
            String helm) {
        return chart(chart, releaseName, namespace, valuesFiles, set, Map.of(), Map.of(), helm);
    }

    /** A chart rendered with {@code helm template}. */
    public static RenderRequest chart(
            String chart,
            String releaseName,
            String namespace,
            List<String> valuesFiles,
            Map<String, String> set,
            Map<String, String> setString,
            Map<String, String> setFile,
            String helm) {
        return new RenderRequest(
                SourceKind.CHART,
                chart,
                releaseName,
                namespace,
                valuesFiles,
                set,
                setString,
                setFile,
                helm,
                null,
                null);
    }

    /** An overlay rendered with {@code kubectl kustomize}. */
    public static RenderRequest kustomize(String overlay, String releaseName, String namespace, String kubectl) {
        return new RenderRequest(
                SourceKind.KUSTOMIZE,
                overlay,
                releaseName,
                namespace,
                List.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                null,
                kubectl,
                null);
    }

    /** A folder of plain {@code *.yaml}/{@code *.yml} files. */
    public static RenderRequest manifests(String folder, String releaseName, String namespace) {
        return new RenderRequest(
                SourceKind.MANIFESTS,
                folder,
                releaseName,
                namespace,
                List.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                null,
                null,
                null);
    }
}
