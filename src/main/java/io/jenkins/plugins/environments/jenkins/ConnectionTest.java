package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.environments.kubernetes.ClusterAccess;
import io.jenkins.plugins.environments.kubernetes.ClusterAccessException;
import io.jenkins.plugins.environments.kubernetes.ClusterProbe;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryAccessException;
import io.jenkins.plugins.environments.registry.RegistrySession;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The <em>Test connection</em> buttons. The descriptors check {@code Overall/Administer} before calling in here. The
 * answer names the endpoint and what went wrong, never a secret; the full exception goes to the log at FINE.
 */
final class ConnectionTest {

    private static final Logger LOGGER = Logger.getLogger(ConnectionTest.class.getName());

    private ConnectionTest() {}

    static FormValidation cluster(ClusterConfig config) {
        Cluster cluster;
        try {
            cluster = config.toModel();
        } catch (InvalidConfigurationException e) {
            return FormValidation.error(Redaction.redact(e.getMessage()));
        }
        try (ClusterAccess access = CredentialsResolver.clusterForTest(cluster)) {
            return FormValidation.ok(
                    Messages.ConnectionTest_ClusterReached(cluster.id(), ClusterProbe.serverVersion(access)));
        } catch (AbortException | ClusterAccessException e) {
            LOGGER.log(Level.FINE, "Testing the connection to cluster " + cluster.id(), Redaction.redact(e));
            return FormValidation.error(Redaction.redact(e.getMessage()));
        }
    }

    static FormValidation registry(RegistryConfig config) {
        Registry registry;
        try {
            registry = config.toModel();
        } catch (InvalidConfigurationException e) {
            return FormValidation.error(Redaction.redact(e.getMessage()));
        }
        try (RegistryAccess access = CredentialsResolver.registryForTest(registry);
                RegistrySession session = new RegistrySession(access)) {
            return FormValidation.ok(session.ping());
        } catch (AbortException | RegistryAccessException e) {
            LOGGER.log(Level.FINE, "Testing the connection to registry " + registry.id(), Redaction.redact(e));
            return FormValidation.error(Redaction.redact(e.getMessage()));
        }
    }
}
