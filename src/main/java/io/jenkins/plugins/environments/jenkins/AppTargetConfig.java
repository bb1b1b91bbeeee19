package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.environments.model.AppTarget;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where an app goes in one environment; blank fields take the environment's defaults. The constructor and each setter
 * refuse a value that breaks the model's rule for that field.
 */
public class AppTargetConfig implements Describable<AppTargetConfig> {

    private static final String KIND = "Target";

    private final String environment;
    private String repository;
    private String tag;
    private String namespace;
    private String valuesFile;
    private String digestKey;

    @DataBoundConstructor
    public AppTargetConfig(String environment) {
        this.environment = Util.fixEmptyAndTrim(environment);
        EntryFields.check(
                EntryFields.entry(KIND, null), "environment", () -> AppTarget.checkEnvironment(this.environment));
    }

    /** @return how messages name this entry */
    String entry() {
        return EntryFields.entry(KIND, environment);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getRepository() {
        return repository;
    }

    @DataBoundSetter
    public void setRepository(String repository) {
        String value = Util.fixEmptyAndTrim(repository);
        EntryFields.check(entry(), "repository", () -> AppTarget.checkRepository(value));
        this.repository = value;
    }

    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        String value = Util.fixEmptyAndTrim(tag);
        EntryFields.check(entry(), "tag", () -> AppTarget.checkTag(value));
        this.tag = value;
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        String value = Util.fixEmptyAndTrim(namespace);
        EntryFields.check(entry(), "namespace", () -> AppTarget.checkNamespace(value));
        this.namespace = value;
    }

    public String getValuesFile() {
        return valuesFile;
    }

    @DataBoundSetter
    public void setValuesFile(String valuesFile) {
        String value = Util.fixEmptyAndTrim(valuesFile);
        EntryFields.check(entry(), "valuesFile", () -> AppTarget.checkValuesFile(value));
        this.valuesFile = value;
    }

    public String getDigestKey() {
        return digestKey;
    }

    @DataBoundSetter
    public void setDigestKey(String digestKey) {
        String value = Util.fixEmptyAndTrim(digestKey);
        EntryFields.check(entry(), "digestKey", () -> AppTarget.checkDigestKey(value));
        this.digestKey = value;
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public AppTarget toModel() {
        return EntryFields.check(
                entry(), () -> new AppTarget(environment, repository, tag, namespace, valuesFile, digestKey));
    }

    @Extension
    @Symbol("appTarget")
    public static final class DescriptorImpl extends Descriptor<AppTargetConfig> {

        @Override
        public String getDisplayName() {
            return Messages.AppTargetConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckEnvironment(@QueryParameter String value) {
            return FormChecks.check(() -> AppTarget.checkEnvironment(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckRepository(@QueryParameter String value) {
            return FormChecks.check(() -> AppTarget.checkRepository(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckTag(@QueryParameter String value) {
            return FormChecks.check(() -> AppTarget.checkTag(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckValuesFile(@QueryParameter String value) {
            return FormChecks.check(() -> AppTarget.checkValuesFile(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckDigestKey(@QueryParameter String value) {
            return FormChecks.check(() -> AppTarget.checkDigestKey(Util.fixEmptyAndTrim(value)));
        }
    }
}
