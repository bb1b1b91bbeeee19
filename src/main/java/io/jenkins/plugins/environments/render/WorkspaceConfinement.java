package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.render.Workspace.PathKind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The check before every render that helm and kubectl will read nothing from outside the workspace and fetch
 * nothing over the network. It runs before any process starts and refuses with a message naming the parameter (or
 * the kustomization file and field) and the path:
 *
 * <ul>
 *   <li>a chart is a folder of the workspace (not a packaged {@code .tgz}, not a URL or repository reference); its
 *       whole tree is walked and every symbolic link in it must lead to a file or folder inside the workspace
 *       (linked folders are walked too); every dependency in {@code Chart.yaml} (or {@code requirements.yaml}) must be
 *       vendored in its {@code charts/} folder, as a folder or a {@code .tgz}, and so for vendored subchart folders;
 *   <li>a kustomize overlay's tree is walked the same way, and so is the folder of every kustomization it reaches
 *       through {@code resources}, {@code bases}, {@code components}, generators and transformers; every path in a
 *       kustomization ({@link KustomizationReferences}) must be relative, stay inside the workspace and exist;
 *       remote references and {@code helmCharts} are refused;
 *   <li>a manifests folder is read one level deep, so only its direct entries are checked.
 * </ul>
 *
 * The walk is bounded: at most {@value #MAX_ENTRIES} entries and {@value #MAX_DEPTH} nested folders per render.
 */
public final class WorkspaceConfinement {

    /** Most files, folders and links one render may make the walk look at. */
    public static final int MAX_ENTRIES = 10_000;
    /** Most folders nested below the chart, overlay or folder given (a symbolic link loop ends here). */
    public static final int MAX_DEPTH = 32;
    /** Most kustomizations one overlay may reach. */
    public static final int MAX_KUSTOMIZATIONS = 100;

    private static final List<String> KUSTOMIZATION_FILES =
            List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Pattern CHART_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final Workspace workspace;
    private final Set<String> walked = new HashSet<>();
    private final Set<String> kustomizations = new HashSet<>();
    private int entries;

    private WorkspaceConfinement(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * @throws RenderException when the render would read outside the workspace or fetch anything
     */
    public static void check(Workspace workspace, RenderRequest request) {
        new WorkspaceConfinement(workspace).check(request);
    }

    private void check(RenderRequest request) {
        workspace.resolve(request.sourcePath());
        for (String values : request.valuesFiles()) {
            workspace.resolve(values);
        }
        request.setFile().forEach(this::setFile);
        String source = WorkspacePaths.check(request.sourcePath());
        switch (request.kind()) {
            case CHART -> chart(request.sourcePath(), source);
            case KUSTOMIZE -> {
                String label = "kustomize " + shown(request.sourcePath());
                folder(label, source);
                kustomization(label, source);
            }
            case MANIFESTS -> {
                String label = "manifests " + shown(request.sourcePath());
                folder(label, source);
                for (String name : workspace.list(source)) {
                    entry(label, child(source, name), 0, false);
                }
            }
        }
    }

    /** A {@code setFile} value is a file of the workspace, a link to one inside it at most. */
    private void setFile(String key, String path) {
        String label = "setFile value of '" + shown(key) + "'";
        PathKind kind;
        try {
            workspace.resolve(path);
            kind = workspace.kind(WorkspacePaths.check(path));
        } catch (RenderException e) {
            throw new RenderException(label + ": " + e.getMessage(), e);
        }
        if (kind == null) {
            throw new RenderException(label + ": " + shown(path) + " does not exist in the workspace");
        }
        if (kind != PathKind.FILE && kind != PathKind.LINK_TO_FILE) {
            throw new RenderException(label + ": " + shown(path) + " is not a file");
        }
    }

    private void chart(String given, String chart) {
        String label = "chart " + shown(given);
        PathKind kind = workspace.kind(chart);
        if (kind == null) {
            throw new RenderException(
                    URL.matcher(given).matches() || given.contains("//")
                            ? label
                                    + " is not a folder in the workspace: charts are not fetched from a repository or URL"
                            : label + " does not exist in the workspace");
        }
        if (kind == PathKind.FILE || kind == PathKind.LINK_TO_FILE) {
            throw new RenderException(
                    given.endsWith(".tgz") || given.endsWith(".tar.gz")
                            ? label + " is a packaged chart; unpack it into the workspace and give its folder"
                            : label + " is not a folder");
        }
        walk(label, chart, 0);
        dependencies(label, chart, 0);
    }

    /** Every dependency of the chart, and of the subcharts vendored as folders, must be in {@code charts/}. */
    private void dependencies(String label, String chart, int depth) {
        if (depth > MAX_DEPTH) {
            throw new RenderException(label + ": subcharts are nested more than " + MAX_DEPTH + " deep");
        }
        String charts = child(chart, "charts");
        PathKind chartsKind = workspace.kind(charts);
        List<String> vendored = chartsKind == PathKind.FOLDER || chartsKind == PathKind.LINK_TO_FOLDER
                ? workspace.list(charts)
                : List.of();
        for (String file : List.of("Chart.yaml", "requirements.yaml")) {
            String path = child(chart, file);
            PathKind kind = workspace.kind(path);
            if (kind != PathKind.FILE && kind != PathKind.LINK_TO_FILE) {
                continue;
            }
            List<Map<String, Object>> docs = RenderedManifests.parse(workspace.readText(path), path);
            Object listed = docs.isEmpty() ? null : docs.get(0).get("dependencies");
            if (listed == null) {
                continue;
            }
            if (!(listed instanceof List<?> dependencies)) {
                throw new RenderException(label + ": dependencies in " + path + " is not a list");
            }
            for (Object dependency : dependencies) {
                String name = dependency instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : null;
                if (name == null || !CHART_NAME.matcher(name).matches()) {
                    throw new RenderException(
                            label + ": a dependency in " + path + " has no valid name: " + shown(String.valueOf(name)));
                }
                if (!vendored(vendored, charts, name)) {
                    throw new RenderException(label + ": dependency " + name + " is not vendored in " + charts
                            + "/: run helm dependency build " + chart
                            + " before this step (helm renders here without repository access)");
                }
            }
        }
        for (String name : vendored) {
            PathKind kind = workspace.kind(child(charts, name));
            if (kind == PathKind.FOLDER || kind == PathKind.LINK_TO_FOLDER) {
                dependencies(label, child(charts, name), depth + 1);
            }
        }
    }

    private boolean vendored(List<String> vendored, String charts, String name) {
        for (String entry : vendored) {
            PathKind kind = workspace.kind(child(charts, entry));
            boolean folder = kind == PathKind.FOLDER || kind == PathKind.LINK_TO_FOLDER;
            boolean archive = (kind == PathKind.FILE || kind == PathKind.LINK_TO_FILE)
                    && entry.endsWith(".tgz")
                    && (entry.equals(name + ".tgz") || entry.startsWith(name + "-"));
            if ((folder && entry.equals(name)) || archive) {
                return true;
            }
        }
        return false;
    }

    /** Follows a kustomization and everything it refers to, walking each folder it reaches. */
    private void kustomization(String label, String folder) {
        if (!kustomizations.add(folder)) {
            return;
        }
        if (kustomizations.size() > MAX_KUSTOMIZATIONS) {
            throw new RenderException(label + ": reaches more than " + MAX_KUSTOMIZATIONS + " kustomizations");
        }
        walk(label, folder, 0);
        String file = null;
        for (String name : KUSTOMIZATION_FILES) {
            PathKind kind = workspace.kind(child(folder, name));
            if (kind == PathKind.FILE || kind == PathKind.LINK_TO_FILE) {
                file = child(folder, name);
                break;
            }
        }
        if (file == null) {
            throw new RenderException(label + ": " + folder + " has no kustomization.yaml");
        }
        List<Map<String, Object>> docs = RenderedManifests.parse(workspace.readText(file), file);
        Map<String, Object> content = docs.isEmpty() ? Map.of() : docs.get(0);
        for (KustomizationReferences.Reference reference : KustomizationReferences.of(file, content)) {
            String target = local(file, folder, reference);
            PathKind kind = kindOf(file, reference, target);
            if (kind == PathKind.FOLDER || kind == PathKind.LINK_TO_FOLDER) {
                if (reference.mayBeKustomization() && hasKustomization(target)) {
                    kustomization(label, target);
                } else {
                    walk(label, target, 0);
                }
            }
        }
    }

    private boolean hasKustomization(String folder) {
        for (String name : KUSTOMIZATION_FILES) {
            if (workspace.kind(child(folder, name)) != null) {
                return true;
            }
        }
        return false;
    }

    /** @return the workspace-relative path a kustomization's reference names */
    private static String local(String file, String folder, KustomizationReferences.Reference reference) {
        String value = reference.value();
        if (value.startsWith("/") || value.startsWith("~") || value.matches("^[A-Za-z]:[\\\\/].*")) {
            throw refused(file, reference, "is an absolute path; only paths inside the workspace are allowed");
        }
        if (KustomizationReferences.isRemote(value)) {
            throw refused(file, reference, "is a remote reference; only paths inside the workspace are allowed");
        }
        if (value.isBlank()) {
            throw refused(file, reference, "is empty");
        }
        String path = folder.equals(".") ? value : folder + "/" + value;
        try {
            return WorkspacePaths.check(path);
        } catch (RenderException e) {
            boolean climbs;
            try {
                climbs = WorkspacePaths.climbsOut(path);
            } catch (RenderException invalid) {
                climbs = false;
            }
            throw refused(file, reference, climbs ? "leaves the workspace" : "is not a valid path");
        }
    }

    private PathKind kindOf(String file, KustomizationReferences.Reference reference, String target) {
        PathKind kind;
        try {
            kind = workspace.kind(target);
        } catch (RenderException e) {
            throw refused(file, reference, "leaves the workspace through a symbolic link");
        }
        if (kind == null) {
            throw refused(file, reference, "does not exist in the workspace");
        }
        if (kind == PathKind.LINK_OUTSIDE) {
            throw refused(file, reference, "leaves the workspace through a symbolic link");
        }
        if (kind == PathKind.LINK_BROKEN) {
            throw refused(file, reference, "is a symbolic link that leads nowhere");
        }
        return kind;
    }

    private static RenderException refused(String file, KustomizationReferences.Reference reference, String why) {
        return new RenderException(file + ": " + reference.field() + " " + shown(reference.value()) + " " + why);
    }

    /** The chart, overlay or folder itself must be a folder; a link to it that stays inside is fine. */
    private void folder(String label, String path) {
        PathKind kind = workspace.kind(path);
        if (kind == null) {
            throw new RenderException(label + " does not exist in the workspace");
        }
        if (kind != PathKind.FOLDER && kind != PathKind.LINK_TO_FOLDER) {
            throw new RenderException(label + " is not a folder");
        }
    }

    private void walk(String label, String folder, int depth) {
        if (!walked.add(folder)) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new RenderException(label + ": more than " + MAX_DEPTH + " nested folders at " + shown(folder)
                    + " (a symbolic link loop?)");
        }
        for (String name : workspace.list(folder)) {
            entry(label, child(folder, name), depth, true);
        }
    }

    private void entry(String label, String path, int depth, boolean descend) {
        if (++entries > MAX_ENTRIES) {
            throw new RenderException(label + ": more than " + MAX_ENTRIES
                    + " files and folders to check; a render reads at most that many");
        }
        PathKind kind = workspace.kind(path);
        if (kind == PathKind.LINK_OUTSIDE) {
            throw new RenderException(label + ": symbolic link " + shown(path) + " leads outside the workspace");
        }
        if (kind == PathKind.LINK_BROKEN) {
            throw new RenderException(label + ": symbolic link " + shown(path) + " leads nowhere");
        }
        if (descend && (kind == PathKind.FOLDER || kind == PathKind.LINK_TO_FOLDER)) {
            walk(label, path, depth + 1);
        }
    }

    private static String child(String folder, String name) {
        return folder.equals(".") ? name : folder + "/" + name;
    }

    /** @return a path or reference for a message: control characters as {@code ?}, at most 200 characters */
    static String shown(String text) {
        String shown = WorkspacePaths.shown(text);
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }
}
