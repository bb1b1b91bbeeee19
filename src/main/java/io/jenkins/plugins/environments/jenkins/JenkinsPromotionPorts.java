package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.kubernetes.ClusterAccessException;
import io.jenkins.plugins.environments.kubernetes.ClusterClients;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.promotion.PromotionException;
import io.jenkins.plugins.environments.promotion.PromotionPorts;
import io.jenkins.plugins.environments.registry.RegistrySession;

/** A promotion's registries, clusters, GitOps repositories and keys, with credentials as the build sees them. */
final class JenkinsPromotionPorts implements PromotionPorts {

    private final Run<?, ?> run;
    private final RealmRules rules;

    JenkinsPromotionPorts(Run<?, ?> run, RealmRules rules) {
        this.run = run;
        this.rules = rules;
    }

    @Override
    public RegistrySession registry(Registry registry) {
        try {
            return new RegistrySession(CredentialsResolver.registryInRun(run, registry));
        } catch (AbortException e) {
            throw new PromotionException("registry '" + registry.id() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public KubernetesClient cluster(Cluster cluster) {
        try {
            return ClusterClients.connect(CredentialsResolver.clusterInRun(run, cluster));
        } catch (AbortException | ClusterAccessException e) {
            throw new PromotionException("cluster '" + cluster.id() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public GitAccess gitOps(Environment environment) {
        try {
            return CredentialsResolver.gitOps(run, environment);
        } catch (AbortException e) {
            throw new PromotionException("GitOps repository of '" + environment.name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String publicKey(String credentialsId) {
        try {
            return CredentialsResolver.publicKey(run, credentialsId);
        } catch (AbortException e) {
            throw new PromotionException(e.getMessage(), e);
        }
    }

    @Override
    public RealmRules realmRules() {
        return rules;
    }
}
