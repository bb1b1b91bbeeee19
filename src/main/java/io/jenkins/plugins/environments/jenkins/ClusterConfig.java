package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Redaction;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A Kubernetes cluster as the configuration page and Configuration as Code bind it. The constructor and each setter
 * refuse a value that breaks the model's rule for that field; {@link #toModel()} checks the entry as a whole.
 */
public class ClusterConfig implements Describable<ClusterConfig> {

    private static final String KIND = "Cluster";

    private final String id;
    private final String serverUrl;
    private final String credentialsId;
    private boolean folderCredentials;
    private String caCertificate;
    private boolean skipTlsVerify;
    private int maxConcurrentPreviews;

    @DataBoundConstructor
    public ClusterConfig(String id, String serverUrl, String credentialsId) {
        this.id = Util.fixEmptyAndTrim(id);
        EntryFields.check(EntryFields.entry(KIND, null), "id", () -> Cluster.checkId(this.id));
        this.serverUrl = Util.fixEmptyAndTrim(serverUrl);
        EntryFields.check(entry(), "serverUrl", () -> Cluster.checkServerUrl(this.serverUrl));
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        EntryFields.check(entry(), "credentialsId", () -> Cluster.checkCredentialsId(this.credentialsId));
    }

    /** @return how messages name this entry */
    String entry() {
        return EntryFields.entry(KIND, id);
    }

    public String getId() {
        return id;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        String value = Util.fixEmptyAndTrim(caCertificate);
        EntryFields.check(entry(), "caCertificate", () -> Cluster.checkCaCertificate(value));
        this.caCertificate = value;
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    public int getMaxConcurrentPreviews() {
        return maxConcurrentPreviews;
    }

    @DataBoundSetter
    public void setMaxConcurrentPreviews(int maxConcurrentPreviews) {
        EntryFields.check(
                entry(), "maxConcurrentPreviews", () -> Cluster.checkMaxConcurrentPreviews(maxConcurrentPreviews));
        this.maxConcurrentPreviews = maxConcurrentPreviews;
    }

    public boolean isFolderCredentials() {
        return folderCredentials;
    }

    /** Whether the credentials may also come from the folders of the build's job; off by default. */
    @DataBoundSetter
    public void setFolderCredentials(boolean folderCredentials) {
        this.folderCredentials = folderCredentials;
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public Cluster toModel() {
        return EntryFields.check(
                entry(),
                () -> new Cluster(
                        id,
                        serverUrl,
                        credentialsId,
                        caCertificate,
                        skipTlsVerify,
                        maxConcurrentPreviews,
                        folderCredentials));
    }

    @Extension
    @Symbol("cluster")
    public static final class DescriptorImpl extends Descriptor<ClusterConfig> {

        @Override
        public String getDisplayName() {
            return Messages.ClusterConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckId(@QueryParameter String value) {
            return FormChecks.check(() -> Cluster.checkId(value));
        }

        @POST
        public FormValidation doCheckServerUrl(@QueryParameter String value) {
            return FormChecks.check(() -> Cluster.checkServerUrl(value));
        }

        @POST
        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            return FormChecks.check(() -> Cluster.checkCaCertificate(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckMaxConcurrentPreviews(@QueryParameter String value) {
            return FormChecks.check(
                    () -> Cluster.checkMaxConcurrentPreviews(FormChecks.number("maxConcurrentPreviews", value, 0)));
        }

        @POST
        public FormValidation doCheckSkipTlsVerify(@QueryParameter boolean value) {
            if (!ConfigurationPermission.granted() || !value) {
                return FormValidation.ok();
            }
            return FormValidation.warning(Messages.ClusterConfig_SkipTlsVerifyWarning());
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @QueryParameter String serverUrl, @QueryParameter String credentialsId) {
            if (!ConfigurationPermission.granted()) {
                return CredentialsResolver.currentValueOnly(credentialsId);
            }
            return CredentialsResolver.clusterCredentialItems(serverUrl, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String serverUrl, @QueryParameter String value) {
            if (!ConfigurationPermission.granted()) {
                return FormValidation.ok();
            }
            if (value == null || value.isBlank()) {
                return FormChecks.check(() -> Cluster.checkCredentialsId(value));
            }
            return CredentialsResolver.checkClusterCredentials(serverUrl, value);
        }

        /**
         * Asks the API server for its version with the chosen credentials. Administrators only, checked before
         * anything else: otherwise a user could send a stored secret to a server of their choosing.
         */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String id,
                @QueryParameter String serverUrl,
                @QueryParameter String credentialsId,
                @QueryParameter String caCertificate,
                @QueryParameter boolean skipTlsVerify) {
            ConfigurationPermission.check();
            ClusterConfig config;
            try {
                config = new ClusterConfig(id, serverUrl, credentialsId);
                config.setCaCertificate(caCertificate);
                config.setSkipTlsVerify(skipTlsVerify);
            } catch (InvalidConfigurationException e) {
                return FormValidation.error(Redaction.redact(e.getMessage()));
            }
            return ConnectionTest.cluster(config);
        }
    }
}
