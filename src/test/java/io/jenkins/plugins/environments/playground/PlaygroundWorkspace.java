package io.jenkins.plugins.environments.playground;

import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The checkout a pipeline would have: a Helm chart that previews render ({@code chart/}) and plain manifests the
 * {@code deploy} strategy applies ({@code k8s/<app>/}), with tools that run helm and kubectl in a home of their own.
 */
final class PlaygroundWorkspace {

    private PlaygroundWorkspace() {}

    /**
     * @param folder the workspace folder, created
     * @param buildsHost the registry the manifests' images come from
     */
    static PreviewTools write(Path folder, String buildsHost) throws IOException {
        write(folder, "chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.3.0\n");
        write(folder, "chart/values.yaml", "image: " + buildsHost + "/team/app:latest\npreview:\n  host: localhost\n");
        write(folder, "chart/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: {{ .Release.Name }}}
                  template:
                    metadata:
                      labels: {app: {{ .Release.Name }}}
                    spec:
                      containers:
                        - name: web
                          image: {{ .Values.image }}
                """);
        write(folder, "chart/templates/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  selector: {app: {{ .Release.Name }}}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        write(folder, "chart/templates/ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  rules:
                    - host: {{ .Values.preview.host }}
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service: {name: {{ .Release.Name }}, port: {number: 80}}
                """);
        write(folder, "k8s/inventory/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inventory
                  labels: {app.kubernetes.io/name: inventory}
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app.kubernetes.io/name: inventory}
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: inventory}
                    spec:
                      containers:
                        - name: web
                          image: %s/team/inventory:latest
                """.formatted(buildsHost));
        Path home = Files.createDirectories(folder.resolveSibling("tool-home"));
        return new PreviewTools(
                new ProcessCommandRunner(),
                new LocalWorkspace(folder),
                Map.of(
                        "HOME", home.toString(),
                        "XDG_CONFIG_HOME", home.resolve("config").toString(),
                        "XDG_CACHE_HOME", home.resolve("cache").toString(),
                        "XDG_DATA_HOME", home.resolve("data").toString(),
                        "KUBECONFIG", home.resolve("kubeconfig").toString()));
    }

    private static void write(Path folder, String relative, String text) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
