package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.model.Registry;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An OCI registry as the configuration page and Configuration as Code bind it. The constructor and each setter refuse
 * a value that breaks the model's rule for that field; {@link #toModel()} checks the entry as a whole (plain HTTP).
 */
public class RegistryConfig implements Describable<RegistryConfig> {

    private static final String KIND = "Registry";

    private final String id;
    private final String host;
    private String credentialsId;
    private boolean folderCredentials;
    private boolean insecure;
    private boolean forceInsecure;
    private int maxParallelTransfers = Registry.DEFAULT_PARALLEL_TRANSFERS;

    @DataBoundConstructor
    public RegistryConfig(String id, String host) {
        this.id = Util.fixEmptyAndTrim(id);
        EntryFields.check(EntryFields.entry(KIND, null), "id", () -> Registry.checkId(this.id));
        this.host = Util.fixEmptyAndTrim(host);
        EntryFields.check(entry(), "host", () -> Registry.checkHost(this.host));
    }

    /** @return how messages name this entry */
    String entry() {
        return EntryFields.entry(KIND, id);
    }

    public String getId() {
        return id;
    }

    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        String value = Util.fixEmptyAndTrim(credentialsId);
        EntryFields.check(entry(), "credentialsId", () -> Registry.checkCredentialsId(value));
        this.credentialsId = value;
    }

    public boolean isInsecure() {
        return insecure;
    }

    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public boolean isForceInsecure() {
        return forceInsecure;
    }

    @DataBoundSetter
    public void setForceInsecure(boolean forceInsecure) {
        this.forceInsecure = forceInsecure;
    }

    public boolean isFolderCredentials() {
        return folderCredentials;
    }

    /** Whether the credentials may also come from the folders of the build's job; off by default. */
    @DataBoundSetter
    public void setFolderCredentials(boolean folderCredentials) {
        this.folderCredentials = folderCredentials;
    }

    public int getMaxParallelTransfers() {
        return maxParallelTransfers;
    }

    /** How many blobs a copy into this registry moves at once, 1 to 16; 4 by default. */
    @DataBoundSetter
    public void setMaxParallelTransfers(int maxParallelTransfers) {
        EntryFields.check(
                entry(), "maxParallelTransfers", () -> Registry.checkMaxParallelTransfers(maxParallelTransfers));
        this.maxParallelTransfers = maxParallelTransfers;
    }

    /** An entry saved before the setting existed has none: it gets the default, not 0. */
    protected Object readResolve() {
        if (maxParallelTransfers == 0) {
            maxParallelTransfers = Registry.DEFAULT_PARALLEL_TRANSFERS;
        }
        return this;
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public Registry toModel() {
        return EntryFields.check(
                entry(),
                () -> new Registry(
                        id, host, credentialsId, insecure, forceInsecure, folderCredentials, maxParallelTransfers));
    }

    @Extension
    @Symbol("registry")
    public static final class DescriptorImpl extends Descriptor<RegistryConfig> {

        @Override
        public String getDisplayName() {
            return Messages.RegistryConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckId(@QueryParameter String value) {
            return FormChecks.check(() -> Registry.checkId(value));
        }

        @POST
        public FormValidation doCheckHost(@QueryParameter String value) {
            return FormChecks.check(() -> Registry.checkHost(value));
        }

        @POST
        public FormValidation doCheckMaxParallelTransfers(@QueryParameter String value) {
            return FormChecks.check(() -> Registry.checkMaxParallelTransfers(
                    FormChecks.number("maxParallelTransfers", value, Registry.DEFAULT_PARALLEL_TRANSFERS)));
        }

        @POST
        public FormValidation doCheckInsecure(
                @QueryParameter String host, @QueryParameter boolean value, @QueryParameter boolean forceInsecure) {
            return FormChecks.check(() -> Registry.checkInsecure(host, value, forceInsecure));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @QueryParameter String host, @QueryParameter String credentialsId) {
            if (!ConfigurationPermission.granted()) {
                return CredentialsResolver.currentValueOnly(credentialsId);
            }
            return CredentialsResolver.usernamePasswordItems("https://" + host, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(
                @QueryParameter String host, @QueryParameter boolean insecure, @QueryParameter String value) {
            if (!ConfigurationPermission.granted()) {
                return FormValidation.ok();
            }
            return CredentialsResolver.checkUsernamePassword(url(host, insecure), value);
        }

        private static String url(String host, boolean insecure) {
            return (insecure ? "http://" : "https://") + (host == null ? "" : host.trim());
        }

        /** {@code GET /v2/} with the chosen credentials, following the registry's auth challenge. Administrators only. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String id,
                @QueryParameter String host,
                @QueryParameter String credentialsId,
                @QueryParameter boolean insecure,
                @QueryParameter boolean forceInsecure) {
            ConfigurationPermission.check();
            RegistryConfig config;
            try {
                config = new RegistryConfig(id, host);
                config.setCredentialsId(credentialsId);
                config.setInsecure(insecure);
                config.setForceInsecure(forceInsecure);
            } catch (InvalidConfigurationException e) {
                return FormValidation.error(Redaction.redact(e.getMessage()));
            }
            return ConnectionTest.registry(config);
        }
    }
}
