package io.jenkins.plugins.environments.preview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline asked {@code deployPreview} for, exactly as written: nothing here is checked yet.
 * {@link PreviewPlanner} checks every value against the rules and the global configuration before anything runs.
 *
 * @param app the application, an RFC 1123 label
 * @param image {@code registry/repository@sha256:…}, or {@code registry/repository:tag} to be resolved once
 * @param chart a Helm chart folder in the workspace; exactly one of chart, kustomize and manifests
 * @param kustomize a kustomize overlay folder in the workspace
 * @param manifests a folder of plain YAML manifests in the workspace
 * @param values values files in the workspace, later files win (charts only)
 * @param set values placed as {@code helm --set} places them (typed), winning over files (charts only)
 * @param setString values placed as {@code --set-string} places them, winning over {@code set} (charts only)
 * @param setFile value paths and workspace files whose content each receives as a string, as {@code --set-file} does,
 *     winning over {@code setString} (charts only)
 * @param pr the pull request number as text
 * @param cluster a configured cluster's id, or {@code null} for the preview default
 * @param namespace a namespace template ({@code {app}}, {@code {number}}), or {@code null} for the default
 * @param host a host template, or {@code null} for the default
 * @param ttl how long the preview lives after this deploy, such as {@code 3d}, or {@code null} for the default
 * @param quota {@code cpu}, {@code memory} and {@code pods} overriding the default quota
 * @param waitForReady whether to wait until Deployments and StatefulSets are ready
 * @param timeout how long to wait, such as {@code 5m}, or {@code null} for 5 minutes
 * @param database {@code none}, {@code ephemeral} or {@code shared-schema}, or {@code null} for none
 * @param databaseManifests the folder of database manifests, for {@code ephemeral}
 * @param pinned whether the preview is kept out of the TTL sweep
 * @param buildUrl the URL of the build that deploys, or {@code null}
 * @param job the full name of the job that deploys, or {@code null}; used to tear previews down with their job
 * @param helm the helm executable, {@code helm} (found on the agent's PATH) when {@code null}
 * @param kubectl the kubectl executable, {@code kubectl} when {@code null}
 * @param imageFields further places that hold the app's image, as {@code Kind:dotted.path} (see
 *     {@link io.jenkins.plugins.environments.model.ImageFieldPath})
 */
public record PreviewRequest(
        String app,
        String image,
        String chart,
        String kustomize,
        String manifests,
        List<String> values,
        Map<String, String> set,
        Map<String, String> setString,
        Map<String, String> setFile,
        String pr,
        String cluster,
        String namespace,
        String host,
        String ttl,
        Map<String, String> quota,
        boolean waitForReady,
        String timeout,
        String database,
        String databaseManifests,
        boolean pinned,
        String buildUrl,
        String job,
        String helm,
        String kubectl,
        List<String> imageFields) {

    public PreviewRequest {
        imageFields = imageFields == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(imageFields));
        // Kept as written, nulls included: the planner refuses them with a message that names the parameter.
        values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
        setString =
                setString == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(setString));
        setFile = setFile == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(setFile));
        quota = quota == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quota));
    }

    /** @return a builder for a request for {@code app}, waiting for readiness by default */
    public static Builder builder(String app) {
        return new Builder(app);
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = new Builder(app);
        b.image = image;
        b.chart = chart;
        b.kustomize = kustomize;
        b.manifests = manifests;
        b.values = values;
        b.set = set;
        b.setString = setString;
        b.setFile = setFile;
        b.pr = pr;
        b.cluster = cluster;
        b.namespace = namespace;
        b.host = host;
        b.ttl = ttl;
        b.quota = quota;
        b.waitForReady = waitForReady;
        b.timeout = timeout;
        b.database = database;
        b.databaseManifests = databaseManifests;
        b.pinned = pinned;
        b.buildUrl = buildUrl;
        b.job = job;
        b.helm = helm;
        b.kubectl = kubectl;
        b.imageFields = imageFields;
        return b;
    }

    /** Builds a {@link PreviewRequest}; every setter takes the value as written. */
    public static final class Builder {
        private String app;
        private String image;
        private String chart;
        private String kustomize;
        private String manifests;
        private List<String> values;
        private List<String> imageFields;
        private Map<String, String> set;
        private Map<String, String> setString;
        private Map<String, String> setFile;
        private String pr;
        private String cluster;
        private String namespace;
        private String host;
        private String ttl;
        private Map<String, String> quota;
        private boolean waitForReady = true;
        private String timeout;
        private String database;
        private String databaseManifests;
        private boolean pinned;
        private String buildUrl;
        private String job;
        private String helm;
        private String kubectl;

        private Builder(String app) {
            this.app = app;
        }

        public Builder app(String app) {
            this.app = app;
            return this;
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder chart(String chart) {
            this.chart = chart;
            return this;
        }

        public Builder kustomize(String kustomize) {
            this.kustomize = kustomize;
            return this;
        }

        public Builder manifests(String manifests) {
            this.manifests = manifests;
            return this;
        }

        public Builder values(List<String> values) {
            this.values = values;
            return this;
        }

        public Builder set(Map<String, String> set) {
            this.set = set;
            return this;
        }

        public Builder setString(Map<String, String> setString) {
            this.setString = setString;
            return this;
        }

        public Builder setFile(Map<String, String> setFile) {
            this.setFile = setFile;
            return this;
        }

        public Builder pr(String pr) {
            this.pr = pr;
            return this;
        }

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder ttl(String ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder quota(Map<String, String> quota) {
            this.quota = quota;
            return this;
        }

        public Builder waitForReady(boolean waitForReady) {
            this.waitForReady = waitForReady;
            return this;
        }

        public Builder timeout(String timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder databaseManifests(String databaseManifests) {
            this.databaseManifests = databaseManifests;
            return this;
        }

        public Builder pinned(boolean pinned) {
            this.pinned = pinned;
            return this;
        }

        public Builder buildUrl(String buildUrl) {
            this.buildUrl = buildUrl;
            return this;
        }

        public Builder job(String job) {
            this.job = job;
            return this;
        }

        public Builder helm(String helm) {
            this.helm = helm;
            return this;
        }

        public Builder kubectl(String kubectl) {
            this.kubectl = kubectl;
            return this;
        }

        public Builder imageFields(List<String> imageFields) {
            this.imageFields = imageFields;
            return this;
        }

        public PreviewRequest build() {
            return new PreviewRequest(
                    app,
                    image,
                    chart,
                    kustomize,
                    manifests,
                    values,
                    set,
                    setString,
                    setFile,
                    pr,
                    cluster,
                    namespace,
                    host,
                    ttl,
                    quota,
                    waitForReady,
                    timeout,
                    database,
                    databaseManifests,
                    pinned,
                    buildUrl,
                    job,
                    helm,
                    kubectl,
                    imageFields);
        }
    }
}
