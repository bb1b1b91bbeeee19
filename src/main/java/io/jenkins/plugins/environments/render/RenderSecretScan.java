package io.jenkins.plugins.environments.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a render reads, scanned for secrets before it runs, and what it produced, scanned before anything is applied:
 *
 * <ul>
 *   <li>a chart: every file under the chart folder (its {@code values.yaml}, templates, vendored subcharts, files),
 *       each values file and each {@code set} entry;
 *   <li>an overlay: every file under the overlay folder and under the local folders and files its kustomizations
 *       name in {@code resources}, {@code bases}, {@code components} and generators (literals, env files, files);
 *   <li>a manifest folder: its YAML and JSON files;
 *   <li>after the render: every Secret with data ({@link SecretScanner#scanRendered}).
 * </ul>
 *
 * Binary files and archives are skipped. Findings that a waiver in {@value SecretScanWaivers#FILE} covers are dropped.
 */
public final class RenderSecretScan {

    private static final List<String> BINARY = List.of(
            ".tgz", ".tar", ".gz", ".zip", ".jar", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".webp", ".woff", ".woff2",
            ".ttf", ".otf", ".pdf", ".so", ".bin", ".class", ".pyc");
    private static final List<String> KUSTOMIZATIONS =
            List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final int MAX_FOLDERS = 64;

    private final Workspace workspace;
    private final SecretScanWaivers waivers;

    private RenderSecretScan(Workspace workspace, SecretScanWaivers waivers) {
        this.workspace = workspace;
        this.waivers = waivers;
    }

    /** @return a scan of this workspace, with its waivers read */
    public static RenderSecretScan of(Workspace workspace) {
        return new RenderSecretScan(workspace, SecretScanWaivers.read(workspace));
    }

    /** @throws RenderException listing every finding (location and rule, never the value) in what the render reads */
    public void checkInputs(RenderRequest request) {
        checkInputs(request, Map.of());
    }

    /**
     * @param setFileContents the content of each {@code setFile} entry, by key, when the caller has read them already;
     *     an entry missing here is read from the workspace
     * @throws RenderException listing every finding (location and rule, never the value) in what the render reads
     */
    public void checkInputs(RenderRequest request, Map<String, String> setFileContents) {
        SecretScanner scanner = new SecretScanner();
        String source = WorkspacePaths.check(request.sourcePath());
        switch (request.kind()) {
            case CHART -> {
                scanTree(scanner, source);
                for (String values : request.valuesFiles()) {
                    scanner.scanValues(values, workspace.readText(values));
                }
                scanner.scanSet(request.set());
                scanner.scanSet("--set-string", request.setString());
                request.setFile()
                        .forEach((key, file) -> scanner.scanSetFile(
                                key,
                                file,
                                setFileContents.containsKey(key)
                                        ? setFileContents.get(key)
                                        : workspace.readText(file)));
            }
            case KUSTOMIZE -> scanOverlay(scanner, source);
            case MANIFESTS -> {
                for (String name : workspace.listFiles(source)) {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
                        String file = join(source, name);
                        scanner.scanValues(file, workspace.readText(file));
                    }
                }
            }
        }
        report(scanner);
    }

    /** @throws RenderException when a rendered Secret carries data */
    public void checkRendered(RenderRequest request, RenderedManifests rendered) {
        report(new SecretScanner().scanRendered(WorkspacePaths.check(request.sourcePath()), rendered.documents()));
    }

    private void report(SecretScanner scanner) {
        new ScanReport(waivers.apply(scanner.findings())).throwIfFindings();
    }

    private void scanTree(SecretScanner scanner, String folder) {
        for (String name : workspace.listTree(folder)) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (BINARY.stream().noneMatch(lower::endsWith)) {
                String file = join(folder, name);
                String text = workspace.readText(file);
                if (text.indexOf('\0') < 0) {
                    scanner.scanFile(file, text);
                }
            }
        }
    }

    /** The overlay's folder, then every local folder or file its kustomizations name, each once. */
    private void scanOverlay(SecretScanner scanner, String overlay) {
        Set<String> done = new LinkedHashSet<>();
        Deque<String> folders = new ArrayDeque<>(List.of(overlay));
        while (!folders.isEmpty() && done.size() < MAX_FOLDERS) {
            String folder = folders.pop();
            if (!done.add(folder)) {
                continue;
            }
            List<String> files = workspace.listTree(folder);
            for (String name : files) {
                String file = join(folder, name);
                int slash = file.lastIndexOf('/');
                if (KUSTOMIZATIONS.contains(file.substring(slash + 1))) {
                    for (String ref : references(workspace.readText(file))) {
                        String path = local(slash < 0 ? "." : file.substring(0, slash), ref);
                        if (path != null && !isInside(path, done)) {
                            folders.add(path);
                        }
                    }
                }
            }
            if (files.isEmpty()) {
                scanSingleFile(scanner, folder);
            } else {
                scanTree(scanner, folder);
            }
        }
    }

    private void scanSingleFile(SecretScanner scanner, String file) {
        try {
            scanner.scanFile(file, workspace.readText(file));
        } catch (RenderException e) {
            // neither a folder nor a readable file: kustomize reports it, and the workspace rules refuse escapes
        }
    }

    /** @return the paths a kustomization names: resources, bases, components, and generators' env files and files */
    @SuppressWarnings("unchecked")
    static List<String> references(String kustomization) {
        List<String> refs = new ArrayList<>();
        Object root;
        try {
            root = RenderedManifests.parse(kustomization, "kustomization").stream()
                    .findFirst()
                    .orElse(Map.of());
        } catch (RenderException e) {
            return refs;
        }
        Map<String, Object> k = (Map<String, Object>) root;
        for (String field : List.of("resources", "bases", "components")) {
            if (k.get(field) instanceof List<?> list) {
                list.forEach(r -> refs.add(String.valueOf(r)));
            }
        }
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            if (k.get(generator) instanceof List<?> list) {
                for (Object g : list) {
                    if (g instanceof Map<?, ?> m) {
                        if (m.get("env") instanceof String env) {
                            refs.add(env);
                        }
                        for (String field : List.of("envs", "files")) {
                            if (m.get(field) instanceof List<?> files) {
                                files.forEach(f -> refs.add(afterEquals(String.valueOf(f))));
                            }
                        }
                    }
                }
            }
        }
        return refs;
    }

    private static String afterEquals(String file) {
        int eq = file.indexOf('=');
        return eq >= 0 ? file.substring(eq + 1) : file;
    }

    /** @return the workspace-relative path of a local reference, or {@code null} for remote or invalid ones */
    private static String local(String folder, String ref) {
        if (ref.contains("://") || ref.startsWith("git@") || ref.startsWith("github.com/") || ref.startsWith("/")) {
            return null;
        }
        try {
            return WorkspacePaths.check(join(folder, ref));
        } catch (RenderException e) {
            return null;
        }
    }

    private static boolean isInside(String path, Set<String> folders) {
        return folders.stream().anyMatch(f -> f.equals(".") || path.equals(f) || path.startsWith(f + "/"));
    }

    private static String join(String folder, String name) {
        return folder.equals(".") ? name : folder + "/" + name;
    }
}
