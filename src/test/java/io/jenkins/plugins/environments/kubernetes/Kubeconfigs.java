package io.jenkins.plugins.environments.kubernetes;

/** Kubeconfig files for tests, written as text. */
final class Kubeconfigs {

    private Kubeconfigs() {}

    /** A kubeconfig whose current context {@code dev} uses the cluster and user given as YAML bodies. */
    static String of(String clusterBody, String userBody) {
        return """
                apiVersion: v1
                kind: Config
                current-context: dev
                contexts:
                - name: other
                  context:
                    cluster: other-cluster
                    user: other-user
                - name: dev
                  context:
                    cluster: dev-cluster
                    user: dev-user
                    namespace: team-a
                clusters:
                - name: other-cluster
                  cluster:
                    server: https://other.invalid:6443
                - name: dev-cluster
                  cluster:
                %s
                users:
                - name: other-user
                  user:
                    token: other-token
                - name: dev-user
                  user:
                %s
                """.formatted(indent(clusterBody), indent(userBody));
    }

    static String withToken(String server, String token) {
        return of("server: " + server, "token: " + token);
    }

    private static String indent(String body) {
        return body.lines()
                .map(line -> "    " + line)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }
}
