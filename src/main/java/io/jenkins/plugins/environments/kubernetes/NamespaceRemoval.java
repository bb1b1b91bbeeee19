package io.jenkins.plugins.environments.kubernetes;

/** The outcome of {@link PreviewNamespaces#removePreview}. */
public enum NamespaceRemoval {
    /** The namespace existed, was deleted, and is gone. */
    DELETED,
    /** There was no such namespace; nothing was deleted. */
    WAS_NOT_THERE
}
