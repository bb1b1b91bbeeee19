package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.Digests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pins every container image of one repository to an immutable digest. */
public final class ImagePinning {

    private ImagePinning() {}

    /** One rewritten container. */
    public record Change(String kind, String name, String container, String from, String to) {}

    /** The pinned manifests and what was changed. */
    public record Result(RenderedManifests manifests, List<Change> changes) {}

    @SuppressWarnings("unchecked")
    public static Result pin(RenderedManifests manifests, String repository, String digest) {
        if (digest == null || !Digests.isDigest(digest)) {
            throw new RenderException("digest must be sha256: followed by 64 lowercase hex digits");
        }
        if (repository == null || repository.isBlank() || repository.contains("@") || repository.contains(" ")) {
            throw new RenderException("repository is not valid: " + repository);
        }
        List<Map<String, Object>> docs = RenderedManifests.deepCopy(manifests.documents());
        List<Change> changes = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            String kind = RenderedManifests.kind(doc);
            Object podSpec = podSpec(doc, kind);
            if (!(podSpec instanceof Map<?, ?> spec)) {
                continue;
            }
            for (String field : List.of("initContainers", "containers")) {
                if (spec.get(field) instanceof List<?> containers) {
                    for (Object c : containers) {
                        if (c instanceof Map<?, ?> container
                                && container.get("image") instanceof String image
                                && repository.equals(repositoryOf(image))) {
                            String pinned = repository + "@" + digest;
                            ((Map<String, Object>) container).put("image", pinned);
                            changes.add(new Change(
                                    kind,
                                    RenderedManifests.name(doc),
                                    String.valueOf(container.get("name")),
                                    image,
                                    pinned));
                        }
                    }
                }
            }
        }
        if (changes.isEmpty()) {
            throw new RenderException("image " + repository + " is used by no container");
        }
        return new Result(new RenderedManifests(docs), List.copyOf(changes));
    }

    /** One container of a rendered pod template and the image it names. */
    public record Container(String kind, String name, String container, String image) {}

    /**
     * @return every container (init containers first) of the pod templates that {@link #pin} reaches, in document
     *     order, with the image as rendered
     */
    public static List<Container> containers(RenderedManifests manifests) {
        List<Container> found = new ArrayList<>();
        for (Map<String, Object> doc : manifests.documents()) {
            String kind = RenderedManifests.kind(doc);
            if (podSpec(doc, kind) instanceof Map<?, ?> spec) {
                for (String field : List.of("initContainers", "containers")) {
                    if (spec.get(field) instanceof List<?> containers) {
                        for (Object c : containers) {
                            if (c instanceof Map<?, ?> container) {
                                found.add(new Container(
                                        kind,
                                        RenderedManifests.name(doc),
                                        String.valueOf(container.get("name")),
                                        String.valueOf(container.get("image"))));
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    private static Object podSpec(Map<String, Object> doc, String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "Pod" -> doc.get("spec");
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> path(doc, "spec", "template", "spec");
            case "CronJob" -> path(doc, "spec", "jobTemplate", "spec", "template", "spec");
            default -> null;
        };
    }

    private static Object path(Object node, String... keys) {
        for (String k : keys) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(k);
        }
        return node;
    }

    /** @return the image reference without digest and tag */
    public static String repositoryOf(String image) {
        String name = image;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name;
    }
}
