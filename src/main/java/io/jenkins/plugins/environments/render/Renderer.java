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
     * resolves every path, scans values files and set entries for secrets, and only then runs the renderer.
     */
    public RenderedManifests render(RenderRequest request) {
        WorkspaceConfinement.check(workspace, request);
        String source = workspace.resolve(request.sourcePath());
        List<String> values = new ArrayList<>();
        for (String v : request.valuesFiles()) {
            values.add(workspace.resolve(v));
        }
        refuseReservedKeys(request);
        SecretScanner scanner = new SecretScanner();
        List<SecretScanner.Finding> findings = new ArrayList<>();
        for (String v : request.valuesFiles()) {
            findings.addAll(scanner.scanText(v, workspace.readText(v)));
        }
        findings.addAll(scanner.scanSet(request.set()));
        new ScanReport(findings).throwIfFindings();

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
                yield new RenderedManifests(RenderedManifests.parse(runWithSetFiles(cmd, request), "helm template"));
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
     * Runs helm with each {@code set} entry as {@code --set-file key=file}: helm reads the value from the file as a
     * string and places it exactly as {@code --set-string} would (same key paths, same list indexes over the values
     * files), but the argument list stays small whatever the values' size. The files live in a private folder beside
     * the workspace only while helm runs.
     */
    private String runWithSetFiles(List<String> command, RenderRequest request) {
        if (request.set().isEmpty()) {
            return run(command, "helm template", HelmEnvironment.isolated(environment, workspace.root()));
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String value : request.set().values()) {
            files.put("value-" + (files.size() + 1), value);
        }
        String folder = workspace.writeTemporaryFiles(files);
        try {
            List<String> cmd = new ArrayList<>(command);
            int i = 0;
            for (String key : request.set().keySet()) {
                cmd.add("--set-file");
                cmd.add(key + "=" + escapeSetValue(folder + "/value-" + ++i));
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
