package io.jenkins.plugins.environments.render;

import java.time.Duration;
import java.util.ArrayList;
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
     * Resolves every path, scans what the render reads for secrets ({@link RenderSecretScan}), only then runs the
     * renderer, and refuses a result that holds a Secret with data.
     */
    public RenderedManifests render(RenderRequest request) {
        String source = workspace.resolve(request.sourcePath());
        List<String> values = new ArrayList<>();
        for (String v : request.valuesFiles()) {
            values.add(workspace.resolve(v));
        }
        RenderSecretScan secrets = RenderSecretScan.of(workspace);
        secrets.checkInputs(request);
        RenderedManifests rendered = renderSource(request, source, values);
        secrets.checkRendered(request, rendered);
        return rendered;
    }

    private RenderedManifests renderSource(RenderRequest request, String source, List<String> values) {
        return switch (request.kind()) {
            case CHART -> {
                List<String> cmd = new ArrayList<>(List.of(
                        request.helm(), "template", request.releaseName(), source, "--namespace", request.namespace()));
                for (String v : values) {
                    cmd.add("-f");
                    cmd.add(v);
                }
                request.set().forEach((k, v) -> {
                    cmd.add("--set-string");
                    cmd.add(k + "=" + escapeSetValue(v));
                });
                yield new RenderedManifests(RenderedManifests.parse(run(cmd, "helm template"), "helm template"));
            }
            case KUSTOMIZE ->
                new RenderedManifests(RenderedManifests.parse(
                        run(List.of(request.kubectl(), "kustomize", source), "kubectl kustomize"),
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

    /** Helm splits {@code --set} values on commas and honours backslash escapes: keep the value literal. */
    static String escapeSetValue(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    private String run(List<String> command, String what) {
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
