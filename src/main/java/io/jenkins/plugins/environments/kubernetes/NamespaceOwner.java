package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Optional;

/**
 * Who owns a preview namespace: one app's preview of one pull request, deployed by one Jenkins. The rule of ownership
 * lives here and nowhere else.
 *
 * <p>A namespace belongs to an owner when it carries all of: the labels {@value PreviewLabels#MANAGED_BY}{@code =}
 * {@value PreviewLabels#MANAGED_BY_VALUE} and {@value PreviewLabels#ENVIRONMENT}{@code =}{@value
 * PreviewLabels#ENVIRONMENT_PREVIEW}; the labels {@value PreviewLabels#INSTANCE}, {@value PreviewLabels#APP} and
 * {@value PreviewLabels#PULL_REQUEST}; and the owner marker, the annotation {@value PreviewLabels#OWNER} whose value
 * ({@code instance/app/pr}) says the same as those three labels. Labels alone are easy to copy from one namespace to
 * another with {@code kubectl label}; a namespace whose labels and marker disagree, or that has the labels without
 * the marker, counts as one the plugin did not create, and nothing of the plugin writes to it or deletes it.
 *
 * <p>The instance is the Jenkins controller's instance id, so two controllers sharing a cluster (or one controller and
 * its restored copy with a new identity) never take over each other's previews.
 *
 * @param instance the id of the Jenkins controller that deployed the preview, a label value
 * @param app the app, an RFC 1123 label
 * @param pullRequest the pull request number, positive
 */
public record NamespaceOwner(String instance, String app, int pullRequest) {

    public NamespaceOwner {
        PreviewInputs.labelValue("Jenkins instance id", instance);
        PreviewInputs.app(app);
        PreviewInputs.pullRequest(pullRequest);
    }

    /** @return the value of the owner marker annotation, {@code instance/app/pr} */
    public String marker() {
        return instance + "/" + app + "/" + pullRequest;
    }

    /**
     * Reads a namespace's owner by the rule above.
     *
     * @return the owner, or empty when the plugin did not create the namespace as it stands
     */
    public static Optional<NamespaceOwner> of(Namespace namespace) {
        Map<String, String> labels = namespace.getMetadata().getLabels();
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        if (!hasPreviewLabels(namespace) || annotations == null) {
            return Optional.empty();
        }
        NamespaceOwner owner;
        try {
            owner = new NamespaceOwner(
                    labels.get(PreviewLabels.INSTANCE),
                    labels.get(PreviewLabels.APP),
                    PreviewInputs.pullRequest(labels.get(PreviewLabels.PULL_REQUEST)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return owner.marker().equals(annotations.get(PreviewLabels.OWNER)) ? Optional.of(owner) : Optional.empty();
    }

    /** Whether the namespace carries the managed-by and {@code environment=preview} labels (marker or not). */
    static boolean hasPreviewLabels(Namespace namespace) {
        Map<String, String> labels = namespace.getMetadata().getLabels();
        return labels != null
                && PreviewLabels.MANAGED_BY_VALUE.equals(labels.get(PreviewLabels.MANAGED_BY))
                && PreviewLabels.ENVIRONMENT_PREVIEW.equals(labels.get(PreviewLabels.ENVIRONMENT));
    }

    /**
     * Says who owns an existing namespace, for a message that refuses to touch it, from the point of view of
     * {@code self}: {@code holds the preview of app 'billing' (PR 7) of this Jenkins}, {@code … of another Jenkins
     * (instance 'x')}, or {@code was not created by environment-management} (with the reason when it carries preview
     * labels that its marker does not confirm).
     */
    public static String describe(Namespace namespace, String self) {
        Optional<NamespaceOwner> owner = of(namespace);
        if (owner.isPresent()) {
            NamespaceOwner o = owner.get();
            return "holds the preview of app '" + o.app() + "' (PR " + o.pullRequest() + ") of "
                    + (o.instance().equals(self)
                            ? "this Jenkins"
                            : "another Jenkins (instance '" + o.instance() + "')");
        }
        if (hasPreviewLabels(namespace)) {
            return "was not created by " + PreviewLabels.MANAGED_BY_VALUE + ": it has preview labels, but its owner"
                    + " marker " + PreviewLabels.OWNER + " is missing or does not match them";
        }
        return "was not created by " + PreviewLabels.MANAGED_BY_VALUE;
    }

    /** @return {@code app 'shop' (PR 1842)}, for messages */
    public String describeApp() {
        return "app '" + app + "' (PR " + pullRequest + ")";
    }
}
