package io.jenkins.plugins.environments.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The paths one kustomization makes kustomize read: {@code resources}, {@code bases}, {@code components},
 * {@code crds}, {@code configurations}, {@code generators}, {@code transformers}, {@code validators},
 * {@code patchesStrategicMerge}, the {@code path} of {@code patches}, {@code patchesJson6902} and
 * {@code replacements}, {@code openapi.path}, and the {@code files}, {@code envs} and {@code env} of
 * {@code configMapGenerator} and {@code secretGenerator}. Inline patches and inline generator or transformer
 * configurations (text of more than one line) are not paths. {@code helmCharts}, {@code helmChartInflationGenerator}
 * and {@code helmGlobals} are refused: they make kustomize run helm, which may fetch charts.
 */
final class KustomizationReferences {

    /**
     * One path a kustomization names.
     *
     * @param field where it is, as a message shows it ({@code resources}, {@code patches[0].path} …)
     * @param value the path as written
     * @param mayBeKustomization whether a folder there is itself a kustomization that kustomize follows
     */
    record Reference(String field, String value, boolean mayBeKustomization) {}

    private static final List<String> FOLDERS_OR_FILES =
            List.of("resources", "bases", "components", "generators", "transformers", "validators");
    private static final List<String> FILES = List.of("crds", "configurations", "patchesStrategicMerge");
    private static final List<String> WITH_PATH = List.of("patches", "patchesJson6902", "replacements");
    private static final List<String> GENERATORS = List.of("configMapGenerator", "secretGenerator");
    private static final List<String> HELM = List.of("helmCharts", "helmChartInflationGenerator", "helmGlobals");

    /** Hosts kustomize fetches from when a reference names them without a scheme. */
    private static final Pattern REMOTE_HOST =
            Pattern.compile("^(www\\.)?(github\\.com|gitlab\\.com|bitbucket\\.org|gist\\.github\\.com|dev\\.azure\\.com"
                    + "|[a-z0-9-]+\\.visualstudio\\.com|ssh\\.dev\\.azure\\.com)([/:].*)?$");

    private KustomizationReferences() {}

    /**
     * @param file the kustomization's workspace path, for messages
     * @throws RenderException when a field that must list paths is not a list of text, or when helm is asked for
     */
    static List<Reference> of(String file, Map<String, Object> kustomization) {
        for (String field : HELM) {
            if (kustomization.containsKey(field)) {
                throw new RenderException(file + ": " + field
                        + " is not allowed: kustomize would run helm, which may fetch charts; render the chart with"
                        + " the chart parameter instead");
            }
        }
        List<Reference> references = new ArrayList<>();
        for (String field : FOLDERS_OR_FILES) {
            for (String value : texts(file, field, kustomization.get(field))) {
                if (!inline(value)) {
                    references.add(new Reference(field, value, true));
                }
            }
        }
        for (String field : FILES) {
            for (String value : texts(file, field, kustomization.get(field))) {
                if (!inline(value)) {
                    references.add(new Reference(field, value, false));
                }
            }
        }
        for (String field : WITH_PATH) {
            List<Map<?, ?>> entries = maps(file, field, kustomization.get(field));
            for (int i = 0; i < entries.size(); i++) {
                String where = field + "[" + i + "].path";
                String path = text(file, where, entries.get(i).get("path"));
                if (path != null) {
                    references.add(new Reference(where, path, false));
                }
            }
        }
        if (kustomization.get("openapi") != null) {
            if (!(kustomization.get("openapi") instanceof Map<?, ?> openapi)) {
                throw new RenderException(file + ": openapi is not a mapping");
            }
            String path = text(file, "openapi.path", openapi.get("path"));
            if (path != null) {
                references.add(new Reference("openapi.path", path, false));
            }
        }
        for (String field : GENERATORS) {
            List<Map<?, ?>> entries = maps(file, field, kustomization.get(field));
            for (int i = 0; i < entries.size(); i++) {
                Map<?, ?> generator = entries.get(i);
                String at = field + "[" + i + "]";
                for (String source : texts(file, at + ".files", generator.get("files"))) {
                    // [key=]path: the key ends at the first '='
                    int equals = source.indexOf('=');
                    references.add(
                            new Reference(at + ".files", equals < 0 ? source : source.substring(equals + 1), false));
                }
                for (String env : texts(file, at + ".envs", generator.get("envs"))) {
                    references.add(new Reference(at + ".envs", env, false));
                }
                String env = text(file, at + ".env", generator.get("env"));
                if (env != null) {
                    references.add(new Reference(at + ".env", env, false));
                }
            }
        }
        return references;
    }

    /**
     * @return whether kustomize would take the reference for something to fetch: a URL of any scheme, an scp-like
     *     {@code user@host:path}, go-getter's {@code git::} forms, a query such as {@code ?ref=}, or a path that starts
     *     with a well-known git host
     */
    static boolean isRemote(String reference) {
        String lower = reference.toLowerCase(Locale.ROOT);
        return lower.contains("://")
                || lower.contains("::")
                || lower.contains("?")
                || lower.matches("^[a-z0-9._-]+@[^/]+:.*")
                || lower.matches("^[a-z][a-z0-9+.-]*:.*")
                || REMOTE_HOST.matcher(lower).matches();
    }

    /** Inline patches and configurations are YAML of several lines or a flow mapping; a path is neither. */
    private static boolean inline(String value) {
        return value.indexOf('\n') >= 0 || value.strip().startsWith("{");
    }

    private static List<String> texts(String file, String field, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new RenderException(file + ": " + field + " is not a list");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new RenderException(file + ": " + field + " holds an entry that is not text");
            }
            texts.add(s);
        }
        return texts;
    }

    private static String text(String file, String field, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new RenderException(file + ": " + field + " is not text");
        }
        return s;
    }

    private static List<Map<?, ?>> maps(String file, String field, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new RenderException(file + ": " + field + " is not a list");
        }
        List<Map<?, ?>> maps = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new RenderException(file + ": " + field + " holds an entry that is not a mapping");
            }
            maps.add(m);
        }
        return maps;
    }
}
