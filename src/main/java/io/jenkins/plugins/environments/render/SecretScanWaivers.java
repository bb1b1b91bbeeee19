package io.jenkins.plugins.environments.render;

import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reviewed exceptions to the secret scan, kept in the repository at {@value #FILE}:
 *
 * <pre>
 * waivers:
 *   - rule: generic-secret
 *     path: charts/shop/values.yaml     # a glob: * within a folder, ** across folders
 *     reason: the chart's example password, replaced by an ExternalSecret in every environment
 * </pre>
 *
 * A waiver names one rule id and the files it covers, and must say why. A finding is dropped when a waiver's rule is
 * its rule and the waiver's path matches its file (for rendered Secrets: the chart, overlay or folder given to the
 * step). {@code set} entries are never waived. A waiver file that cannot be read, or an entry without a known rule, a
 * relative path or a reason, stops the render with a message naming the entry.
 */
public final class SecretScanWaivers {

    /** Where the waivers live, relative to the workspace. */
    public static final String FILE = ".environment-management/secret-scan-waivers.yaml";

    private static final Set<String> FIELDS = Set.of("rule", "path", "reason");

    private record Waiver(String rule, PathMatcher path) {}

    private final List<Waiver> waivers;

    private SecretScanWaivers(List<Waiver> waivers) {
        this.waivers = List.copyOf(waivers);
    }

    /** @return no waivers */
    public static SecretScanWaivers none() {
        return new SecretScanWaivers(List.of());
    }

    /** @return the waivers of the workspace, or none when it has no {@value #FILE} */
    public static SecretScanWaivers read(Workspace workspace) {
        if (!workspace.listTree(".environment-management").contains("secret-scan-waivers.yaml")) {
            return none();
        }
        return parse(workspace.readText(FILE));
    }

    /** @throws RenderException naming {@value #FILE} and the entry, when an entry is not a complete waiver */
    @SuppressWarnings("unchecked")
    public static SecretScanWaivers parse(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new RenderException(FILE + " is not valid YAML");
        }
        if (root == null) {
            return none();
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("waivers") instanceof List<?> list) || map.size() != 1) {
            throw new RenderException(FILE + " must hold one key, 'waivers', with a list of waivers");
        }
        List<Waiver> waivers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String entry = FILE + ": waiver " + (i + 1);
            if (!(list.get(i) instanceof Map<?, ?> w) || !FIELDS.containsAll(((Map<Object, Object>) w).keySet())) {
                throw new RenderException(entry + " must be a mapping of rule, path and reason");
            }
            String rule = text(w.get("rule"));
            String path = text(w.get("path"));
            if (!SecretScanner.RULES.contains(rule)) {
                throw new RenderException(entry + ": rule must be one of the scanner's rule ids, not '"
                        + WorkspacePaths.shown(rule) + "'");
            }
            if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                throw new RenderException(entry + ": path must be a glob relative to the workspace");
            }
            if (text(w.get("reason")).isEmpty()) {
                throw new RenderException(entry + ": reason must say why the finding is not a secret");
            }
            try {
                waivers.add(new Waiver(rule, FileSystems.getDefault().getPathMatcher("glob:" + path)));
            } catch (IllegalArgumentException e) {
                throw new RenderException(entry + ": path is not a valid glob");
            }
        }
        return new SecretScanWaivers(waivers);
    }

    /** @return the findings no waiver covers */
    public List<SecretScanner.Finding> apply(List<SecretScanner.Finding> findings) {
        return findings.stream().filter(f -> !waived(f)).toList();
    }

    private boolean waived(SecretScanner.Finding finding) {
        if (finding.file().startsWith("--set ")) {
            return false;
        }
        Path file;
        try {
            file = Path.of(finding.file());
        } catch (InvalidPathException e) {
            return false;
        }
        return waivers.stream()
                .anyMatch(w -> w.rule().equals(finding.ruleId()) && w.path().matches(file));
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).strip();
    }
}
