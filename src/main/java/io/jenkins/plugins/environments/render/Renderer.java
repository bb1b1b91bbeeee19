package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.ChartValues;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link RenderRequest} into Kubernetes objects with the real helm / kubectl. */
public final class Renderer {

    private final CommandRunner runner;
    private final Workspace workspace;
    private final Map<String, String> environment;
    private final Duration timeout;

    /**
     * @param environment environment of helm/kubectl (for example an isolated {@code HOME}); never logged
     */
    public Renderer(CommandRunner runner, Workspace workspace, Map<String, String> environment, Duration timeout) {
        this.runner = runner;
        this.workspace = workspace;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    /**
     * Checks that nothing will be read from outside the workspace or fetched ({@link WorkspaceConfinement}),
     * resolves every path, refuses values files that override what the plugin sets, scans what the render reads for
     * secrets ({@link RenderSecretScan}), only then runs the renderer, and refuses a result that holds a Secret with
     * data.
     */
    public RenderedManifests render(RenderRequest request) {
        WorkspaceConfinement.check(workspace, request);
        String source = workspace.resolve(request.sourcePath());
        List<String> values = new ArrayList<>();
        for (String v : request.valuesFiles()) {
            values.add(workspace.resolve(v));
        }
        refuseReservedKeys(request);
        Map<String, String> fileContents = readSetFiles(request);
        RenderSecretScan secrets = RenderSecretScan.of(workspace);
        secrets.checkInputs(request, fileContents);
        RenderedManifests rendered = renderSource(request, source, values, fileContents);
        secrets.checkRendered(request, rendered);
        return rendered;
    }

    private RenderedManifests renderSource(
            RenderRequest request, String source, List<String> values, Map<String, String> fileContents) {
        return switch (request.kind()) {
            case CHART -> {
                // --include-crds: the chart's crds/ come first, as helm install would apply them (see ReleasePhases)
                List<String> cmd = new ArrayList<>(List.of(
                        request.helm(),
                        "template",
                        request.releaseName(),
                        source,
                        "--namespace",
                        request.namespace(),
                        "--include-crds"));
                for (String v : values) {
                    cmd.add("-f");
                    cmd.add(v);
                }
                yield new RenderedManifests(
                        RenderedManifests.parse(runWithSetFiles(cmd, request, fileContents), "helm template"));
            }
            case KUSTOMIZE ->
                new RenderedManifests(RenderedManifests.parse(
                        run(
                                List.of(
                                        request.kubectl(),
                                        "kustomize",
                                        source,
                                        "--load-restrictor",
                                        "LoadRestrictionsRootOnly"),
                                "kubectl kustomize",
                                environment),
                        "kubectl kustomize"));
            case MANIFESTS -> {
                List<Map<String, Object>> docs = new ArrayList<>();
                String folder = request.sourcePath().replaceAll("/+$", "");
                for (String name : workspace.listFiles(folder)) {
                    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                        String rel = folder + "/" + name;
                        docs.addAll(RenderedManifests.parse(workspace.readText(rel), rel));
                    }
                }
                yield new RenderedManifests(docs);
            }
        };
    }

    /**
     * Rule: a values file does not override what the plugin hands the chart (such as {@code preview.host}); checked
     * on the parsed YAML, nested and dotted keys alike, before helm runs.
     */
    private void refuseReservedKeys(RenderRequest request) {
        if (request.reserved().isEmpty()) {
            return;
        }
        for (String v : request.valuesFiles()) {
            for (Object document : RenderedManifests.parse(workspace.readText(v), v)) {
                try {
                    ChartValues.refuseOverridesInFile(v, document, request.reserved());
                } catch (InvalidConfigurationException e) {
                    throw new RenderException(e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Reads the content of every {@code setFile} file through the workspace (whose rules confine the path) and checks
     * it by the value rule of {@link ChartValues}.
     *
     * @return the content by key
     */
    private Map<String, String> readSetFiles(RenderRequest request) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : request.setFile().entrySet()) {
            String content = workspace.readText(entry.getValue());
            try {
                ChartValues.checkFileContent("setFile", entry.getKey(), entry.getValue(), content);
            } catch (InvalidConfigurationException e) {
                throw new RenderException(e.getMessage(), e);
            }
            contents.put(entry.getKey(), content);
        }
        return contents;
    }

    /**
     * Runs helm with the three kinds of entries, each as helm itself reads them. {@code set} entries go on the
     * command line as {@code --set key=value} (typed; {@link ChartValues#checkTyped} keeps them short and one entry
     * each). {@code setString} entries and the content of {@code setFile} files, both checked and scanned before,
     * go as {@code --set-file key=file} from a private folder beside the workspace that exists only while helm runs:
     * helm reads such a value as a string and places it exactly as {@code --set-string} would (same key paths, same
     * list indexes), and the argument list stays small whatever the values' size; helm never reads a workspace path
     * itself. Helm applies {@code --set} before {@code --set-string} before {@code --set-file} whatever their order
     * on the command line; the {@code setString} files come before the {@code setFile} files, so that
     * {@code setFile} wins over {@code setString}, as {@code --set-file} wins over {@code --set-string}.
     */
    private String runWithSetFiles(List<String> command, RenderRequest request, Map<String, String> fileContents) {
        List<String> cmd = new ArrayList<>(command);
        request.set().forEach((key, value) -> {
            cmd.add("--set");
            cmd.add(key + "=" + value);
        });
        if (request.setString().isEmpty() && fileContents.isEmpty()) {
            return run(cmd, "helm template", HelmEnvironment.isolated(environment, workspace.root()));
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String value : request.setString().values()) {
            files.put("value-" + (files.size() + 1), value);
        }
        for (String content : fileContents.values()) {
            files.put("file-" + (files.size() + 1), content);
        }
        String folder = workspace.writeTemporaryFiles(files);
        try {
            var names = files.keySet().iterator();
            for (String key : request.setString().keySet()) {
                cmd.add("--set-file");
                cmd.add(key + "=" + escapeSetValue(folder + "/" + names.next()));
            }
            for (String key : fileContents.keySet()) {
                cmd.add("--set-file");
                cmd.add(key + "=" + escapeSetValue(folder + "/" + names.next()));
            }
            return run(cmd, "helm template", HelmEnvironment.isolated(environment, workspace.root()));
        } finally {
            workspace.deleteTemporaryFiles(folder);
        }
    }

    /** Helm splits {@code --set} values on commas and honours backslash escapes: keep the value literal. */
    static String escapeSetValue(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    private String run(List<String> command, String what, Map<String, String> environment) {
        CommandRunner.Result result = runner.run(command, environment, workspace.root(), timeout);
        if (result.exitCode() != 0) {
            String stderr = result.stderr().strip();
            if (stderr.length() > 4000) {
                stderr = stderr.substring(0, 4000) + "…";
            }
            throw new RenderException(what + " failed with exit code " + result.exitCode() + ": " + stderr);
        }
        return result.stdout();
    }
}
