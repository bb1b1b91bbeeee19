package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A render split the way {@code helm upgrade --install} splits a release: CustomResourceDefinitions first, hooks that
 * run before the release's objects, the release's objects, hooks that run after them, and what a deploy never applies
 * ({@code helm test} hooks, delete and rollback hooks). Pure: no request; a deploy classifies before it contacts the
 * cluster, and picks the install or upgrade hooks once it knows whether the release was there.
 *
 * <p>The rules, each refused with a message naming the document (its position in the render, from 1) and the object:
 *
 * <ul>
 *   <li><b>CRDs</b>: every {@code CustomResourceDefinition} ({@code apiextensions.k8s.io}), which is what {@code helm
 *       template --include-crds} puts first from the chart's {@code crds/} folder. They are not release objects: never
 *       in the inventory, never pruned, never updated; see {@link CustomResourceDefinitions}.
 *   <li><b>Helm hooks</b> ({@value #HELM_HOOK}, a comma-separated list): {@code pre-install} / {@code pre-upgrade} run
 *       before the release's objects, {@code post-install} / {@code post-upgrade} after them; {@code test},
 *       {@code test-success} and {@code test-failure} are {@code helm test} hooks and never applied on deploy; the
 *       delete and rollback events never happen on a deploy, so such hooks are not applied either. Order: {@value
 *       #HELM_WEIGHT} (an integer, default 0, ascending), then name, then kind, as Helm sorts them. {@value
 *       #HELM_DELETE_POLICY}: {@code before-hook-creation} (the default when none is given), {@code hook-succeeded},
 *       {@code hook-failed}.
 *   <li><b>Argo CD hooks</b> ({@value #ARGO_HOOK}), which win over Helm's when an object has both, as in Argo CD:
 *       {@code PreSync} runs before the release's objects, {@code PostSync} after them (once they are ready when the
 *       deploy waits), {@code Skip} is never applied, {@code PreDelete} / {@code PostDelete} never happen on a deploy.
 *       {@code Sync} and {@code SyncFail} are refused: the plugin applies the release's objects in one step and has
 *       no failure phase to run them in. Order: {@value #ARGO_WAVE} (default 0), then name, then kind. {@value
 *       #ARGO_DELETE_POLICY}: {@code BeforeHookCreation} (default), {@code HookSucceeded}, {@code HookFailed}.
 *   <li><b>Release objects</b>: everything else, in render order, stably sorted by {@value #ARGO_WAVE} where one is
 *       given (Argo CD applies lower waves first).
 * </ul>
 */
public final class ReleasePhases {

    public static final String HELM_HOOK = "helm.sh/hook";
    public static final String HELM_WEIGHT = "helm.sh/hook-weight";
    public static final String HELM_DELETE_POLICY = "helm.sh/hook-delete-policy";
    public static final String ARGO_HOOK = "argocd.argoproj.io/hook";
    public static final String ARGO_WAVE = "argocd.argoproj.io/sync-wave";
    public static final String ARGO_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";

    /** When a hook object is deleted. */
    public enum DeletePolicy {
        /** The hook of the previous deploy is deleted before this one is created; the default. */
        BEFORE_HOOK_CREATION,
        /** Deleted once it succeeded. */
        HOOK_SUCCEEDED,
        /** Deleted once it failed. */
        HOOK_FAILED
    }

    /** When a hook runs. */
    enum When {
        BEFORE,
        AFTER
    }

    /**
     * One hook object.
     *
     * @param object the checked object (for the deploy's namespace)
     * @param phase how the chart names its phase, for messages: {@code pre-install}, {@code PreSync} …
     * @param weight the order among the hooks of one phase, ascending
     * @param deletePolicies when it is deleted; never empty
     */
    public record Hook(HasMetadata object, String phase, int weight, Set<DeletePolicy> deletePolicies) {

        /** @return for example {@code Job db-migrate (pre-install, weight -5)} */
        public String describe() {
            return object.getKind() + " " + object.getMetadata().getName() + " (" + phase + ", weight " + weight + ")";
        }
    }

    /** A hook before its phase is known: install and upgrade may differ. */
    private record Candidate(
            int index,
            String beforeInstall,
            String beforeUpgrade,
            String afterInstall,
            String afterUpgrade,
            int weight,
            Set<DeletePolicy> policies) {}

    private final List<Map<String, Object>> crds;
    private final List<HasMetadata> release;
    private final List<HasMetadata> hookObjects;
    private final List<Candidate> candidates;
    private final List<String> notApplied;

    private ReleasePhases(
            List<Map<String, Object>> crds,
            List<HasMetadata> release,
            List<HasMetadata> hookObjects,
            List<Candidate> candidates,
            List<String> notApplied) {
        this.crds = List.copyOf(crds);
        this.release = List.copyOf(release);
        this.hookObjects = List.copyOf(hookObjects);
        this.candidates = List.copyOf(candidates);
        this.notApplied = List.copyOf(notApplied);
    }

    /**
     * Splits a render for one namespace. The release's objects and the hooks that a deploy may apply are checked by
     * {@link KubernetesObjects#forNamespace} together (so a hook and a release object cannot share a name); CRDs and
     * hooks that are never applied are not.
     *
     * @param documents the rendered documents, as parsed from YAML; not changed
     * @throws IllegalArgumentException at the first document that breaks a rule
     */
    public static ReleasePhases of(String namespace, List<Map<String, Object>> documents) {
        List<Map<String, Object>> crds = new ArrayList<>();
        List<Object> applied = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Candidate> pending = new ArrayList<>();
        List<Integer> waves = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        List<Integer> origins = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Map<String, Object> document = documents.get(i);
            String where = "Document " + (i + 1) + ": " + document.get("kind") + " " + name(document);
            if (isCrd(document)) {
                crds.add(document);
                continue;
            }
            Map<String, String> annotations = annotations(document);
            Candidate hook;
            if (annotations.containsKey(ARGO_HOOK)) {
                hook = argoHook(where, annotations, applied.size(), notApplied);
            } else if (annotations.containsKey(HELM_HOOK)) {
                hook = helmHook(where, annotations, applied.size(), notApplied);
            } else {
                waves.add(integer(where, annotations, ARGO_WAVE));
                positions.add(applied.size());
                origins.add(i);
                applied.add(document);
                continue;
            }
            if (hook != null) {
                pending.add(hook);
                origins.add(i);
                applied.add(document);
            }
        }
        List<HasMetadata> checked;
        try {
            checked = KubernetesObjects.forNamespace(namespace, applied);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(renumbered(e.getMessage(), origins), e);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(waves::get)); // stable: render order within a wave
        List<HasMetadata> release = new ArrayList<>();
        for (int i : order) {
            release.add(checked.get(positions.get(i)));
        }
        List<HasMetadata> hookObjects = new ArrayList<>();
        for (Candidate c : pending) {
            hookObjects.add(checked.get(c.index()));
        }
        return new ReleasePhases(crds, release, hookObjects, pending, notApplied);
    }

    /** @return the CustomResourceDefinitions of the render, as documents */
    public List<Map<String, Object>> crds() {
        return crds;
    }

    /** @return the release's objects, checked for the namespace, in the order they are applied */
    public List<HasMetadata> release() {
        return release;
    }

    /** @return every hook object a deploy may apply, install or upgrade; for the ownership checks before writing */
    public List<HasMetadata> hookObjects() {
        return hookObjects;
    }

    /** @return release objects and hook objects: what a deploy checks for ownership before its first write */
    public List<HasMetadata> checkedForOwnership() {
        List<HasMetadata> all = new ArrayList<>(release);
        all.addAll(hookObjects);
        return all;
    }

    /** @return for the build log, each object a deploy never applies and why, for example {@code Pod t (helm.sh/hook: test)} */
    public List<String> notApplied() {
        return notApplied;
    }

    /** @return the hooks that run before the release's objects, in order; {@code install} for a first deploy */
    public List<Hook> before(boolean install) {
        return hooks(When.BEFORE, install);
    }

    /** @return the hooks that run after the release's objects, in order */
    public List<Hook> after(boolean install) {
        return hooks(When.AFTER, install);
    }

    private List<Hook> hooks(When when, boolean install) {
        List<Hook> hooks = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            String phase = when == When.BEFORE
                    ? (install ? c.beforeInstall() : c.beforeUpgrade())
                    : (install ? c.afterInstall() : c.afterUpgrade());
            if (phase != null) {
                hooks.add(new Hook(hookObjects.get(i), phase, c.weight(), c.policies()));
            }
        }
        hooks.sort(Comparator.comparingInt(Hook::weight)
                .thenComparing(h -> h.object().getMetadata().getName())
                .thenComparing(h -> h.object().getKind()));
        return hooks;
    }

    /** Messages of {@link KubernetesObjects#forNamespace} count the documents it saw: count those of the render. */
    private static String renumbered(String message, List<Integer> origins) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^Document (\\d+)").matcher(message);
        if (m.find()) {
            int seen = Integer.parseInt(m.group(1));
            if (seen >= 1 && seen <= origins.size()) {
                return "Document " + (origins.get(seen - 1) + 1) + message.substring(m.end());
            }
        }
        return message;
    }

    private static Candidate helmHook(String where, Map<String, String> annotations, int index, List<String> never) {
        Set<String> events = csv(annotations.get(HELM_HOOK));
        String shown = HELM_HOOK + ": " + String.join(",", events);
        for (String test : List.of("test", "test-success", "test-failure")) {
            if (events.contains(test)) {
                never.add(where + " (" + shown + ": run by helm test, never on deploy)");
                return null;
            }
        }
        String beforeInstall = events.contains("pre-install") ? "pre-install" : null;
        String beforeUpgrade = events.contains("pre-upgrade") ? "pre-upgrade" : null;
        String afterInstall = events.contains("post-install") ? "post-install" : null;
        String afterUpgrade = events.contains("post-upgrade") ? "post-upgrade" : null;
        if (beforeInstall == null && beforeUpgrade == null && afterInstall == null && afterUpgrade == null) {
            never.add(where + " (" + shown + ": not a deploy event)");
            return null;
        }
        int weight = integer(where, annotations, HELM_WEIGHT);
        Set<DeletePolicy> policies = policies(where, annotations.get(HELM_DELETE_POLICY), HELM_DELETE_POLICY, false);
        return new Candidate(index, beforeInstall, beforeUpgrade, afterInstall, afterUpgrade, weight, policies);
    }

    private static Candidate argoHook(String where, Map<String, String> annotations, int index, List<String> never) {
        Set<String> events = csv(annotations.get(ARGO_HOOK));
        String shown = ARGO_HOOK + ": " + String.join(",", events);
        for (String refused : List.of("Sync", "SyncFail")) {
            if (events.contains(refused)) {
                throw new IllegalArgumentException(where + " has " + shown + "; " + refused + " hooks are not"
                        + " supported (the release's objects are applied in one step, and there is no failure phase):"
                        + " use PreSync or PostSync, or a helm.sh/hook");
            }
        }
        if (events.contains("Skip")) {
            never.add(where + " (" + shown + ")");
            return null;
        }
        String before = events.contains("PreSync") ? "PreSync" : null;
        String after = events.contains("PostSync") ? "PostSync" : null;
        if (before == null && after == null) {
            never.add(where + " (" + shown + ": not a deploy event)");
            return null;
        }
        int weight = integer(where, annotations, ARGO_WAVE);
        Set<DeletePolicy> policies = policies(where, annotations.get(ARGO_DELETE_POLICY), ARGO_DELETE_POLICY, true);
        return new Candidate(index, before, before, after, after, weight, policies);
    }

    private static Set<DeletePolicy> policies(String where, String value, String annotation, boolean argo) {
        Set<DeletePolicy> policies = EnumSet.noneOf(DeletePolicy.class);
        for (String policy : csv(value)) {
            String key = argo ? policy : policy.replace("-", "");
            switch (key.toLowerCase(Locale.ROOT)) {
                case "beforehookcreation" -> policies.add(DeletePolicy.BEFORE_HOOK_CREATION);
                case "hooksucceeded" -> policies.add(DeletePolicy.HOOK_SUCCEEDED);
                case "hookfailed" -> policies.add(DeletePolicy.HOOK_FAILED);
                default ->
                    throw new IllegalArgumentException(where + " has " + annotation + " "
                            + PreviewInputs.quote(policy) + "; known: "
                            + (argo
                                    ? "BeforeHookCreation, HookSucceeded, HookFailed"
                                    : "before-hook-creation, hook-succeeded, hook-failed"));
            }
        }
        if (policies.isEmpty()) {
            policies.add(DeletePolicy.BEFORE_HOOK_CREATION);
        }
        return policies;
    }

    private static int integer(String where, Map<String, String> annotations, String annotation) {
        String value = annotations.get(annotation);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    where + " has " + annotation + " " + PreviewInputs.quote(value) + "; it must be an integer", e);
        }
    }

    private static Set<String> csv(String value) {
        Set<String> items = new LinkedHashSet<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    static boolean isCrd(Map<String, Object> document) {
        return "CustomResourceDefinition".equals(document.get("kind"))
                && document.get("apiVersion") instanceof String v
                && v.startsWith("apiextensions.k8s.io/");
    }

    private static String name(Map<String, Object> document) {
        return document.get("metadata") instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : "";
    }

    private static Map<String, String> annotations(Map<String, Object> document) {
        Map<String, String> result = new java.util.HashMap<>();
        if (document.get("metadata") instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a) {
            a.forEach((k, v) -> {
                if (k instanceof String key && v != null) {
                    result.put(key, String.valueOf(v));
                }
            });
        }
        return result;
    }
}
