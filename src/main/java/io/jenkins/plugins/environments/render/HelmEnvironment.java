package io.jenkins.plugins.environments.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The environment helm renders with: none of the agent user's repositories, repository caches, registry logins or
 * plugins. Every {@code HELM_*} location points into one folder that nobody creates, next to the workspace in its
 * {@code @tmp} sibling under a random name, so helm sees no repository, no cached index, no registry credentials
 * and no downloader plugin. {@code helm template} of a local chart writes nothing there (a test checks that the
 * folder still does not exist after a render).
 */
final class HelmEnvironment {

    /** The variables helm reads its configuration, caches, registry logins and plugins from. */
    static final List<String> LOCATIONS = List.of(
            "HELM_CONFIG_HOME",
            "HELM_CACHE_HOME",
            "HELM_DATA_HOME",
            "HELM_REPOSITORY_CONFIG",
            "HELM_REPOSITORY_CACHE",
            "HELM_REGISTRY_CONFIG",
            "HELM_CONTENT_CACHE",
            "HELM_PLUGINS");

    private HelmEnvironment() {}

    /**
     * @param environment the environment the caller gave; entries of the same names are replaced
     * @param workspaceRoot the workspace's absolute path on the machine that runs helm
     */
    static Map<String, String> isolated(Map<String, String> environment, String workspaceRoot) {
        String separator = workspaceRoot.indexOf('/') < 0 && workspaceRoot.indexOf('\\') >= 0 ? "\\" : "/";
        String empty = workspaceRoot + "@tmp" + separator + "environment-management-helm-" + UUID.randomUUID();
        Map<String, String> isolated = new LinkedHashMap<>(environment);
        for (String variable : LOCATIONS) {
            String name = variable.substring("HELM_".length()).toLowerCase(Locale.ROOT);
            isolated.put(variable, empty + separator + name + (variable.endsWith("_CONFIG") ? ".yaml" : ""));
        }
        return Map.copyOf(isolated);
    }
}
