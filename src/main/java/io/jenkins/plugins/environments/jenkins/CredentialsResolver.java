package io.jenkins.plugins.environments.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.gitops.GitCredential;
import io.jenkins.plugins.environments.kubernetes.ClusterAccess;
import io.jenkins.plugins.environments.kubernetes.ClusterAccessException;
import io.jenkins.plugins.environments.kubernetes.ClusterCredential;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The one class that talks to the credentials plugin. The credentials an administrator named in the global
 * configuration (cluster, registry, GitOps repository, signature key) are resolved where the administrator put them:
 * in Jenkins' own store, looked up as the system ({@code ACL.SYSTEM2}) with global scope, never in the run's context
 * (the stores of the job's folders too only where the administrator ticked {@code folderCredentials} on the entry;
 * the signature key never).
 * {@code findCredentialById} on a run would let a credentials build parameter or a folder credential with the same id
 * shadow the administrator's: a team could make the signature gate verify against its own key. In a build the use is
 * still recorded ({@code track}), and a job that the environment does not allow is refused before any lookup. On the configuration page (administrators only, checked by the callers) it lists and
 * resolves the credentials of the Jenkins root. Either way it hands back plain access objects whose secrets are
 * {@code char[]} for the caller to close; no secret is put into a message.
 */
public final class CredentialsResolver {

