package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which kinds a cluster serves, and under which resource: what pruning and apply need to address an object of any
 * kind, built-in or custom, by its apiVersion and kind alone.
 *
 * <p><b>Known without asking.</b> A kind of a generally available built-in API version ({@link #STABLE}: {@code v1},
 * {@code apps/v1}, {@code batch/v1}, {@code networking.k8s.io/v1}, {@code policy/v1}, {@code
 * rbac.authorization.k8s.io/v1}, {@code autoscaling/v1} and {@code /v2}, {@code coordination.k8s.io/v1}, {@code
 * discovery.k8s.io/v1}) for which the client has a class is resolved from that class: the Kubernetes deprecation policy
 * never removes a GA version within major version 1, and every one of these is served from Kubernetes 1.23 on. No
 * request.
 *
 * <p><b>Discovery.</b> Any other apiVersion (a custom resource's, a beta version) is looked up by one discovery read of
 * its group-version ({@code GET /apis/GROUP/VERSION}); the answer is cached for the lifetime of the client, so a deploy
 * pays it once per custom group-version, and a client used for several deploys pays it once. A group-version the
 * cluster does not serve (404), or one that does not list the kind, makes the kind unserved.
 *
 * <p>One instance per client ({@link #of}); safe for concurrent use.
 */
final class ServedKinds {

    /** The GA built-in group-versions whose kinds are resolved without discovery. */
    static final Set<String> STABLE = Set.of(
            "v1",
            "apps/v1",
            "batch/v1",
            "networking.k8s.io/v1",
            "policy/v1",
            "rbac.authorization.k8s.io/v1",
            "autoscaling/v1",
            "autoscaling/v2",
            "coordination.k8s.io/v1",
            "discovery.k8s.io/v1");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<KubernetesClient, ServedKinds> BY_CLIENT =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Weak, so that the map keyed by the client lets a closed client go. */
    private final WeakReference<KubernetesClient> client;
    /** Discovery answers by group-version; an empty list for a group-version the cluster does not serve. */
    private final Map<String, List<APIResource>> discovered = new HashMap<>();

    private ServedKinds(KubernetesClient client) {
        this.client = new WeakReference<>(client);
    }

    /** @return the instance of {@code client}, with what it has discovered so far */
    static ServedKinds of(KubernetesClient client) {
        return BY_CLIENT.computeIfAbsent(client, ServedKinds::new);
    }

    /**
     * The resource of a kind as the cluster serves it.
     *
     * @return empty if the cluster does not serve {@code kind} in {@code apiVersion}
     * @throws KubernetesClientException if discovery fails for another reason than 404
     */
    Optional<ResourceDefinitionContext> resolve(String apiVersion, String kind) {
        if (STABLE.contains(apiVersion)) {
            Optional<Class<? extends HasMetadata>> type = typed(apiVersion, kind);
            if (type.isPresent()) {
                return Optional.of(ResourceDefinitionContext.fromResourceType(type.get()));
            }
        }
        for (APIResource resource : discover(apiVersion)) {
            if (kind.equals(resource.getKind()) && !resource.getName().contains("/")) {
                return Optional.of(ResourceDefinitionContext.fromApiResource(apiVersion, resource));
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses objects of kinds the cluster does not serve, or serves cluster-scoped, before anything is written: at most
     * one discovery read per group-version that is not {@link #STABLE}.
     *
     * @throws UnservedKindException naming every such kind, with its apiVersion
     */
    void requireServed(List<? extends HasMetadata> objects) {
        Set<String> unserved = new LinkedHashSet<>();
        Set<String> clusterScoped = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (HasMetadata object : objects) {
            String apiVersion = object.getApiVersion();
            String kind = object.getKind();
            if (!seen.add(apiVersion + " " + kind)) {
                continue;
            }
            Optional<ResourceDefinitionContext> resource = resolve(apiVersion, kind);
            if (resource.isEmpty()) {
                unserved.add(kind + " (" + apiVersion + ")");
            } else if (!resource.get().isNamespaceScoped()) {
                clusterScoped.add(kind + " (" + apiVersion + ")");
            }
        }
        if (!unserved.isEmpty() || !clusterScoped.isEmpty()) {
            throw new UnservedKindException(new ArrayList<>(unserved), new ArrayList<>(clusterScoped));
        }
    }

    private synchronized List<APIResource> discover(String apiVersion) {
        List<APIResource> known = discovered.get(apiVersion);
        if (known != null) {
            return known;
        }
        List<APIResource> resources;
        try {
            KubernetesClient current = client.get();
            if (current == null) {
                throw new IllegalStateException("The client of this discovery was closed and collected");
            }
            APIResourceList list = current.getApiResources(apiVersion);
            resources = list == null || list.getResources() == null ? List.of() : List.copyOf(list.getResources());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            resources = List.of();
        }
        discovered.put(apiVersion, resources);
        return resources;
    }

    /** @return the client's class for the kind, if it has one; no request */
    @SuppressWarnings("unchecked")
    private static Optional<Class<? extends HasMetadata>> typed(String apiVersion, String kind) {
        KubernetesResource converted = SERIALIZATION.convertValue(
                Map.of("apiVersion", apiVersion, "kind", kind, "metadata", Map.of("name", "x")),
                KubernetesResource.class);
        if (converted instanceof HasMetadata && !(converted instanceof GenericKubernetesResource)) {
            return Optional.of((Class<? extends HasMetadata>) converted.getClass());
        }
        return Optional.empty();
    }
}
