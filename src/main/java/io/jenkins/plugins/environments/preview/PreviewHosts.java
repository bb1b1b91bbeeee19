package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.render.RenderedManifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Points the rendered Ingresses at the preview's own host: every rule's {@code host}, and every TLS entry's
 * {@code hosts}, become the preview host. Charts also get the host as the value {@value PreviewPlanner#HOST_KEY};
 * kustomize overlays and plain manifests get it only this way.
 */
final class PreviewHosts {

    private PreviewHosts() {}

    /** @return copies of the documents, Ingresses rewritten */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> point(RenderedManifests manifests, String host) {
        List<Map<String, Object>> documents = RenderedManifests.deepCopy(manifests.documents());
        for (Map<String, Object> document : documents) {
            if (!"Ingress".equals(RenderedManifests.kind(document))
                    || !(document.get("spec") instanceof Map<?, ?> spec)) {
                continue;
            }
            if (spec.get("rules") instanceof List<?> rules) {
                for (Object rule : rules) {
                    if (rule instanceof Map<?, ?> map) {
                        ((Map<String, Object>) map).put("host", host);
                    }
                }
            }
            if (spec.get("tls") instanceof List<?> tls) {
                for (Object entry : tls) {
                    if (entry instanceof Map<?, ?> map) {
                        ((Map<String, Object>) map).put("hosts", new ArrayList<>(List.of(host)));
                    }
                }
            }
        }
        return documents;
    }
}