    /** What reaches a Kubernetes API server: a token, a kubeconfig file, or a client certificate. */
    private static final CredentialsMatcher CLUSTER_KINDS = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(FileCredentials.class),
            CredentialsMatchers.instanceOf(StandardCertificateCredentials.class));

    /** What holds the public key that signatures are verified with: its PEM text, or a file of it. */
    private static final CredentialsMatcher PUBLIC_KEY = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(FileCredentials.class));

    /** What reaches a registry or a git remote. */
    private static final CredentialsMatcher USERNAME_PASSWORD =
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class);

    private CredentialsResolver() {}

    // ---- in a build ----

    /** Refuses a job that the environment does not list among its allowed jobs. */
    public static void requireAllowed(Run<?, ?> run, Environment environment) throws AbortException {
        String job = run.getParent().getFullName();
        if (!environment.permitsJob(job)) {
            throw Redacted.abort(Messages.CredentialsResolver_JobNotAllowed(job, environment.name()));
        }
    }

    /** The environment's cluster, with its credentials, for a run of a job the environment allows. */
    public static ClusterAccess cluster(Run<?, ?> run, Environment environment, Cluster cluster) throws AbortException {
        requireAllowed(run, environment);
        return clusterInRun(run, cluster);
    }

    /** A registry for a run of a job the environment allows. */
    public static RegistryAccess registry(Run<?, ?> run, Environment environment, Registry registry)
            throws AbortException {
        requireAllowed(run, environment);
        return registryInRun(run, registry);
    }

    /** The environment's GitOps repository for a run of a job the environment allows. */
    public static GitAccess gitOps(Run<?, ?> run, Environment environment) throws AbortException {
        requireAllowed(run, environment);
        GitOpsTarget target = environment.gitOps();
        if (target == null) {
            throw Redacted.abort(Messages.CredentialsResolver_NoGitOps(environment.name()));
        }
        if (target.credentialsId() == null) {
            return new GitAccess(target.repositoryUrl(), new GitCredential.Anonymous(), null);
        }
        StandardCredentials c = configured(
                run, target.credentialsId(), target.repositoryUrl(), USERNAME_PASSWORD, target.folderCredentials());
        StandardUsernamePasswordCredentials up = (StandardUsernamePasswordCredentials) c;
        return new GitAccess(
                target.repositoryUrl(),
                new GitCredential.UsernamePassword(
                        up.getUsername(), chars(up.getPassword().getPlainText())),
                target.credentialsId());
    }

    /**
     * A cluster for {@code deployPreview}/{@code teardownPreview}, with its credentials as the run sees them. The
     * preview planner has already applied the rule for clusters other than the preview default.
     */
    public static ClusterAccess clusterInRun(Run<?, ?> run, Cluster cluster) throws AbortException {
        return clusterAccess(
                cluster,
                configured(
                        run, cluster.credentialsId(), cluster.serverUrl(), CLUSTER_KINDS, cluster.folderCredentials()));
    }

    /** A registry for resolving a preview's image tag, with its credentials as the run sees them. */
    public static RegistryAccess registryInRun(Run<?, ?> run, Registry registry) throws AbortException {
        if (registry.credentialsId() == null) {
            return registryAccess(registry, null);
        }
        return registryAccess(
                registry,
                configured(
                        run,
                        registry.credentialsId(),
                        registryUrl(registry),
                        USERNAME_PASSWORD,
                        registry.folderCredentials()));
    }

    /**
     * The public key that signatures must verify with, for the signature gate: the PEM text of secret-text or
     * secret-file credentials. A public key is no secret, but it is resolved and tracked like one, so that who may
     * use which key stays with the credentials' permissions.
     */
    public static String publicKey(Run<?, ?> run, String id) throws AbortException {
        StandardCredentials c = configured(run, id, null, PUBLIC_KEY, false);
        if (c instanceof StringCredentials text) {
            return text.getSecret().getPlainText();
        }
        try (InputStream in = ((FileCredentials) c).getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Redacted.abort(
                    Messages.CredentialsResolver_Unreadable(id, e.getClass().getSimpleName()));
        }
    }

    /**
     * The configured credentials with this id, global scope, looked up as the system and tracked against the run: in
     * Jenkins' own store, or, where the administrator allowed it for the entry ({@code folders}), also in the stores of
     * the job's folders. Build parameters are never consulted.
     */
    private static StandardCredentials configured(
            Run<?, ?> run, String id, String url, CredentialsMatcher kinds, boolean folders) throws AbortException {
        List<StandardCredentials> all = folders
                ? CredentialsProvider.lookupCredentialsInItem(
                        StandardCredentials.class, run.getParent(), ACL.SYSTEM2, requirements(url))
                : CredentialsProvider.lookupCredentialsInItemGroup(
                        StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(url));
        StandardCredentials c = (StandardCredentials) CredentialsMatchers.firstOrNull(
                all,
                CredentialsMatchers.allOf(
                        CredentialsMatchers.withId(id), CredentialsMatchers.withScope(CredentialsScope.GLOBAL)));
        if (c == null) {
            throw Redacted.abort(Messages.CredentialsResolver_NotFound(id));
        }
        if (!kinds.matches(c)) {
            throw Redacted.abort(
                    Messages.CredentialsResolver_WrongKind(id, c.getDescriptor().getDisplayName()));
        }
        CredentialsProvider.track(run, c);
        return c;
    }

    // ---- on the configuration page; the callers have checked Overall/Administer ----

    static ListBoxModel clusterCredentialItems(String serverUrl, String currentId) {
        return items(serverUrl, CLUSTER_KINDS, currentId);
    }

    static ListBoxModel usernamePasswordItems(String url, String currentId) {
        return items(url, USERNAME_PASSWORD, currentId);
    }

    static ListBoxModel publicKeyItems(String currentId) {
        return items(null, PUBLIC_KEY, currentId);
    }

    /** What a user without permission sees: the stored id, nothing listed. */
    static ListBoxModel currentValueOnly(String currentId) {
        return new StandardListBoxModel().includeCurrentValue(currentId);
    }

    static FormValidation checkClusterCredentials(String serverUrl, String id) {
        return check(id, serverUrl, CLUSTER_KINDS);
    }

    static FormValidation checkPublicKey(String id) {
        return check(id, null, PUBLIC_KEY);
    }

    static FormValidation checkUsernamePassword(String url, String id) {
        return check(id, url, USERNAME_PASSWORD);
    }

    /**
     * A cluster for the plugin's own work outside any build (the TTL sweep, the cleanup of a removed job's previews),
     * with Global-scoped credentials looked up as Jenkins itself.
     */
    static ClusterAccess clusterForCleanup(Cluster cluster) throws AbortException {
        return clusterForTest(cluster);
    }

    static ClusterAccess clusterForTest(Cluster cluster) throws AbortException {
        StandardCredentials c = inJenkins(cluster.credentialsId(), cluster.serverUrl(), CLUSTER_KINDS);
        if (c == null) {
            throw Redacted.abort(Messages.CredentialsResolver_NotFound(cluster.credentialsId()));
        }
        return clusterAccess(cluster, c);
    }

    static RegistryAccess registryForTest(Registry registry) throws AbortException {
        if (registry.credentialsId() == null) {
            return registryAccess(registry, null);
        }
        StandardCredentials c = inJenkins(registry.credentialsId(), registryUrl(registry), USERNAME_PASSWORD);
        if (c == null) {
            throw Redacted.abort(Messages.CredentialsResolver_NotFound(registry.credentialsId()));
        }
        return registryAccess(registry, c);
    }

    /**
     * A GitOps repository for the plugin's own reads outside any build (the dashboard's drift), with Global-scoped
     * credentials of Jenkins' own store looked up as Jenkins itself; folder credentials are never seen here.
     */
    static GitAccess gitOpsForDrift(GitOpsTarget target) throws AbortException {
        if (target.credentialsId() == null) {
            return new GitAccess(target.repositoryUrl(), new GitCredential.Anonymous(), null);
        }
        StandardCredentials c = inJenkins(target.credentialsId(), target.repositoryUrl(), USERNAME_PASSWORD);
        if (c == null) {
            throw Redacted.abort(Messages.CredentialsResolver_NotFound(target.credentialsId()));
        }
        StandardUsernamePasswordCredentials up = (StandardUsernamePasswordCredentials) c;
        return new GitAccess(
                target.repositoryUrl(),
                new GitCredential.UsernamePassword(
                        up.getUsername(), chars(up.getPassword().getPlainText())),
                target.credentialsId());
    }

    /** A registry for the plugin's own reads outside any build (the dashboard's drift), as {@link #registryForTest}. */
    static RegistryAccess registryForDrift(Registry registry) throws AbortException {
        return registryForTest(registry);
    }

    private static ListBoxModel items(String url, CredentialsMatcher kinds, String currentId) {
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, requirements(url), usableInBuilds(kinds))
                .includeCurrentValue(currentId);
    }

    private static FormValidation check(String id, String url, CredentialsMatcher kinds) {
        if (id == null || id.isBlank()) {
            return FormValidation.ok();
        }
        return inJenkins(id, url, kinds) == null
                ? FormValidation.error(Messages.CredentialsResolver_NotFoundOfKind(id))
                : FormValidation.ok();
    }

    private static StandardCredentials inJenkins(String id, String url, CredentialsMatcher kinds) {
        List<StandardCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(
                StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(url));
        return (StandardCredentials) CredentialsMatchers.firstOrNull(
                all, CredentialsMatchers.allOf(CredentialsMatchers.withId(id), usableInBuilds(kinds)));
    }

    /**
     * The page lists and checks only what a build resolves too: global-scoped credentials of Jenkins' own store
     * (System-scoped ones are meant for Jenkins itself, not for builds).
     */
    private static CredentialsMatcher usableInBuilds(CredentialsMatcher kinds) {
        return CredentialsMatchers.allOf(kinds, CredentialsMatchers.withScope(CredentialsScope.GLOBAL));
    }

    /** The URL a registry is reached at, for credentials domains restricted by scheme and host. */
    static String registryUrl(Registry registry) {
        return (registry.insecure() ? "http://" : "https://") + registry.host();
    }

    private static List<DomainRequirement> requirements(String url) {
        return url == null || url.isBlank()
                ? List.of()
                : URIRequirementBuilder.fromUri(url.trim()).build();
    }

    // ---- Jenkins credentials → plain access objects ----

    private static ClusterAccess clusterAccess(Cluster cluster, StandardCredentials c) throws AbortException {
        return new ClusterAccess(
                cluster.id(),
                cluster.serverUrl(),
                cluster.caCertificate(),
                cluster.skipTlsVerify(),
                clusterCredential(c),
                c.getId());
    }

    private static ClusterCredential clusterCredential(StandardCredentials c) throws AbortException {
        if (c instanceof StringCredentials token) {
            return new ClusterCredential.Token(chars(token.getSecret().getPlainText()));
        }
        if (c instanceof FileCredentials file) {
            try (InputStream in = file.getContent()) {
                return new ClusterCredential.Kubeconfig(utf8(in.readAllBytes()));
            } catch (IOException e) {
                throw Redacted.abort(Messages.CredentialsResolver_Unreadable(
                        c.getId(), e.getClass().getSimpleName()));
            }
        }
        StandardCertificateCredentials certificate = (StandardCertificateCredentials) c;
        char[] password = chars(certificate.getPassword().getPlainText());
        ByteArrayOutputStream keystore = new ByteArrayOutputStream();
        try {
            KeyStore store = certificate.getKeyStore();
            store.store(keystore, password);
            return ClusterCredential.ClientCertificate.fromPkcs12(keystore.toByteArray(), password);
        } catch (IOException | GeneralSecurityException | ClusterAccessException e) {
            throw Redacted.abort(Messages.CredentialsResolver_Unreadable(
                    c.getId(), e.getClass().getSimpleName()));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static RegistryAccess registryAccess(Registry registry, StandardCredentials c) {
        if (c == null) {
            return new RegistryAccess(
                    registry.id(), registry.host(), registry.insecure(), new RegistryCredential.Anonymous(), null);
        }
        StandardUsernamePasswordCredentials up = (StandardUsernamePasswordCredentials) c;
        return new RegistryAccess(
                registry.id(),
                registry.host(),
                registry.insecure(),
                new RegistryCredential.Basic(
                        up.getUsername(), chars(up.getPassword().getPlainText())),
                c.getId());
    }

    private static char[] chars(String secret) {
        return secret.toCharArray();
    }

    private static char[] utf8(byte[] bytes) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        char[] out = new char[decoded.remaining()];
        decoded.get(out);
        Arrays.fill(decoded.array(), '\0');
        return out;
    }
}
