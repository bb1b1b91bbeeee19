package io.jenkins.plugins.environments.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A chart shaped like the ones teams bring (a web app with database migrations): a {@code crds/} folder with one
 * CustomResourceDefinition, a Deployment and a Service, two pre-install/pre-upgrade migration Jobs (weights -5 and 0),
 * a ConfigMap seeded on install only, an Argo CD {@code PreSync} Job (wave -1), a post-install/post-upgrade
 * notification Job, two {@code helm test} Pods (the current {@code test} and the legacy {@code test-success}), a
 * {@code pre-delete} clean-up Job and an Argo CD {@code Skip} ConfigMap. Every Job and the Deployment use the app's
 * image, from {@code .Values.image}.
 */
public final class HookedChart {

    /** The hook Jobs and Pods, for assertions. */
    public static final String MIGRATE_SCHEMA = "migrate-schema";

    public static final String MIGRATE_DATA = "migrate-data";
    public static final String ARGO_PRESYNC = "warm-cache";
    public static final String NOTIFY = "notify";
    public static final String SEED = "seed";
    public static final String TEST_POD = "test-connection";
    public static final String LEGACY_TEST_POD = "legacy-test";
    public static final String CLEANUP = "cleanup";
    public static final String SKIPPED = "skipped-by-argo";
    public static final String CRD = "widgets.example.com";

    private HookedChart() {}

    /** Writes the chart into {@code folder} (created), its {@code image} value set to {@code image}. */
    public static void write(Path folder, String image) throws IOException {
        Map<String, String> files = Map.ofEntries(
                Map.entry("Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.2.0\n"),
                Map.entry("values.yaml", "image: " + image + "\nreplicas: 1\npreview:\n  host: shop.example.com\n"),
                Map.entry("crds/widgets.yaml", """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata:
                          name: widgets.example.com
                        spec:
                          group: example.com
                          names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
                          scope: Namespaced
                          versions:
                            - name: v1
                              served: true
                              storage: true
                              schema:
                                openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                        """),
                Map.entry("templates/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: {{ .Release.Name }}
                        spec:
                          replicas: {{ .Values.replicas }}
                          selector:
                            matchLabels: {app: {{ .Release.Name }}}
                          template:
                            metadata:
                              labels: {app: {{ .Release.Name }}}
                            spec:
                              containers:
                                - name: web
                                  image: {{ .Values.image }}
                        """),
                Map.entry("templates/service.yaml", """
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: {{ .Release.Name }}
                        spec:
                          selector: {app: {{ .Release.Name }}}
                          ports: [{port: 80}]
                        """),
                Map.entry("templates/hooks/migrate-schema.yaml", job(MIGRATE_SCHEMA, """
                            "helm.sh/hook": pre-install,pre-upgrade
                            "helm.sh/hook-weight": "-5"
                        """)),
                Map.entry("templates/hooks/migrate-data.yaml", job(MIGRATE_DATA, """
                            "helm.sh/hook": pre-upgrade,pre-install
                            "helm.sh/hook-weight": "0"
                            "helm.sh/hook-delete-policy": hook-succeeded
                        """)),
                Map.entry("templates/hooks/seed.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: seed
                          annotations:
                            "helm.sh/hook": pre-install
                            "helm.sh/hook-weight": "3"
                        data: {rows: "10"}
                        """),
                Map.entry("templates/hooks/warm-cache.yaml", job(ARGO_PRESYNC, """
                            "argocd.argoproj.io/hook": PreSync
                            "argocd.argoproj.io/sync-wave": "-1"
                            "argocd.argoproj.io/hook-delete-policy": HookSucceeded
                        """)),
                Map.entry("templates/hooks/notify.yaml", job(NOTIFY, """
                            "helm.sh/hook": post-install,post-upgrade
                            "helm.sh/hook-delete-policy": hook-succeeded,hook-failed
                        """)),
                Map.entry("templates/hooks/cleanup.yaml", job(CLEANUP, """
                            "helm.sh/hook": pre-delete
                        """)),
                Map.entry("templates/skipped.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: skipped-by-argo
                          annotations:
                            argocd.argoproj.io/hook: Skip
                        data: {a: b}
                        """),
                Map.entry("templates/tests/test-connection.yaml", pod(TEST_POD, "test")),
                Map.entry("templates/tests/legacy-test.yaml", pod(LEGACY_TEST_POD, "test-success")));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }

    private static String job(String name, String annotations) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                  annotations:
                %s
                spec:
                  backoffLimit: 1
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: task
                          image: {{ .Values.image }}
                          args: [%s]
                """.formatted(name, annotations.stripTrailing(), name);
    }

    private static String pod(String name, String hook) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  annotations:
                    "helm.sh/hook": %s
                spec:
                  restartPolicy: Never
                  containers:
                    - name: check
                      image: docker.io/library/busybox:1.36
                      args: [wget, "{{ .Release.Name }}:80"]
                """.formatted(name, hook);
    }
}
