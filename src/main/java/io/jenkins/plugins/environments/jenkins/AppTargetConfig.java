package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.Names;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Where an app goes in one environment; blank fields take the environment's defaults. */
public class AppTargetConfig implements Describable<AppTargetConfig> {

    private final String environment;
    private String repository;
    private String tag;
    private String namespace;
    private String valuesFile;
    private String digestKey;

    @DataBoundConstructor
    public AppTargetConfig(String environment) {
        this.environment = Util.fixEmptyAndTrim(environment);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getRepository() {
        return repository;
    }

    @DataBoundSetter
    public void setRepository(String repository) {
        this.repository = Util.fixEmptyAndTrim(repository);
    }

    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = Util.fixEmptyAndTrim(tag);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public String getValuesFile() {
        return valuesFile;
    }

    @DataBoundSetter
    public void setValuesFile(String valuesFile) {
        this.valuesFile = Util.fixEmptyAndTrim(valuesFile);
    }

    public String getDigestKey() {
        return digestKey;
    }

    @DataBoundSetter
    public void setDigestKey(String digestKey) {
        this.digestKey = Util.fixEmptyAndTrim(digestKey);
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public AppTarget toModel() {
        return new AppTarget(environment, repository, tag, namespace, valuesFile, digestKey);
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
            return FormChecks.check(
                    () -> Names.requireLabel("environment", "Target environment", Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckRepository(@QueryParameter String value) {
            return FormChecks.check(() -> {
                String repository = Util.fixEmptyAndTrim(value);
                if (repository != null) {
                    App.checkImage("repository", "Target repository", repository);
                }
            });
        }

        @POST
        public FormValidation doCheckTag(@QueryParameter String value) {
            return FormChecks.check(() -> AppTarget.checkTag(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckValuesFile(@QueryParameter String value) {
            return FormChecks.check(() -> {
                String file = Util.fixEmptyAndTrim(value);
                if (file != null) {
                    GitOpsTarget.checkValuesFile(file);
                }
            });
        }

        @POST
        public FormValidation doCheckDigestKey(@QueryParameter String value) {
            return FormChecks.check(() -> GitOpsTarget.checkDigestKey(Util.fixEmptyAndTrim(value)));
        }
    }
}
