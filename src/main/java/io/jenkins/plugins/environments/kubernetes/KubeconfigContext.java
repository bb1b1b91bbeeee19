package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cluster and user that a kubeconfig file's current context points at.
 *
 * <p>Only data embedded in the file is used. A user that runs a command ({@code exec}, {@code auth-provider}) or that
 * refers to files ({@code tokenFile}, {@code client-certificate}, {@code client-key}, a cluster's
 * {@code certificate-authority}) is refused: the file comes from a credential and must not make the Jenkins
 * controller run programs or read its own files. {@code proxy-url} and {@code tls-server-name} are ignored.
 *
 * @param server the cluster's server URL, or {@code null}
 * @param caCertificateData the cluster's {@code certificate-authority-data} (Base64 PEM), or {@code null}
 * @param insecureSkipTlsVerify the cluster's {@code insecure-skip-tls-verify}
 * @param namespace the context's namespace, or {@code null}
 * @param user the authentication data of the context's user
 */
record KubeconfigContext(
        String server, String caCertificateData, boolean insecureSkipTlsVerify, String namespace, AuthInfo user) {

    /**
     * Reads the current context of a kubeconfig file.
     *
     * @param describe how messages name the cluster and credentials, such as {@code Cluster 'dev' (credentials 'x')}
     */
    static KubeconfigContext read(char[] fileContent, String describe) throws ClusterAccessException {
        Config file = parse(fileContent, describe);
        NamedContext named = currentContext(file, describe);
        Context context = named.getContext();
        if (context == null || context.getUser() == null) {
            throw new ClusterAccessException(describe + ": kubeconfig context '" + named.getName() + "' has no user");
        }
        AuthInfo user = find(file.getUsers(), NamedAuthInfo::getName, context.getUser())
                .map(NamedAuthInfo::getUser)
                .orElseThrow(() ->
                        new ClusterAccessException(describe + ": kubeconfig has no user '" + context.getUser() + "'"));
        Cluster cluster = context.getCluster() == null
                ? null
                : find(file.getClusters(), NamedCluster::getName, context.getCluster())
                        .map(NamedCluster::getCluster)
                        .orElse(null);
        checkEmbeddedOnly(user, cluster, describe);
        return new KubeconfigContext(
                cluster == null ? null : blankToNull(cluster.getServer()),
                cluster == null ? null : blankToNull(cluster.getCertificateAuthorityData()),
                cluster != null && Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify()),
                blankToNull(context.getNamespace()),
                user);
    }

    private static Config parse(char[] fileContent, String describe) throws ClusterAccessException {
        try {
            Config file = KubeConfigUtils.parseConfigFromString(new String(fileContent));
            if (file == null) {
                throw new ClusterAccessException(describe + ": the kubeconfig file is empty");
            }
            return file;
        } catch (RuntimeException e) {
            // The parser's message may quote the offending line, which may hold a token: keep only the type.
            throw new ClusterAccessException(describe + ": the kubeconfig file cannot be parsed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static NamedContext currentContext(Config file, String describe) throws ClusterAccessException {
        List<NamedContext> contexts = file.getContexts() == null ? List.of() : file.getContexts();
        String current = blankToNull(file.getCurrentContext());
        if (current == null) {
            if (contexts.size() == 1) {
                return contexts.get(0);
            }
            throw new ClusterAccessException(describe + ": the kubeconfig file has no current-context");
        }
        return find(contexts, NamedContext::getName, current)
                .orElseThrow(() -> new ClusterAccessException(
                        describe + ": the kubeconfig's current-context '" + current + "' is not defined"));
    }

    private static void checkEmbeddedOnly(AuthInfo user, Cluster cluster, String describe)
            throws ClusterAccessException {
        List<String> refused = new ArrayList<>();
        if (user.getExec() != null) {
            refused.add("exec");
        }
        if (user.getAuthProvider() != null) {
            refused.add("auth-provider");
        }
        if (user.getTokenFile() != null) {
            refused.add("tokenFile");
        }
        if (user.getClientCertificate() != null) {
            refused.add("client-certificate");
        }
        if (user.getClientKey() != null) {
            refused.add("client-key");
        }
        if (cluster != null
                && cluster.getCertificateAuthority() != null
                && cluster.getCertificateAuthorityData() == null) {
            refused.add("certificate-authority");
        }
        if (!refused.isEmpty()) {
            throw new ClusterAccessException(describe + ": the kubeconfig uses " + String.join(", ", refused)
                    + "; only embedded data (token, client-certificate-data, client-key-data,"
                    + " certificate-authority-data, username/password) can be used from Jenkins");
        }
        boolean hasToken = user.getToken() != null;
        boolean hasCertificate = user.getClientCertificateData() != null && user.getClientKeyData() != null;
        boolean hasPassword = user.getUsername() != null && user.getPassword() != null;
        if (!hasToken && !hasCertificate && !hasPassword) {
            throw new ClusterAccessException(describe + ": the kubeconfig's user has neither a token, nor"
                    + " client-certificate-data with client-key-data, nor a username and password");
        }
    }

    private static <T> Optional<T> find(List<T> items, Function<T, String> name, String wanted) {
        return items == null
                ? Optional.empty()
                : items.stream().filter(i -> wanted.equals(name.apply(i))).findFirst();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "KubeconfigContext[server=" + server + ", namespace=" + namespace + "]";
    }
}
