package io.jenkins.plugins.environments.registry;

import static io.jenkins.plugins.environments.model.Names.quote;

import io.jenkins.plugins.environments.model.HostAndPort;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Redaction;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image named by registry host, repository and a tag or a digest: {@code host[:port]/repository[:tag][@sha256:…]}.
 * The host is always written out (there is no implied Docker Hub), and the repository follows the distribution spec's
 * grammar: {@code /}-separated components of lower-case letters and digits, joined inside a component by {@code .},
 * {@code _}, {@code __} or any run of {@code -}; host, {@code /} and repository together at most 255 characters.
 *
 * <p>{@link #parseDigest(String)} reads the image that {@code promoteDigest} moves (a digest, never a tag);
 * {@link #parseTag(String)} reads where it goes (a tag, never a digest). Both check everything before any request.
 *
 * @param host the registry's {@code host[:port]}
 * @param repository the repository, such as {@code team/app}
 * @param tag the tag, or {@code null}
 * @param digest the digest, or {@code null}
 */
public record ImageReference(String host, String repository, String tag, Digest digest) {

    /** The longest {@code host/repository} that registries and clients commonly accept. */
    public static final int MAX_NAME_LENGTH = 255;

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final String EXAMPLE = "such as 'registry.example.com/team/app@sha256:…'";

    public ImageReference {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("an image reference needs a tag or a digest");
        }
    }

    /**
     * Reads an image reference with a tag, a digest or both.
     *
     * @throws IllegalArgumentException naming the reference and what is wrong with it
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An image reference is required, " + EXAMPLE);
        }
        try {
            io.jenkins.plugins.environments.model.ImageReference.rejectUserInfo("image", "An image reference", text);
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        for (char c : text.toCharArray()) {
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw invalid(text, "contains white space or control characters");
            }
        }
        if (text.contains("://")) {
            throw invalid(
                    text, "must not start with a scheme such as 'https://': write host[:port]/repository, " + EXAMPLE);
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestText = rest.substring(at + 1);
            try {
                digest = Digest.parse(digestText);
            } catch (IllegalArgumentException e) {
                throw invalid(text, "has an invalid digest: " + e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        String host = slash < 0 ? "" : rest.substring(0, slash);
        if (slash < 0 || !(host.contains(".") || host.contains(":") || host.equals("localhost"))) {
            throw invalid(text, "does not start with a registry host: write host[:port]/repository, " + EXAMPLE);
        }
        try {
            host = HostAndPort.parse("image", "Registry host", host).toString();
        } catch (InvalidConfigurationException e) {
            throw invalid(text, "has an invalid registry host: " + e.getMessage());
        }
        String path = rest.substring(slash + 1);
        String tag = null;
        int colon = path.lastIndexOf(':');
        if (colon >= 0) {
            tag = path.substring(colon + 1);
            path = path.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(
                        text,
                        "has an invalid tag " + quote(tag) + ": use 1 to 128 letters, digits, '_', '.' or '-', not"
                                + " starting with '.' or '-'");
            }
        }
        checkRepository(text, path);
        int length = host.length() + 1 + path.length();
        if (length > MAX_NAME_LENGTH) {
            throw invalid(
                    text,
                    "is too long: host and repository are " + length + " characters, at most " + MAX_NAME_LENGTH
                            + " are allowed");
        }
        if (tag == null && digest == null) {
            throw invalid(text, "names neither a tag nor a digest");
        }
        return new ImageReference(host, path, tag, digest);
    }

    /**
     * Reads the image that a promotion moves: it must name a digest and no tag.
     *
     * @throws IllegalArgumentException for a tag, a malformed digest or a malformed name
     */
    public static ImageReference parseDigest(String text) {
        ImageReference reference = parse(text);
        if (reference.digest() == null) {
            throw new IllegalArgumentException(
                    "Image " + quote(text) + " is a tag; promoteDigest moves only digests (sha256:...)");
        }
        if (reference.tag() != null) {
            throw invalid(
                    text,
                    "names both the tag " + quote(reference.tag()) + " and a digest; promoteDigest moves only"
                            + " digests (sha256:...): remove ':" + reference.tag() + "'");
        }
        return reference;
    }

    /**
     * Reads where a promotion puts an image: a repository and the tag to move, no digest.
     *
     * @throws IllegalArgumentException for a digest or a malformed name or tag
     */
    public static ImageReference parseTag(String text) {
        ImageReference reference = parse(text);
        if (reference.digest() != null) {
            throw invalid(
                    text, "names a digest; the target of a promotion is a repository and tag, such as 'host/app:prod'");
        }
        return reference;
    }

    /**
     * Checks a repository name by the distribution spec's grammar.
     *
     * @param text the whole reference, for the message
     */
    private static void checkRepository(String text, String repository) {
        if (repository.isEmpty()) {
            throw invalid(text, "has no repository after the host");
        }
        for (String component : repository.split("/", -1)) {
            if (component.isEmpty()) {
                throw invalid(text, "has an empty component in the repository " + quote(repository));
            }
            if (component.equals("..") || component.equals(".")) {
                throw invalid(text, "has a " + quote(component) + " component in the repository " + quote(repository));
            }
            if (!component.equals(component.toLowerCase(Locale.ROOT))) {
                throw invalid(text, "has upper-case letters in the repository " + quote(repository));
            }
            if (!COMPONENT.matcher(component).matches()) {
                throw invalid(
                        text,
                        "has an invalid repository component " + quote(component) + ": use lower-case letters and"
                                + " digits, joined by '.', '_', '__' or '-'");
            }
        }
    }

    /** @return whether the text is a repository name by the distribution spec's grammar (length aside) */
    static boolean isRepository(String repository) {
        if (repository == null || repository.isEmpty()) {
            return false;
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the text is a tag by the distribution spec's grammar */
    static boolean isTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** @return the tag if there is one, else the digest: the {@code <reference>} of a manifest URL */
    public String reference() {
        return digest != null ? digest.value() : tag;
    }

    /** @return {@code host/repository} */
    public String name() {
        return host + "/" + repository;
    }

    /** @return the same repository with another tag and no digest */
    public ImageReference withTag(String newTag) {
        return parseTag(name() + ":" + newTag);
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException(Redaction.redact("Image " + quote(text) + " " + problem));
    }
}
