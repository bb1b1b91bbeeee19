package io.jenkins.plugins.environments.promotion;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.gitops.GitCredential;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.RegistrySession;
import java.util.function.Function;

/**
 * What a promotion reaches outside itself, as the tests give it: anonymous sessions to each configured registry,
 * anonymous access to GitOps repositories, Jenkins' default realm rules, and no cluster or signing key unless a test
 * supplies them (asking for one fails the test). Each {@code with…} returns a copy with that part replaced.
 */
public record FixturePorts(
        Function<Registry, RegistrySession> registries,
        Function<Cluster, KubernetesClient> clusters,
        Function<Environment, GitAccess> repositories,
        Function<String, String> keys)
        implements PromotionPorts {

    /** The defaults described above. */
    public static FixturePorts anonymous() {
        return new FixturePorts(
                FixturePorts::anonymousSession,
                cluster -> {
                    throw new AssertionError("no cluster here");
                },
                environment -> new GitAccess(environment.gitOps().repositoryUrl(), new GitCredential.Anonymous(), null),
                credentialsId -> {
                    throw new AssertionError("no signature gate here");
                });
    }

    /** @return an anonymous session to the registry, as configured (its host, whether it is insecure) */
    public static RegistrySession anonymousSession(Registry registry) {
        return new RegistrySession(new RegistryAccess(
                registry.id(), registry.host(), registry.insecure(), new RegistryCredential.Anonymous(), null));
    }

    public FixturePorts withRegistries(Function<Registry, RegistrySession> registries) {
        return new FixturePorts(registries, clusters, repositories, keys);
    }

    public FixturePorts withClusters(Function<Cluster, KubernetesClient> clusters) {
        return new FixturePorts(registries, clusters, repositories, keys);
    }

    public FixturePorts withRepositories(Function<Environment, GitAccess> repositories) {
        return new FixturePorts(registries, clusters, repositories, keys);
    }

    public FixturePorts withKeys(Function<String, String> keys) {
        return new FixturePorts(registries, clusters, repositories, keys);
    }

    @Override
    public RegistrySession registry(Registry registry) {
        return registries.apply(registry);
    }

    @Override
    public KubernetesClient cluster(Cluster cluster) {
        return clusters.apply(cluster);
    }

    @Override
    public GitAccess gitOps(Environment environment) {
        return repositories.apply(environment);
    }

    @Override
    public String publicKey(String credentialsId) {
        return keys.apply(credentialsId);
    }

    @Override
    public RealmRules realmRules() {
        return RealmRules.JENKINS_DEFAULT;
    }
}
