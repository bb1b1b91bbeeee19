package io.jenkins.plugins.environments.promotion;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.registry.RegistrySession;

/**
 * What a promotion needs from outside, each with its credentials; the Jenkins glue resolves them in the build's
 * context. {@link Promoter} asks for the target's ({@link #gitOps}, the target registry) only once every gate passed.
 */
public interface PromotionPorts {

    /** @return a session with a configured registry, which the caller closes */
    RegistrySession registry(Registry registry);

    /** @return a client of a configured cluster, which the caller closes (for the live-in-source gate) */
    KubernetesClient cluster(Cluster cluster);

    /** @return access to the environment's GitOps repository */
    GitAccess gitOps(Environment environment);

    /** @return the PEM public key held by the credentials with this id */
    String publicKey(String credentialsId);

    /** @return how the security realm compares user and group ids */
    RealmRules realmRules();
}
