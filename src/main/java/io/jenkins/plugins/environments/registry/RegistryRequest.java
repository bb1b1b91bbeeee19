package io.jenkins.plugins.environments.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to a registry, replayable so that it can be sent again after authenticating.
 *
 * @param method the HTTP method
 * @param target a path on the registry, such as {@code /v2/app/manifests/1.0}, or an absolute URL that the registry
 *     returned (such as an upload {@code Location}); credentials go only to the registry's own scheme, host and port
 * @param headers extra headers, such as {@code Accept} or {@code Content-Type}
 * @param body the request body, or {@code null} for none
 */
public record RegistryRequest(String method, String target, Map<String, String> headers, byte[] body) {

    public RegistryRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static RegistryRequest get(String target) {
        return new RegistryRequest("GET", target, Map.of(), null);
    }

    public static RegistryRequest head(String target) {
        return new RegistryRequest("HEAD", target, Map.of(), null);
    }

    public static RegistryRequest delete(String target) {
        return new RegistryRequest("DELETE", target, Map.of(), null);
    }

    public static RegistryRequest post(String target, String contentType, byte[] body) {
        return new RegistryRequest("POST", target, Map.of("Content-Type", contentType), body);
    }

    public static RegistryRequest put(String target, String contentType, byte[] body) {
        return new RegistryRequest("PUT", target, Map.of("Content-Type", contentType), body);
    }

    /** This request with one more header (or a header replaced). */
    public RegistryRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new RegistryRequest(method, target, more, body);
    }

    @Override
    public String toString() {
        // The query is left out: upload locations and pre-signed URLs carry state and signatures there.
        int query = target.indexOf('?');
        return method + " " + (query < 0 ? target : target.substring(0, query));
    }
}
