package io.jenkins.plugins.environments.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a promotion is committed instead of deployed: one key of one values file in a GitOps repository.
 *
 * <ul>
 *   <li>{@code repositoryUrl}: {@code https://host/path} (no user name or password in it),
 *       {@code ssh://[user@]host/path}, the scp-like {@code [user@]host:path} such as
 *       {@code git@github.com:org/deploy.git}, or {@code file:///path} for tests and local mirrors.
 *   <li>{@code credentialsId}: optional, for a repository that needs none.
 *   <li>{@code branch}: a git branch name; {@code main} when blank.
 *   <li>{@code valuesFile}: a path relative to the repository root, see
 *       {@link RepositoryNames#requireRelativePath}.
 *   <li>{@code digestKey}: the YAML key path that receives the digest; when blank, the image form's own
 *       ({@code image.digest}, {@code image}, {@code image.tag}). For image form {@code kustomize} it is the
 *       {@code name:} of the {@code images:} entry instead, and when blank the promoted repository.
 *   <li>{@code imageForm}: how the file refers to the image, see {@link ImageForm}; {@code digest} when {@code null}.
 *   <li>{@code renderPath}: the chart folder (relative to the repository root) that the values file is rendered with
 *       after the edit, to check that every container of the app's repository then runs the digest; {@code null}
 *       for no check. For image form {@code kustomize} it is the overlay to render, and defaults to the folder of the
 *       kustomization file, so an overlay is always checked.
 *   <li>{@code tagAcceptsDigest}: the explicit statement that the chart accepts {@code tag@sha256:…} in its tag
 *       key; required for image form {@code tag}, refused with any other.
 *   <li>{@code folderCredentials}: whether {@code credentialsId} may also be found among the credentials of the
 *       build's folders; off, it is looked up in Jenkins' own store only.
 * </ul>
 */
public record GitOpsTarget(
        String repositoryUrl,
        String credentialsId,
        String branch,
        String valuesFile,
        String digestKey,
        ImageForm imageForm,
        String renderPath,
        boolean tagAcceptsDigest,
        boolean folderCredentials) {

    public static final String DEFAULT_BRANCH = "main";
    public static final String DEFAULT_DIGEST_KEY = "image.digest";

    private static final String FORMS = "use https://host/path, ssh://host/path, git@host:path or file:///path";
    private static final Pattern WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Pattern SCP_LIKE = Pattern.compile("(?:[A-Za-z0-9._-]+@)?([^:/@]+):(.+)");

    /** A key path whose last key names a tag: {@code image.tag}, {@code imageTag}, {@code web.newTag}. */
    private static final Pattern TAG_KEY = Pattern.compile("(?:.*\\.)?(?:[A-Za-z0-9_-]*[_-])?(?:tag|[A-Za-z0-9]*Tag)");

    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,254}");

    public GitOpsTarget {
        repositoryUrl = checkRepositoryUrl(repositoryUrl);
        credentialsId = checkCredentialsId(credentialsId);
        branch = checkBranch(branch);
        valuesFile = checkValuesFile(valuesFile);
        imageForm = imageForm == null ? ImageForm.DIGEST : imageForm;
        digestKey = imageForm == ImageForm.KUSTOMIZE
                ? checkImageName(digestKey)
                : Names.isBlank(digestKey) ? imageForm.defaultKey() : checkDigestKey(digestKey);
        renderPath = Names.isBlank(renderPath)
                ? imageForm == ImageForm.KUSTOMIZE ? folderOf(valuesFile) : null
                : RepositoryNames.requireRelativePath("renderPath", "Render path", renderPath);
        if (imageForm == ImageForm.TAG && !tagAcceptsDigest) {
            throw new InvalidConfigurationException(
                    "imageForm",
                    "Image form 'tag' writes '<tag>@sha256:…' into " + Names.quote(digestKey) + ", which most"
                            + " charts turn into an invalid 'repository:<tag>@sha256:…' or ignore: tick"
                            + " tagAcceptsDigest only for a chart known to accept it, or use image form 'digest'"
                            + " or 'image'");
        }
        if (imageForm == ImageForm.DIGEST
                && renderPath == null
                && TAG_KEY.matcher(digestKey).matches()) {
            throw new InvalidConfigurationException(
                    "digestKey",
                    "Digest key " + Names.quote(digestKey) + " looks like a tag key: a chart that writes"
                            + " 'repository:<tag>' would get the invalid 'repository:sha256:…'. Use image form 'tag',"
                            + " or name the chart in renderPath so that a render proves the chart reads it as a"
                            + " digest");
        }
        if (imageForm != ImageForm.TAG && tagAcceptsDigest) {
            throw new InvalidConfigurationException(
                    "tagAcceptsDigest", "tagAcceptsDigest applies to image form 'tag' only, not " + imageForm.id());
        }
    }

    /** The target as it was before image forms: a digest key, no render check. */
    public GitOpsTarget(
            String repositoryUrl, String credentialsId, String branch, String valuesFile, String digestKey) {
        this(repositoryUrl, credentialsId, branch, valuesFile, digestKey, ImageForm.DIGEST, null, false, false);
    }

    /** A target whose credentials are looked up in Jenkins' own store only (no folder credentials). */
    public GitOpsTarget(
            String repositoryUrl,
            String credentialsId,
            String branch,
            String valuesFile,
            String digestKey,
            ImageForm imageForm,
            String renderPath,
            boolean tagAcceptsDigest) {
        this(
                repositoryUrl,
                credentialsId,
                branch,
                valuesFile,
                digestKey,
                imageForm,
                renderPath,
                tagAcceptsDigest,
                false);
    }

    /** A target in image form {@code digest}, without a render check. */
    public GitOpsTarget(
            String repositoryUrl,
            String credentialsId,
            String branch,
            String valuesFile,
            String digestKey,
            boolean folderCredentials) {
        this(
                repositoryUrl,
                credentialsId,
                branch,
                valuesFile,
                digestKey,
                ImageForm.DIGEST,
                null,
                false,
                folderCredentials);
    }

    /** @return whether the environment is rendered after the edit to check what runs */
    public boolean renders() {
        return renderPath != null;
    }

    /** @return the URL, checked; problems are reported for field {@code repositoryUrl} */
    public static String checkRepositoryUrl(String url) {
        String field = "repositoryUrl";
        String what = "Repository URL";
        Names.rejectControlCharacters(field, what, Names.require(field, what, url));
        if (!WITH_SCHEME.matcher(url).matches()) {
            Matcher scp = SCP_LIKE.matcher(url);
            if (!scp.matches()) {
                throw Names.invalid(field, what, url, "is not a repository URL: " + FORMS);
            }
            String host = scp.group(1);
            // Git compares host names without regard to case, so upper case is fine here.
            if (!Names.isSubdomain(host.toLowerCase(Locale.ROOT)) && !Names.isIpv4(host)) {
                throw Names.invalid(
                        field, what, url, "has an invalid host " + Names.quote(host) + ": " + Names.SUBDOMAIN_RULE);
            }
            return url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Names.invalid(field, what, url, "is not a valid URL: " + FORMS);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && (scheme.equals("https") || userInfo.contains(":"))) {
            // The user part of an https URL is often a token: do not repeat the value.
            throw new InvalidConfigurationException(
                    field, what + " must not contain a token or password; put it in Jenkins credentials");
        }
        if (!scheme.equals("https") && !scheme.equals("ssh") && !scheme.equals("file")) {
            throw Names.invalid(field, what, url, "uses " + scheme + "://, which is not allowed: " + FORMS);
        }
        if (!scheme.equals("file") && uri.getHost() == null) {
            throw Names.invalid(field, what, url, "has no valid host: " + FORMS);
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            throw Names.invalid(field, what, url, "names no repository: " + FORMS);
        }
        return url;
    }

    /** @return the id or {@code null}; problems are reported for field {@code credentialsId} */
    public static String checkCredentialsId(String credentialsId) {
        return Names.optionalCredentialsId("credentialsId", "Credentials id", credentialsId);
    }

    /** @return the branch, {@code main} when blank; problems are reported for field {@code branch} */
    public static String checkBranch(String branch) {
        return Names.isBlank(branch) ? DEFAULT_BRANCH : RepositoryNames.requireBranch("branch", "Branch", branch);
    }

    /** @return the relative path; problems are reported for field {@code valuesFile} */
    public static String checkValuesFile(String valuesFile) {
        return RepositoryNames.requireRelativePath("valuesFile", "Values file", valuesFile);
    }

    /**
     * @return the {@code name:} of a kustomize {@code images:} entry, or {@code null} when blank; problems are
     *     reported for field {@code digestKey}
     */
    public static String checkImageName(String name) {
        if (Names.isBlank(name)) {
            return null;
        }
        if (!IMAGE_NAME.matcher(name).matches()) {
            throw Names.invalid(
                    "digestKey",
                    "Image name",
                    name,
                    "is not an image name as kustomize 'images:' entries write it: at most 255 letters, digits and"
                            + " '.', '_', '/', ':', '-', without tag or digest");
        }
        return name;
    }

    /** The folder that holds a file, {@code .} for the repository root. */
    private static String folderOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "." : file.substring(0, slash);
    }

    /** @return the key path, {@code image.digest} when blank; problems are reported for field {@code digestKey} */
    public static String checkDigestKey(String digestKey) {
        return Names.isBlank(digestKey)
                ? DEFAULT_DIGEST_KEY
                : RepositoryNames.requireYamlKeyPath("digestKey", "Digest key", digestKey);
    }
}
