package io.jenkins.plugins.environments.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the last completed deploy into a preview namespace applied, kept in the namespace's annotation
 * {@value PreviewLabels#INVENTORY} so that the next deploy can prune without listing every kind.
 *
 * <p>The annotation value is compact JSON: the deploy, the namespace, a fingerprint of the render, and the objects
 * grouped by apiVersion (group and version) and kind, names sorted, for example {@code
 * {"deployId":"build-7","namespace":"pr-7","render":"3f…","objects":{"apps/v1":{"Deployment":["web","worker"]},
 * "v1":{"ConfigMap":["settings"]}}}}. Every kind is recorded, built-in or custom; pruning resolves each through
 * {@link ServedKinds}. An inventory written before the namespace and fingerprint were recorded still reads (as one of
 * its own namespace, without a fingerprint).
 *
 * <p><b>Size bound.</b> Kubernetes allows 256 KiB for all annotations of one object together; the inventory may take
 * at most {@link #MAX_BYTES} (128 KiB) of it, leaving the rest to the other annotations. Object names are label values
 * of at most 63 characters, so a name costs at most 66 bytes (quotes and comma): that is room for about 1,900 objects
 * with names of the maximal length, or about 5,000 with names of 20 characters. {@link PreviewNamespaces#apply} refuses
 * a larger render before sending anything.
 *
 * @param namespace the namespace it describes (not part of the annotation value)
 * @param deployId the deploy that wrote it; {@code null} only in the {@link #empty(String) empty} inventory
 * @param objects the objects applied, sorted by apiVersion, kind and name
 * @param render a fingerprint of what was applied apart from the deploy id ({@link ObjectApplier}), or {@code null}
 *     if unknown; equal fingerprints mean a rerun of the same render
 */
public record PreviewInventory(String namespace, String deployId, List<AppliedObject> objects, String render) {

    /** The largest annotation value, in UTF-8 bytes, that an inventory may take. */
    public static final int MAX_BYTES = 128 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOY_ID = "deployId";
    private static final String OBJECTS = "objects";
    private static final String NAMESPACE = "namespace";
    private static final String RENDER = "render";

    /**
     * One applied object.
     *
     * @param apiVersion as rendered, such as {@code apps/v1}
     * @param kind such as {@code Deployment}
     * @param name the object's name
     */
    public record AppliedObject(String apiVersion, String kind, String name) {

        /** @return the API group, {@code ""} for the core group */
        public String group() {
            return PreviewInventory.group(apiVersion);
        }

        /** Names the object whatever the version it was applied with: group, kind and name. */
        String identity() {
            return group() + "/" + kind + "/" + name;
        }
    }

    public PreviewInventory {
        PreviewInputs.namespace(namespace);
        if (deployId != null || !objects.isEmpty()) {
            PreviewInputs.labelValue("Deploy id", deployId);
        }
        objects = objects.stream()
                .sorted(Comparator.comparing(AppliedObject::apiVersion)
                        .thenComparing(AppliedObject::kind)
                        .thenComparing(AppliedObject::name))
                .toList();
    }

    /** An inventory without a render fingerprint. */
    public PreviewInventory(String namespace, String deployId, List<AppliedObject> objects) {
        this(namespace, deployId, objects, null);
    }

    /**
     * The inventory of a namespace that no deploy has applied anything into: the one {@link
     * PreviewNamespaces#ensureNamespace} answers when its apply has just created the namespace. Handed to {@link
     * PreviewNamespaces#apply(PreviewNamespaceSpec, String, List, PreviewInventory) apply}, it prunes nothing and lists
     * nothing. It is never written into the annotation; the deploy writes its own inventory.
     */
    public static PreviewInventory empty(String namespace) {
        return new PreviewInventory(namespace, null, List.of());
    }

    /** The inventory of {@code applied}, objects already checked by {@link PreviewNamespaces#apply}. */
    static PreviewInventory of(String namespace, String deployId, List<HasMetadata> applied, String render) {
        List<AppliedObject> objects = new ArrayList<>();
        for (HasMetadata object : applied) {
            objects.add(new AppliedObject(
                    object.getApiVersion(),
                    object.getKind(),
                    object.getMetadata().getName()));
        }
        return new PreviewInventory(namespace, deployId, objects, render);
    }

    /** @return the annotation value */
    String annotationValue() {
        Map<String, Map<String, TreeSet<String>>> grouped = new TreeMap<>();
        for (AppliedObject object : objects) {
            grouped.computeIfAbsent(object.apiVersion(), v -> new TreeMap<>())
                    .computeIfAbsent(object.kind(), k -> new TreeSet<>())
                    .add(object.name());
        }
        ObjectNode root = JSON.createObjectNode();
        root.put(DEPLOY_ID, deployId);
        root.put(NAMESPACE, namespace);
        if (render != null) {
            root.put(RENDER, render);
        }
        ObjectNode byVersion = root.putObject(OBJECTS);
        grouped.forEach((apiVersion, kinds) -> {
            ObjectNode byKind = byVersion.putObject(apiVersion);
            kinds.forEach((kind, names) -> {
                ArrayNode array = byKind.putArray(kind);
                names.forEach(array::add);
            });
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the inventory of namespace " + namespace, e);
        }
    }

    /**
     * @return the value, if it fits {@link #MAX_BYTES}
     * @throws IllegalArgumentException naming the deploy, the count and the size, otherwise
     */
    String boundedAnnotationValue() {
        String value = annotationValue();
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("Deploy " + deployId + " has " + objects.size()
                    + " objects; their inventory would take " + bytes + " bytes, more than the " + MAX_BYTES
                    + " bytes allowed in annotation " + PreviewLabels.INVENTORY + " of namespace " + namespace);
        }
        return value;
    }

    /**
     * Reads an annotation value. Anything that is not an inventory as {@link #annotationValue()} writes it (edited by
     * hand, cut short, a name that is not a label value) reads as none, so the deploy falls back to pruning by labels.
     *
     * @param value the annotation value, or {@code null} if the namespace has none
     */
    static Optional<PreviewInventory> read(String namespace, String value) {
        if (value == null || value.length() > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(value);
            if (root == null
                    || !root.path(DEPLOY_ID).isTextual()
                    || !(root.get(OBJECTS) instanceof ObjectNode byVersion)) {
                return Optional.empty();
            }
            if (root.has(NAMESPACE) && !namespace.equals(root.get(NAMESPACE).asText())) {
                return Optional.empty();
            }
            String render = root.path(RENDER).isTextual() ? root.get(RENDER).asText() : null;
            List<AppliedObject> objects = new ArrayList<>();
            for (Map.Entry<String, JsonNode> version : byVersion.properties()) {
                if (!(version.getValue() instanceof ObjectNode byKind)) {
                    return Optional.empty();
                }
                for (Map.Entry<String, JsonNode> kind : byKind.properties()) {
                    if (!(kind.getValue() instanceof ArrayNode names)) {
                        return Optional.empty();
                    }
                    for (JsonNode name : names) {
                        if (!name.isTextual()) {
                            return Optional.empty();
                        }
                        PreviewInputs.labelValue("Name", name.asText());
                        objects.add(new AppliedObject(version.getKey(), kind.getKey(), name.asText()));
                    }
                }
            }
            return Optional.of(
                    new PreviewInventory(namespace, root.get(DEPLOY_ID).asText(), objects, render));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String group(String apiVersion) {
        int slash = apiVersion.lastIndexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
