package io.jenkins.plugins.environments.model;

import java.util.List;

/**
 * A place outside a container list where objects of one kind hold an image, written {@code Kind:dotted.path}, such
 * as {@code Memcached:spec.image}. Paths go through mappings only (no list indexes). The image found there is pinned
 * like a container's.
 *
 * @param kind the object's kind, such as {@code Memcached}
 * @param path the mapping keys from the object's root, joined by {@code .}, such as {@code spec.image}
 */
public record ImageFieldPath(String kind, String path) {

    /** The parameter these paths come from. */
    public static final String FIELD = "imageFields";

    private static final int MAX_LENGTH = 256;

    public ImageFieldPath {
        Names.require(FIELD, "Image field", kind);
        Names.require(FIELD, "Image field", path);
        if (!kind.matches("[A-Z][A-Za-z0-9]{0,62}")) {
            throw Names.invalid(FIELD, "Image field kind", kind, "is not a Kubernetes kind such as 'Memcached'");
        }
        if (path.length() > MAX_LENGTH || !path.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){0,15}")) {
            throw Names.invalid(
                    FIELD,
                    "Image field path",
                    path,
                    "is not a path of mapping keys joined by '.', such as 'spec.image' (at most 16 keys)");
        }
    }

    /**
     * @param text {@code Kind:dotted.path}
     * @throws InvalidConfigurationException for field {@value #FIELD}
     */
    public static ImageFieldPath parse(String text) {
        Names.require(FIELD, "Image field", text);
        int colon = text.indexOf(':');
        if (colon <= 0 || text.length() > MAX_LENGTH + 64) {
            throw Names.invalid(
                    FIELD, "Image field", text, "must be written Kind:path, such as 'Memcached:spec.image'");
        }
        return new ImageFieldPath(text.substring(0, colon), text.substring(colon + 1));
    }

    /**
     * @param written the entries as a pipeline wrote them, {@code Kind:dotted.path} each
     * @throws InvalidConfigurationException for field {@value #FIELD}, naming a {@code null} entry by its number
     */
    public static List<ImageFieldPath> parseAll(List<String> written) {
        if (written == null) {
            return List.of();
        }
        List<ImageFieldPath> fields = new java.util.ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            if (written.get(i) == null) {
                throw new InvalidConfigurationException(FIELD, FIELD + " entry " + (i + 1) + " is null");
            }
            fields.add(parse(written.get(i)));
        }
        return List.copyOf(fields);
    }

    /** @return the mapping keys of the path */
    public List<String> keys() {
        return List.of(path.split("\\."));
    }

    @Override
    public String toString() {
        return kind + ":" + path;
    }
}
