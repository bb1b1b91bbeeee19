package io.jenkins.plugins.environments.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents of a Kubernetes 1.33 API server for the built-in kinds that environment tests touch:
 * {@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/GROUP} and {@code /apis/GROUP/VERSION} for the core
 * group, {@code apps}, {@code autoscaling} ({@code v2}), {@code batch}, {@code networking.k8s.io}, {@code policy} and
 * {@code rbac.authorization.k8s.io}.
 *
 * <p><b>Custom kinds.</b> The cluster also serves three kinds as if their CRDs were installed ({@link #CUSTOM}): {@code
 * argoproj.io/v1alpha1} {@code Rollout} and {@code monitoring.coreos.com/v1} {@code ServiceMonitor} (namespaced), and
 * {@code cert-manager.io/v1} {@code ClusterIssuer} (cluster-scoped). Any other custom group-version answers 404, as an
 * API server without the CRD does: {@code cert-manager.io/v1 Certificate}, for example, is not served. {@link
 * #stopServing} removes a group-version from discovery, as deleting a CRD does (the stored objects stay, unlike on a
 * real server). fabric8's CRUD mode stores and deletes custom resources by path like any other.
 *
 * <p>Each resource is listed with its kind, scope, verbs and short names as a real server reports them; kinds with
 * a status sub-resource also list {@code PLURAL/status} (verbs get, patch, update). Aggregated discovery
 * ({@code application/json;g=apidiscovery.k8s.io}) is not offered; clients fall back to these documents.
 */
final class BuiltInApiDiscovery {

    private static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> NO_DELETECOLLECTION =
            List.of("create", "delete", "get", "list", "patch", "update", "watch");
    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    /** One row of the discovery table. */
    private record Kind(
            String groupVersion,
            String plural,
            String kind,
            boolean namespaced,
            boolean status,
            String... shortNames) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("v1", "configmaps", "ConfigMap", true, false, "cm"),
            new Kind("v1", "endpoints", "Endpoints", true, false, "ep"),
            new Kind("v1", "events", "Event", true, false, "ev"),
            new Kind("v1", "limitranges", "LimitRange", true, false, "limits"),
            new Kind("v1", "namespaces", "Namespace", false, true, "ns"),
            new Kind("v1", "nodes", "Node", false, true, "no"),
            new Kind("v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, true, "pvc"),
            new Kind("v1", "persistentvolumes", "PersistentVolume", false, true, "pv"),
            new Kind("v1", "pods", "Pod", true, true, "po"),
            new Kind("v1", "resourcequotas", "ResourceQuota", true, true, "quota"),
            new Kind("v1", "secrets", "Secret", true, false),
            new Kind("v1", "serviceaccounts", "ServiceAccount", true, false, "sa"),
            new Kind("v1", "services", "Service", true, true, "svc"),
            new Kind("apps/v1", "controllerrevisions", "ControllerRevision", true, false),
            new Kind("apps/v1", "daemonsets", "DaemonSet", true, true, "ds"),
            new Kind("apps/v1", "deployments", "Deployment", true, true, "deploy"),
            new Kind("apps/v1", "replicasets", "ReplicaSet", true, true, "rs"),
            new Kind("apps/v1", "statefulsets", "StatefulSet", true, true, "sts"),
            new Kind("batch/v1", "cronjobs", "CronJob", true, true, "cj"),
            new Kind("batch/v1", "jobs", "Job", true, true),
            new Kind("networking.k8s.io/v1", "ingressclasses", "IngressClass", false, false),
            new Kind("networking.k8s.io/v1", "ingresses", "Ingress", true, true, "ing"),
            new Kind("networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", true, false, "netpol"),
            new Kind("policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", true, true, "pdb"),
            new Kind("rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding", false, false),
            new Kind("rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", false, false),
            new Kind("rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true, false),
            new Kind("rbac.authorization.k8s.io/v1", "roles", "Role", true, false),
            new Kind("autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, true, "hpa"),
            new Kind("argoproj.io/v1alpha1", "rollouts", "Rollout", true, true, "ro"),
            new Kind("monitoring.coreos.com/v1", "servicemonitors", "ServiceMonitor", true, false, "smon"),
            new Kind("cert-manager.io/v1", "clusterissuers", "ClusterIssuer", false, true));

    /** The group-versions of {@link #KINDS} that stand for installed CRDs. */
    static final List<String> CUSTOM =
            List.of("argoproj.io/v1alpha1", "monitoring.coreos.com/v1", "cert-manager.io/v1");

    private final ObjectMapper json;
    private final Map<String, String> documents = Collections.synchronizedMap(new LinkedHashMap<>());

    BuiltInApiDiscovery(ObjectMapper json) {
        this.json = json;
        ObjectNode versions = object("APIVersions");
        versions.putArray("versions").add("v1");
        documents.put("/api", versions.toString());

        ObjectNode groupList = object("APIGroupList");
        groupList.put("apiVersion", "v1");
        ArrayNode groups = groupList.putArray("groups");
        Map<String, List<Kind>> byGroupVersion = new LinkedHashMap<>();
        for (Kind kind : KINDS) {
            byGroupVersion
                    .computeIfAbsent(kind.groupVersion(), gv -> new ArrayList<>())
                    .add(kind);
        }
        byGroupVersion.forEach((groupVersion, kinds) -> {
            boolean core = !groupVersion.contains("/");
            documents.put(
                    (core ? "/api/" : "/apis/") + groupVersion,
                    resourceList(groupVersion, kinds).toString());
            if (!core) {
                ObjectNode group = group(groupVersion);
                groups.add(group);
                ObjectNode single = group.deepCopy();
                single.put("kind", "APIGroup");
                single.put("apiVersion", "v1");
                documents.put("/apis/" + single.get("name").asText(), single.toString());
            }
        });
        documents.put("/apis", groupList.toString());
    }

    /**
     * Stops serving a group-version: {@code /apis/GROUP/VERSION} answers 404 from now on, as after its CRD was deleted.
     *
     * @param groupVersion such as {@code argoproj.io/v1alpha1}
     */
    void stopServing(String groupVersion) {
        documents.remove("/apis/" + groupVersion);
    }

    /**
     * @param path a request path without query string
     * @return the JSON discovery document served at that path, if it is a discovery path
     */
    Optional<String> document(String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Optional.ofNullable(documents.get(normalized));
    }

    private ObjectNode resourceList(String groupVersion, List<Kind> kinds) {
        ObjectNode list = object("APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (Kind kind : kinds) {
            ObjectNode resource = resources.addObject();
            resource.put("name", kind.plural());
            resource.put("singularName", kind.kind().toLowerCase(Locale.ROOT));
            resource.put("namespaced", kind.namespaced());
            resource.put("kind", kind.kind());
            List<String> verbs = "namespaces".equals(kind.plural()) ? NO_DELETECOLLECTION : ALL_VERBS;
            verbs.forEach(resource.putArray("verbs")::add);
            if (kind.shortNames().length > 0) {
                List.of(kind.shortNames()).forEach(resource.putArray("shortNames")::add);
            }
            if (kind.status()) {
                ObjectNode status = resources.addObject();
                status.put("name", kind.plural() + "/status");
                status.put("singularName", "");
                status.put("namespaced", kind.namespaced());
                status.put("kind", kind.kind());
                STATUS_VERBS.forEach(status.putArray("verbs")::add);
            }
        }
        return list;
    }

    private ObjectNode group(String groupVersion) {
        String[] parts = groupVersion.split("/");
        ObjectNode group = json.createObjectNode();
        group.put("name", parts[0]);
        ObjectNode version = json.createObjectNode();
        version.put("groupVersion", groupVersion);
        version.put("version", parts[1]);
        group.putArray("versions").add(version);
        group.set("preferredVersion", version.deepCopy());
        return group;
    }

    private ObjectNode object(String kind) {
        ObjectNode node = json.createObjectNode();
        node.put("kind", kind);
        return node;
    }
}
