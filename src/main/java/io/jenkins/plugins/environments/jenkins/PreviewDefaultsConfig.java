package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.environments.model.Limits;
import io.jenkins.plugins.environments.model.PreviewDefaults;
import io.jenkins.plugins.environments.model.Quota;
import io.jenkins.plugins.environments.model.WhenFull;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Defaults for pull-request previews; every field but the cluster has a default in the model. */
public class PreviewDefaultsConfig implements Describable<PreviewDefaultsConfig> {

    private final String cluster;
    private String namespacePattern;
    private String hostTemplate;
    private String previewDomain;
    private String ttl;
    private String maxTtl;
    private String maxTimeout;
    private String quotaCpu;
    private String quotaMemory;
    private int quotaPods;
    private String defaultCpuRequest;
    private String defaultMemoryRequest;
    private String defaultCpuLimit;
    private String defaultMemoryLimit;
    private String whenFull;

    @DataBoundConstructor
    public PreviewDefaultsConfig(String cluster) {
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    public String getCluster() {
        return cluster;
    }

    public String getNamespacePattern() {
        return namespacePattern;
    }

    @DataBoundSetter
    public void setNamespacePattern(String namespacePattern) {
        this.namespacePattern = Util.fixEmptyAndTrim(namespacePattern);
    }

    public String getHostTemplate() {
        return hostTemplate;
    }

    @DataBoundSetter
    public void setHostTemplate(String hostTemplate) {
        this.hostTemplate = Util.fixEmptyAndTrim(hostTemplate);
    }

    public String getPreviewDomain() {
        return previewDomain;
    }

    @DataBoundSetter
    public void setPreviewDomain(String previewDomain) {
        this.previewDomain = Util.fixEmptyAndTrim(previewDomain);
    }

    public String getMaxTtl() {
        return maxTtl;
    }

    @DataBoundSetter
    public void setMaxTtl(String maxTtl) {
        this.maxTtl = Util.fixEmptyAndTrim(maxTtl);
    }

    public String getMaxTimeout() {
        return maxTimeout;
    }

    @DataBoundSetter
    public void setMaxTimeout(String maxTimeout) {
        this.maxTimeout = Util.fixEmptyAndTrim(maxTimeout);
    }

    public String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(String ttl) {
        this.ttl = Util.fixEmptyAndTrim(ttl);
    }

    public String getQuotaCpu() {
        return quotaCpu;
    }

    @DataBoundSetter
    public void setQuotaCpu(String quotaCpu) {
        this.quotaCpu = Util.fixEmptyAndTrim(quotaCpu);
    }

    public String getQuotaMemory() {
        return quotaMemory;
    }

    @DataBoundSetter
    public void setQuotaMemory(String quotaMemory) {
        this.quotaMemory = Util.fixEmptyAndTrim(quotaMemory);
    }

    public int getQuotaPods() {
        return quotaPods;
    }

    @DataBoundSetter
    public void setQuotaPods(int quotaPods) {
        this.quotaPods = quotaPods;
    }

    public String getDefaultCpuRequest() {
        return defaultCpuRequest;
    }

    @DataBoundSetter
    public void setDefaultCpuRequest(String defaultCpuRequest) {
        this.defaultCpuRequest = Util.fixEmptyAndTrim(defaultCpuRequest);
    }

    public String getDefaultMemoryRequest() {
        return defaultMemoryRequest;
    }

    @DataBoundSetter
    public void setDefaultMemoryRequest(String defaultMemoryRequest) {
        this.defaultMemoryRequest = Util.fixEmptyAndTrim(defaultMemoryRequest);
    }

    public String getDefaultCpuLimit() {
        return defaultCpuLimit;
    }

    @DataBoundSetter
    public void setDefaultCpuLimit(String defaultCpuLimit) {
        this.defaultCpuLimit = Util.fixEmptyAndTrim(defaultCpuLimit);
    }

    public String getDefaultMemoryLimit() {
        return defaultMemoryLimit;
    }

    @DataBoundSetter
    public void setDefaultMemoryLimit(String defaultMemoryLimit) {
        this.defaultMemoryLimit = Util.fixEmptyAndTrim(defaultMemoryLimit);
    }

    public String getWhenFull() {
        return whenFull;
    }

    @DataBoundSetter
    public void setWhenFull(String whenFull) {
        this.whenFull = Util.fixEmptyAndTrim(whenFull);
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public PreviewDefaults toModel() {
        return new PreviewDefaults(
                cluster,
                namespacePattern,
                hostTemplate,
                ttl == null ? null : PreviewDefaults.parseTtl(ttl),
                new Quota(quotaCpu, quotaMemory, quotaPods),
                new Limits(defaultCpuRequest, defaultMemoryRequest, defaultCpuLimit, defaultMemoryLimit),
                whenFull == null ? null : WhenFull.parse(whenFull),
                previewDomain,
                maxTtl == null ? null : PreviewDefaults.parseMaxTtl(maxTtl),
                maxTimeout == null ? null : PreviewDefaults.parseMaxTimeout(maxTimeout));
    }

    @Extension
    @Symbol("previews")
    public static final class DescriptorImpl extends Descriptor<PreviewDefaultsConfig> {

        @Override
        public String getDisplayName() {
            return Messages.PreviewDefaultsConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckCluster(@QueryParameter String value) {
            return FormChecks.check(() -> PreviewDefaults.checkCluster(value));
        }

        @POST
        public FormValidation doCheckNamespacePattern(@QueryParameter String value) {
            return FormChecks.check(() -> PreviewDefaults.checkNamespacePattern(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckHostTemplate(@QueryParameter String value) {
            return FormChecks.check(() -> PreviewDefaults.checkHostTemplate(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckTtl(@QueryParameter String value) {
            return FormChecks.check(() -> {
                if (Util.fixEmptyAndTrim(value) != null) {
                    PreviewDefaults.parseTtl(value);
                }
            });
        }

        @POST
        public FormValidation doCheckPreviewDomain(@QueryParameter String value, @QueryParameter String hostTemplate) {
            return FormChecks.check(() -> PreviewDefaults.checkPreviewDomain(
                    Util.fixEmptyAndTrim(value), Util.fixEmptyAndTrim(hostTemplate)));
        }

        @POST
        public FormValidation doCheckMaxTtl(@QueryParameter String value) {
            return FormChecks.check(() -> PreviewDefaults.parseMaxTtl(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckMaxTimeout(@QueryParameter String value) {
            return FormChecks.check(() -> PreviewDefaults.parseMaxTimeout(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckQuotaCpu(@QueryParameter String value) {
            return FormChecks.check(() -> Quota.checkCpu(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckQuotaMemory(@QueryParameter String value) {
            return FormChecks.check(() -> Quota.checkMemory(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckQuotaPods(@QueryParameter String value) {
            return FormChecks.check(() -> Quota.checkPods(FormChecks.number("quotaPods", value, 0)));
        }

        @POST
        public FormValidation doCheckDefaultCpuRequest(@QueryParameter String value) {
            return FormChecks.check(() -> Limits.checkDefaultCpuRequest(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckDefaultMemoryRequest(@QueryParameter String value) {
            return FormChecks.check(() -> Limits.checkDefaultMemoryRequest(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckDefaultCpuLimit(@QueryParameter String value) {
            return FormChecks.check(() -> Limits.checkDefaultCpuLimit(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckDefaultMemoryLimit(@QueryParameter String value) {
            return FormChecks.check(() -> Limits.checkDefaultMemoryLimit(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public ListBoxModel doFillWhenFullItems() {
            if (!ConfigurationPermission.granted()) {
                return new ListBoxModel();
            }
            ListBoxModel items = new ListBoxModel();
            for (WhenFull choice : WhenFull.values()) {
                items.add(choice.id(), choice.id());
            }
            return items;
        }
    }
}
