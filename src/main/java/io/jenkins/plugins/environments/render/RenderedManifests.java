package io.jenkins.plugins.environments.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Rendered Kubernetes objects, in render order. */
public final class RenderedManifests {

    private final List<Map<String, Object>> documents;

    public RenderedManifests(List<Map<String, Object>> documents) {
        this.documents = List.copyOf(documents);
    }

    /** Parses multi-document YAML with plain types only; empty documents are skipped. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parse(String yaml, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml parser = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> result = new ArrayList<>();
        try {
            for (Object doc : parser.loadAll(yaml)) {
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map<?, ?> map)) {
                    throw new RenderException(origin + ": a document is not a mapping");
                }
                result.add((Map<String, Object>) map);
            }
        } catch (YAMLException e) {
            throw new RenderException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        return result;
    }

    public List<Map<String, Object>> documents() {
        return documents;
    }

    public int size() {
        return documents.size();
    }

    public Map<String, Object> get(int index) {
        return documents.get(index);
    }

    public static String kind(Map<String, Object> doc) {
        return doc.get("kind") instanceof String s ? s : null;
    }

    public static String apiVersion(Map<String, Object> doc) {
        return doc.get("apiVersion") instanceof String s ? s : null;
    }

    public static String name(Map<String, Object> doc) {
        return doc.get("metadata") instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : null;
    }

    /** @return the first document of that kind and name, or null */
    public Map<String, Object> find(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(kind(d)) && name.equals(name(d)))
                .findFirst()
                .orElse(null);
    }

    /** @return a deep, mutable copy of the documents, for changes that leave the input as it was */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> deepCopy(List<Map<String, Object>> docs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> d : docs) {
            out.add((Map<String, Object>) copy(d));
        }
        return out;
    }

    private static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(k, copy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(copy(v)));
            return c;
        }
        return o;
    }

    @Override
    public String toString() {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(kind(d) + "/" + name(d)));
        return "RenderedManifests" + ids;
    }
}
