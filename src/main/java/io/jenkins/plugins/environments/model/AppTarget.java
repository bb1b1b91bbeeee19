package io.jenkins.plugins.environments.model;

/**
 * Where one app goes in one environment, as the administrator fixed it. Blank fields take the environment's defaults,
 * so an entry with only {@code environment} set means "this app may go there, the usual way".
 *
 * <ul>
 *   <li>{@code environment}: the environment's name, an RFC 1123 label (that it exists is checked by
 *       {@link EnvironmentsConfiguration#validate()}).
 *   <li>{@code repository}: for the {@code registry} strategy, the repository with its registry that the digest is
 *       promoted into, without tag or digest; the app's own image when blank.
 *   <li>{@code tag}: for the {@code registry} strategy, the tag that moves to the digest; the environment's name when
 *       blank.
 *   <li>{@code namespace}: the app's namespace in the environment (live in source, {@code deploy}, rollout wait); the
 *       environment's {@code namespacePattern} rendered for the app when blank.
 *   <li>{@code valuesFile}, {@code digestKey}: for the {@code gitops} strategy, the file and key in the environment's
 *       GitOps repository; the environment's own when blank. Checked as {@link GitOpsTarget} checks them.
 * </ul>
 */
public record AppTarget(
        String environment, String repository, String tag, String namespace, String valuesFile, String digestKey) {

    public AppTarget {
        environment = checkEnvironment(environment);
        repository = checkRepository(repository);
        tag = checkTag(tag);
        namespace = checkNamespace(namespace);
        valuesFile = checkValuesFile(valuesFile);
        digestKey = checkDigestKey(digestKey);
    }

    /** @return the environment's name, an RFC 1123 label; problems are reported for field {@code environment} */
    public static String checkEnvironment(String environment) {
        return Names.requireLabel("environment", "Target environment", environment);
    }

    /** @return the repository or {@code null}; problems are reported for field {@code repository} */
    public static String checkRepository(String repository) {
        return Names.isBlank(repository) ? null : App.checkImage("repository", "Target repository", repository);
    }

    /** @return the namespace or {@code null}; problems are reported for field {@code namespace} */
    public static String checkNamespace(String namespace) {
        return Names.isBlank(namespace) ? null : Names.requireLabel("namespace", "Target namespace", namespace);
    }

    /** @return the values file or {@code null}; problems are reported for field {@code valuesFile} */
    public static String checkValuesFile(String valuesFile) {
        return Names.isBlank(valuesFile) ? null : GitOpsTarget.checkValuesFile(valuesFile);
    }

    /** @return the digest key or {@code null}; problems are reported for field {@code digestKey} */
    public static String checkDigestKey(String digestKey) {
        return Names.isBlank(digestKey) ? null : GitOpsTarget.checkDigestKey(digestKey);
    }

    /** @return the tag or {@code null}; problems are reported for field {@code tag} */
    public static String checkTag(String tag) {
        if (Names.isBlank(tag)) {
            return null;
        }
        try {
            return ImageReference.parse("tag", "registry.invalid/repository:" + tag)
                    .tag();
        } catch (InvalidConfigurationException e) {
            throw Names.invalid(
                    "tag",
                    "Target tag",
                    tag,
                    "is not a valid tag: use at most 128 letters, digits, '_', '.' and '-', not starting with '.' or"
                            + " '-'");
        }
    }

    /** @return the repository the {@code registry} strategy promotes into, for an app whose image is {@code image} */
    public String repositoryOr(String image) {
        return repository == null ? image : repository;
    }

    /** @return the tag the {@code registry} strategy moves */
    public String tagOrEnvironment() {
        return tag == null ? environment : tag;
    }

    /** @return the app's namespace in {@code in}, which must be this target's environment */
    public String namespaceIn(Environment in, String app) {
        return namespace != null ? namespace : in.namespaceFor(app);
    }

    /**
     * @return the environment's GitOps target with this app's file and key, or {@code null} when the environment has
     *     none
     */
    public GitOpsTarget gitOpsIn(Environment in) {
        GitOpsTarget base = in.gitOps();
        if (base == null) {
            return null;
        }
        return new GitOpsTarget(
                base.repositoryUrl(),
                base.credentialsId(),
                base.branch(),
                valuesFile == null ? base.valuesFile() : valuesFile,
                digestKey == null ? base.digestKey() : digestKey,
                base.imageForm(),
                // an overlay's render path follows its own kustomization file when the app names another one
                valuesFile == null || base.imageForm() != ImageForm.KUSTOMIZE ? base.renderPath() : null,
                base.tagAcceptsDigest(),
                base.folderCredentials());
    }
}
