package io.jenkins.plugins.environments.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and annotations that mark what the plugin owns in a cluster. They are the source of truth for which
 * previews are live: nothing about a preview is stored anywhere else.
 */
public final class PreviewLabels {

    /** Label on every object the plugin creates. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Value of {@link #MANAGED_BY}. */
    public static final String MANAGED_BY_VALUE = "environment-management";
    /** Label: the application name. */
    public static final String APP = "environments.jenkins.io/app";
    /** Label: the pull request number. */
    public static final String PULL_REQUEST = "environments.jenkins.io/pr";
    /** Label: the kind of environment. */
    public static final String ENVIRONMENT = "environments.jenkins.io/environment";
    /** Value of {@link #ENVIRONMENT} for previews. */
    public static final String ENVIRONMENT_PREVIEW = "preview";
    /**
     * Label on a preview namespace and everything in it: the instance id of the Jenkins controller that deployed it.
     * See {@link NamespaceOwner}.
     */
    public static final String INSTANCE = "environments.jenkins.io/instance";
    /** Label on applied objects: the deploy that applied them last, used to prune what a later deploy dropped. */
    public static final String DEPLOY_ID = "environments.jenkins.io/deploy-id";

    /** Annotation on the namespace: when the preview may be swept, as an ISO-8601 instant. */
    public static final String EXPIRES_AT = "environments.jenkins.io/expires-at";
    /**
     * Annotation on a preview namespace: the owner marker, {@code instance/app/pr}, which must agree with the
     * {@link #INSTANCE}, {@link #APP} and {@link #PULL_REQUEST} labels for the namespace to count as the plugin's. See
     * {@link NamespaceOwner}.
     */
    public static final String OWNER = "environments.jenkins.io/owner";
    /** Annotation on the namespace: the build that deployed the preview last. */
    public static final String BUILD_URL = "environments.jenkins.io/build-url";
    /** Annotation on the namespace: when the preview was deployed last, as an ISO-8601 instant. */
    public static final String LAST_DEPLOY = "environments.jenkins.io/last-deploy";
    /** Annotation on the namespace: {@code "true"} keeps the preview out of the TTL sweep. */
    public static final String PINNED = "environments.jenkins.io/pinned";

    /**
     * Annotation on the namespace: the {@link PreviewInventory} of the last completed deploy, compact JSON. Written
     * only by {@link #INVENTORY_FIELD_MANAGER}.
     */
    public static final String INVENTORY = "environments.jenkins.io/inventory";

    /** The field manager of every server-side apply the plugin sends (namespace, quota, limits, rendered objects). */
    public static final String FIELD_MANAGER = "environment-management";

    /**
     * The field manager of the one write of {@link #INVENTORY}, kept apart from {@link #FIELD_MANAGER}: the namespace
     * apply of that manager does not carry the inventory, and a server-side apply removes the fields its manager
     * owned and stopped sending, so with one manager every {@code ensureNamespace} would delete the inventory.
     */
    public static final String INVENTORY_FIELD_MANAGER = "environment-management-inventory";

    private PreviewLabels() {}

    /** The labels every object of one preview carries, the namespace included. */
    static Map<String, String> of(NamespaceOwner owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(APP, owner.app());
        labels.put(PULL_REQUEST, Integer.toString(owner.pullRequest()));
        labels.put(ENVIRONMENT, ENVIRONMENT_PREVIEW);
        labels.put(INSTANCE, owner.instance());
        return labels;
    }
}
