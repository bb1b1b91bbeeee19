package io.jenkins.plugins.environments.preview;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deploy did.
 *
 * @param cluster the cluster's id
 * @param namespace the preview's namespace
 * @param url {@code https://} and the preview's host
 * @param digest the digest every container of the image now runs
 * @param expiresAt when the TTL sweep may remove the preview
 * @param applied the objects applied, as {@code Kind name}
 * @param pruned the objects of earlier deploys removed, as {@code Kind name}
 * @param schema the shared schema's name, or {@code null}
 */
public record PreviewResult(
        String cluster,
        String namespace,
        String url,
        String digest,
        Instant expiresAt,
        List<String> applied,
        List<String> pruned,
        String schema) {

    public PreviewResult {
        applied = List.copyOf(applied);
        pruned = List.copyOf(pruned);
    }

    /** @return what {@code deployPreview} returns to the pipeline: namespace, url, digest, expiresAt (ISO-8601) */
    public Map<String, Object> toStepResult() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("namespace", namespace);
        map.put("url", url);
        map.put("digest", digest);
        map.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        map.put("cluster", cluster);
        if (schema != null) {
            map.put("schema", schema);
        }
        return map;
    }
}
