package io.jenkins.plugins.environments.model;

import java.util.regex.Pattern;

/**
 * A container image as a pipeline names it: {@code registry.example.com/team/app@sha256:…} or
 * {@code registry.example.com/team/app:1.4}.
 *
 * <p>Names are read the way Docker normalises them: {@code nginx} is {@code docker.io/library/nginx},
 * {@code user/app} is {@code docker.io/user/app}, and {@code index.docker.io} is {@code docker.io}. The first
 * component is a registry host only when it contains a {@code .} or a {@code :}, or is {@code localhost}.
 *
 * <p>This is the one image-reference parser of the plugin: previews, promotion, pinning and the registry client
 * ({@code registry/}) all read images here, and {@link #checkRepository} is the one repository-name rule.
 *
 * <ul>
 *   <li>{@code registry}: the registry's {@code host[:port]} (the host a registry client talks to; "registry" and
 *       "host" are the same value), in lower case; {@code docker.io} for Docker Hub's short names and aliases.
 *   <li>{@code repository}: the path in the registry, lower-case components of letters and digits joined by
 *       {@code .}, {@code _}, {@code __} or dashes, separated by {@code /}, as the distribution spec writes them.
 *   <li>{@code digest}: {@code sha256:} and 64 lower-case hex digits, or {@code null}.
 *   <li>{@code tag}: up to 128 characters of letters, digits, {@code _ . -}, not starting with {@code .} or
 *       {@code -}, or {@code null}. At least one of tag and digest is set; {@link #parse} gives exactly one, while
 *       {@link #parseCopySource} and {@link #parseCopyTarget} read what a registry copy needs.
 * </ul>
 *
 * <p>Length, decided once: {@code registry/repository} is at most {@value #MAX_NAME_LENGTH} characters. The
 * distribution spec notes this limit on the host (with its port), {@code /} and repository together, and it is what
 * registries and clients enforce; a repository checked without its host ({@link #checkRepository}) is held to the
 * same number, and the whole name is checked again once the host is known.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** Longest {@code host[:port]/repository} a registry accepts, as the distribution spec notes. */
    public static final int MAX_NAME_LENGTH = 255;

    /** The repository rule, said once for every message about it. */
    private static final String REPOSITORY_RULE =
            "use '/'-separated lower-case letters and digits, joined by '.', '_', '__' or '-', such as 'team/app'";

    private static final String TAG_RULE =
            "use at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
    private static final String EXAMPLE = "such as 'registry.example.com/team/app@sha256:…'";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public ImageReference {
        HostAndPort.parse("image", "Image registry", registry);
        checkRepository("image", repository);
        if (tag == null && digest == null) {
            throw new InvalidConfigurationException("image", "Image needs a tag or a digest");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw Names.invalid("image", "Image tag", tag, "is not a valid tag: " + TAG_RULE);
        }
        if (digest != null) {
            Digests.checkDigest("image", "Image digest", digest);
        }
        int length = registry.length() + 1 + repository.length();
        if (length > MAX_NAME_LENGTH) {
            throw Names.invalid(
                    "image",
                    "Image",
                    registry + "/" + repository,
                    "is too long: host and repository are " + length + " characters, at most " + MAX_NAME_LENGTH
                            + " are allowed");
        }
    }

    /**
     * Reads {@code host[:port]/path[:tag|@sha256:…]}, with exactly one of a tag and a digest.
     *
     * @param field the parameter the text came from, for the error
     * @throws InvalidConfigurationException for {@code field} when the text is not such a reference
     */
    public static ImageReference parse(String field, String text) {
        ImageReference image = read(field, text);
        if (image.digest() != null && image.tag() != null) {
            throw Names.invalid(field, "Image", text, "has both a tag and a digest: give only the digest");
        }
        return image;
    }

    /**
     * Reads the image a registry copy moves ({@code promoteDigest}'s registry strategy): the registry host written
     * out, a digest and no tag.
     *
     * @throws InvalidConfigurationException for {@code field}, before any request is sent
     */
    public static ImageReference parseCopySource(String field, String text) {
        ImageReference image = readOnHost(field, text);
        if (image.digest() == null) {
            throw Names.invalid(field, "Image", text, "is a tag; promoteDigest moves only digests (sha256:...)");
        }
        if (image.tag() != null) {
            throw Names.invalid(
                    field,
                    "Image",
                    text,
                    "names both the tag " + Names.quote(image.tag()) + " and a digest; promoteDigest moves only"
                            + " digests (sha256:...): remove ':" + image.tag() + "'");
        }
        return image;
    }

    /**
     * Reads where a registry copy puts an image: the registry host written out, a repository and a tag, no digest.
     *
     * @throws InvalidConfigurationException for {@code field}, before any request is sent
     */
    public static ImageReference parseCopyTarget(String field, String text) {
        ImageReference image = readOnHost(field, text);
        if (image.digest() != null) {
            throw Names.invalid(
                    field,
                    "Image",
                    text,
                    "names a digest; the target of a promotion is a repository and tag, such as 'host/app:prod'");
        }
        return image;
    }

    /** Reads a reference whose first component must be a registry host: a copy never goes to an implied Docker Hub. */
    private static ImageReference readOnHost(String field, String text) {
        ImageReference image = read(field, text);
        int slash = text.indexOf('/');
        if (slash < 0 || !isHost(text.substring(0, slash))) {
            throw Names.invalid(
                    field,
                    "Image",
                    text,
                    "does not start with a registry host: write host[:port]/repository, " + EXAMPLE);
        }
        return image;
    }

    /** Reads a reference with a tag, a digest or both. */
    private static ImageReference read(String field, String text) {
        Names.require(field, "Image", text);
        rejectUserInfo(field, "Image", text);
        if (text.length() > 512 || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw Names.invalid(field, "Image", text, "must be at most 512 printable ASCII characters without spaces");
        }
        if (text.contains("://")) {
            throw Names.invalid(
                    field,
                    "Image",
                    text,
                    "must not start with a scheme such as 'https://': write host[:port]/repository, " + EXAMPLE);
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        if (slash == 0) {
            throw Names.invalid(
                    field, "Image", text, "must start with the registry's host or a repository, " + EXAMPLE);
        }
        String registry;
        String path;
        if (slash > 0 && isHost(rest.substring(0, slash))) {
            registry = canonicalHost(rest.substring(0, slash));
            path = rest.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            path = rest;
        }
        if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0 && path.indexOf(':') != 0) {
            path = "library/" + path;
        }
        String tag = null;
        int colon = path.lastIndexOf(':');
        if (colon >= 0) {
            tag = path.substring(colon + 1);
            path = path.substring(0, colon);
        }
        if (digest == null && tag == null) {
            throw Names.invalid(field, "Image", text, "needs a digest ('@sha256:…') or a tag (':1.4')");
        }
        try {
            return new ImageReference(registry, path, tag, digest);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(field, e.getMessage());
        }
    }

    /**
     * Refuses an image named with a user name or password ({@code user:password@registry.example.com/app}), without
     * repeating the text: an {@code @} that a {@code /} follows, or that is in the authority of a URL, is not a
     * digest's, so what comes before it is user information, which may hold a password.
     *
     * @throws InvalidConfigurationException for {@code field} when the text holds user information
     */
    public static void rejectUserInfo(String field, String what, String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return;
        }
        int scheme = text.indexOf("://");
        int path = scheme < 0 ? -1 : text.indexOf('/', scheme + 3);
        boolean inAuthority = scheme >= 0 && at > scheme && (path < 0 || at < path);
        if (text.indexOf('/', at) > at || inAuthority) {
            throw new InvalidConfigurationException(
                    field,
                    what + " must not contain a user name or password ('user:password@'): give the registry's"
                            + " credentials in the global configuration");
        }
    }

    /** @return the repository path, checked by {@link #checkRepository(String, String, String)} as an image's */
    public static String checkRepository(String field, String repository) {
        return checkRepository(field, "Image repository", repository);
    }

    /**
     * The one repository-name rule of the plugin, the distribution spec's grammar: {@code /}-separated components of
     * lower-case letters and digits, joined inside a component by {@code .}, {@code _}, {@code __} or a run of
     * {@code -}; at most {@value #MAX_NAME_LENGTH} characters. The message names what is wrong.
     *
     * @param what the value's name in the message, such as {@code Image repository}
     * @return the repository, checked before it becomes part of a URL or a manifest
     * @throws InvalidConfigurationException for {@code field}
     */
    public static String checkRepository(String field, String what, String repository) {
        Names.require(field, what, repository);
        if (repository.length() > MAX_NAME_LENGTH) {
            throw new InvalidConfigurationException(
                    field, what + " is " + repository.length() + " characters long: use at most " + MAX_NAME_LENGTH);
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw Names.invalid(field, what, repository, repositoryProblem(component) + ": " + REPOSITORY_RULE);
            }
        }
        return repository;
    }

    private static String repositoryProblem(String component) {
        if (component.isEmpty()) {
            return "has an empty component";
        }
        if (component.equals(".") || component.equals("..")) {
            return "has a " + Names.quote(component) + " component";
        }
        if (!component.equals(component.toLowerCase(java.util.Locale.ROOT))) {
            return "has upper-case letters";
        }
        return "has an invalid component " + Names.quote(component);
    }

    /** @return whether the text is a repository by {@link #checkRepository}'s rule */
    public static boolean isRepository(String repository) {
        try {
            checkRepository("repository", repository);
            return true;
        } catch (InvalidConfigurationException e) {
            return false;
        }
    }

    /** @return whether the text is a tag: what the record's {@code tag} accepts */
    public static boolean isTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** @return {@code registry/repository}, the name containers use for the image without tag or digest */
    public String name() {
        return registry + "/" + repository;
    }

    /** Docker Hub's registry, as normalised names write it. */
    public static final String DOCKER_HUB = "docker.io";

    /** The host names Docker Hub is reached under; they are all {@link #DOCKER_HUB}. */
    private static final java.util.Set<String> DOCKER_HUB_ALIASES =
            java.util.Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

    /** @return whether the first component of a name is a registry host: it has a '.' or ':', or is localhost */
    private static boolean isHost(String component) {
        return component.indexOf('.') >= 0 || component.indexOf(':') >= 0 || component.equals("localhost");
    }

    /** @return the host in lower case, with Docker Hub's aliases as {@link #DOCKER_HUB} */
    private static String canonicalHost(String host) {
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        return DOCKER_HUB_ALIASES.contains(lower) ? DOCKER_HUB : lower;
    }

    /**
     * @param host a configured registry's {@code host[:port]}
     * @return whether that registry serves this image: the same host, Docker Hub's aliases being one
     */
    public boolean isServedBy(String host) {
        return host != null && canonicalHost(host).equals(registry);
    }

    /**
     * The repository an image name in a manifest refers to, normalised as Docker does: {@code nginx:1.27},
     * {@code docker.io/library/nginx} and {@code index.docker.io/library/nginx@sha256:…} are all
     * {@code docker.io/library/nginx}. Tag and digest are dropped (both may be present). One pass, no regular
     * expression.
     *
     * @return {@code host/repository}, or {@code null} when the text is not an image name
     */
    public static String normalizedName(String image) {
        if (image == null || image.isEmpty() || image.length() > 512) {
            return null;
        }
        for (int i = 0; i < image.length(); i++) {
            char c = image.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return null;
            }
        }
        String rest = image;
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            rest = rest.substring(0, colon);
            slash = rest.indexOf('/');
        }
        String host;
        String path;
        if (slash > 0 && isHost(rest.substring(0, slash))) {
            host = canonicalHost(rest.substring(0, slash));
            path = rest.substring(slash + 1);
        } else {
            host = DOCKER_HUB;
            path = rest;
        }
        if (host.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                return null;
            }
        }
        return host + "/" + path;
    }

    /** @return the image as written, without its tag and digest: what a pinned name keeps of it */
    public static String nameAsWritten(String image) {
        String rest = image;
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        return colon > rest.lastIndexOf('/') ? rest.substring(0, colon) : rest;
    }

    /** @return the same image, named by the digest */
    public ImageReference withDigest(String resolved) {
        return new ImageReference(registry, repository, null, resolved);
    }

    /** @return the digest if there is one, else the tag: the {@code <reference>} of a manifest URL */
    public String reference() {
        return digest != null ? digest : tag;
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
