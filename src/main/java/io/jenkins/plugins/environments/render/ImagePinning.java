package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.ImageFieldPath;
import io.jenkins.plugins.environments.model.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pins every container image of one repository to an immutable digest, in objects of any kind.
 *
 * <p>A container is any mapping with a string {@code image} in a list under {@code containers},
 * {@code initContainers} or {@code ephemeralContainers}, wherever it is in the object: so Deployments, StatefulSets,
 * DaemonSets, ReplicaSets, Jobs and Pods, CronJobs' {@code jobTemplate}, Argo Rollouts, Knative Services and any
 * custom resource that embeds a pod template are all covered. An image elsewhere (a custom resource's
 * {@code spec.image}, say) is pinned when one of the caller's {@link ImageFieldPath}s names it.
 *
 * <p>Images are compared by repository as Docker normalises names ({@link ImageReference#normalizedName}):
 * {@code nginx:1.27} is in {@code docker.io/library/nginx}. A pinned image keeps the name as written and gets
 * {@code @sha256:…} instead of its tag and digest.
 *
 * <p>After pinning, no string of any object may still name the repository with a tag or another digest: such an
 * image would run something other than the digest the deploy reports, so the render is refused, naming the object
 * and where the image is.
 */
public final class ImagePinning {

    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

    private ImagePinning() {}

    /** One rewritten image. */
    public record Change(String kind, String name, String container, String from, String to) {}

    /** The pinned manifests and what was changed. */
    public record Result(RenderedManifests manifests, List<Change> changes) {}

    /** One container of a rendered object and the image it names. */
    public record Container(String kind, String name, String container, String image) {}

    /**
     * @return every container that {@link #pin} reaches (any entry with an {@code image} in a {@code containers},
     *     {@code initContainers} or {@code ephemeralContainers} list, anywhere in an object), in document order, with
     *     the image as rendered
     */
    public static List<Container> containers(RenderedManifests manifests) {
        List<Container> found = new ArrayList<>();
        for (Map<String, Object> doc : manifests.documents()) {
            collect(doc, RenderedManifests.kind(doc), RenderedManifests.name(doc), found);
        }
        return List.copyOf(found);
    }

    private static void collect(Object node, String kind, String name, List<Container> found) {
        if (node instanceof Map<?, ?> map) {
            // init containers first, whatever order the renderer wrote the keys in
            for (String field : CONTAINER_LISTS) {
                if (map.get(field) instanceof List<?> list) {
                    for (Object element : list) {
                        if (element instanceof Map<?, ?> container && container.get("image") instanceof String image) {
                            found.add(new Container(kind, name, String.valueOf(container.get("name")), image));
                        }
                    }
                }
            }
            for (Object value : map.values()) {
                collect(value, kind, name, found);
            }
        } else if (node instanceof List<?> list) {
            for (Object element : list) {
                collect(element, kind, name, found);
            }
        }
    }

    /** Pins containers only, with no extra image fields. */
    public static Result pin(RenderedManifests manifests, String repository, String digest) {
        return pin(manifests, repository, digest, List.of());
    }

    /**
     * @param repository the image repository, in any form Docker accepts
     * @param digest {@code sha256:…}
     * @param imageFields further places that hold an image of the repository, by kind
     * @throws RenderException when nothing uses the repository, or something still names it by tag after pinning
     */
    public static Result pin(
            RenderedManifests manifests, String repository, String digest, List<ImageFieldPath> imageFields) {
        if (digest == null || !Digests.isDigest(digest)) {
            throw new RenderException("digest must be sha256: followed by 64 lowercase hex digits");
        }
        String wanted = ImageReference.normalizedName(repository);
        if (wanted == null || repository.contains("@")) {
            throw new RenderException("repository is not valid: " + repository);
        }
        List<Map<String, Object>> docs = RenderedManifests.deepCopy(manifests.documents());
        List<Change> changes = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            String kind = RenderedManifests.kind(doc);
            String name = RenderedManifests.name(doc);
            pinContainers(doc, wanted, digest, kind, name, changes);
            for (ImageFieldPath field : imageFields) {
                if (field.kind().equals(kind)) {
                    pinField(doc, field, wanted, digest, name, changes);
                }
            }
        }
        if (changes.isEmpty()) {
            throw new RenderException("image " + repository + " is used by no container");
        }
        for (Map<String, Object> doc : docs) {
            String left = unpinned(doc, wanted, digest, "");
            if (left != null) {
                throw new RenderException(RenderedManifests.kind(doc) + " " + RenderedManifests.name(doc)
                        + " still names " + left + " after pinning " + repository + " to " + digest
                        + ": it would run something else than the digest. If that field holds the app's image, add it"
                        + " to imageFields as '" + RenderedManifests.kind(doc) + ":<path>'");
            }
        }
        return new Result(new RenderedManifests(docs), List.copyOf(changes));
    }

    @SuppressWarnings("unchecked")
    private static void pinContainers(
            Object node, String wanted, String digest, String kind, String name, List<Change> changes) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (CONTAINER_LISTS.contains(String.valueOf(entry.getKey()))
                        && entry.getValue() instanceof List<?> list) {
                    for (Object element : list) {
                        if (element instanceof Map<?, ?> container
                                && container.get("image") instanceof String image
                                && wanted.equals(ImageReference.normalizedName(image))) {
                            String pinned = ImageReference.nameAsWritten(image) + "@" + digest;
                            ((Map<String, Object>) container).put("image", pinned);
                            changes.add(new Change(kind, name, String.valueOf(container.get("name")), image, pinned));
                        }
                    }
                }
                pinContainers(entry.getValue(), wanted, digest, kind, name, changes);
            }
        } else if (node instanceof List<?> list) {
            for (Object element : list) {
                pinContainers(element, wanted, digest, kind, name, changes);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void pinField(
            Map<String, Object> doc,
            ImageFieldPath field,
            String wanted,
            String digest,
            String name,
            List<Change> changes) {
        List<String> keys = field.keys();
        Object node = doc;
        for (int i = 0; i < keys.size() - 1; i++) {
            if (!(node instanceof Map<?, ?> map)) {
                return;
            }
            node = map.get(keys.get(i));
        }
        String last = keys.get(keys.size() - 1);
        if (node instanceof Map<?, ?> map
                && map.get(last) instanceof String image
                && wanted.equals(ImageReference.normalizedName(image))) {
            String pinned = ImageReference.nameAsWritten(image) + "@" + digest;
            ((Map<String, Object>) map).put(last, pinned);
            changes.add(new Change(field.kind(), name, field.path(), image, pinned));
        }
    }

    /**
     * @return {@code 'image' at path} for the first string that names the repository with a tag or another digest,
     *     or {@code null}; a bare repository name (no tag, no digest) is not an image reference
     */
    private static String unpinned(Object node, String wanted, String digest, String path) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String found = unpinned(
                        entry.getValue(),
                        wanted,
                        digest,
                        path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String found = unpinned(list.get(i), wanted, digest, path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof String text
                && !text.endsWith("@" + digest)
                && !ImageReference.nameAsWritten(text).equals(text)
                && wanted.equals(ImageReference.normalizedName(text))) {
            return "'" + text + "' at " + path;
        }
        return null;
    }
}
