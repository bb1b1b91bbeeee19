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
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Defaults for pull-request previews; every field but the cluster has a default in the model. The constructor and each
 * setter refuse a value that breaks the model's rule for that field; {@link #toModel()} checks the defaults as a whole
 * (the preview domain against the host template, the TTL against its maximum, requests against quota and limits).
 */
public class PreviewDefaultsConfig implements Describable<PreviewDefaultsConfig> {

    private static final String KIND = "Preview defaults";

    /** The attributes called differently in the model. */
    private static final Map<String, String> ATTRIBUTES =
            Map.of("cpu", "quotaCpu", "memory", "quotaMemory", "pods", "quotaPods");

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
        EntryFields.check(KIND, "cluster", () -> PreviewDefaults.checkCluster(this.cluster));
    }

    /** @return how messages name this entry */
    String entry() {
        return KIND;
    }

    public String getCluster() {
        return cluster;
    }

    public String getNamespacePattern() {
        return namespacePattern;
    }

    @DataBoundSetter
    public void setNamespacePattern(String namespacePattern) {
        String value = Util.fixEmptyAndTrim(namespacePattern);
        EntryFields.check(KIND, "namespacePattern", () -> PreviewDefaults.checkNamespacePattern(value));
        this.namespacePattern = value;
    }

    public String getHostTemplate() {
        return hostTemplate;
    }

    @DataBoundSetter
    public void setHostTemplate(String hostTemplate) {
        String value = Util.fixEmptyAndTrim(hostTemplate);
        EntryFields.check(KIND, "hostTemplate", () -> PreviewDefaults.checkHostTemplate(value));
        this.hostTemplate = value;
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
        String value = Util.fixEmptyAndTrim(maxTtl);
        EntryFields.check(KIND, "maxTtl", () -> PreviewDefaults.parseMaxTtl(value));
        this.maxTtl = value;
    }

    public String getMaxTimeout() {
        return maxTimeout;
    }

    @DataBoundSetter
    public void setMaxTimeout(String maxTimeout) {
        String value = Util.fixEmptyAndTrim(maxTimeout);
        EntryFields.check(KIND, "maxTimeout", () -> PreviewDefaults.parseMaxTimeout(value));
        this.maxTimeout = value;
    }

    public String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(String ttl) {
        String value = Util.fixEmptyAndTrim(ttl);
        EntryFields.check(KIND, "ttl", () -> PreviewDefaults.parseTtl(value));
        this.ttl = value;
    }

    public String getQuotaCpu() {
        return quotaCpu;
    }

    @DataBoundSetter
    public void setQuotaCpu(String quotaCpu) {
        String value = Util.fixEmptyAndTrim(quotaCpu);
        EntryFields.check(KIND, "quotaCpu", () -> Quota.checkCpu(value));
        this.quotaCpu = value;
    }

    public String getQuotaMemory() {
        return quotaMemory;
    }

    @DataBoundSetter
    public void setQuotaMemory(String quotaMemory) {
        String value = Util.fixEmptyAndTrim(quotaMemory);
        EntryFields.check(KIND, "quotaMemory", () -> Quota.checkMemory(value));
        this.quotaMemory = value;
    }

    public int getQuotaPods() {
        return quotaPods;
    }

    @DataBoundSetter
    public void setQuotaPods(int quotaPods) {
        EntryFields.check(KIND, "quotaPods", () -> Quota.checkPods(quotaPods));
        this.quotaPods = quotaPods;
    }

    public String getDefaultCpuRequest() {
        return defaultCpuRequest;
    }

    @DataBoundSetter
    public void setDefaultCpuRequest(String defaultCpuRequest) {
        String value = Util.fixEmptyAndTrim(defaultCpuRequest);
        EntryFields.check(KIND, "defaultCpuRequest", () -> Limits.checkDefaultCpuRequest(value));
        this.defaultCpuRequest = value;
    }

    public String getDefaultMemoryRequest() {
        return defaultMemoryRequest;
    }

    @DataBoundSetter
    public void setDefaultMemoryRequest(String defaultMemoryRequest) {
        String value = Util.fixEmptyAndTrim(defaultMemoryRequest);
        EntryFields.check(KIND, "defaultMemoryRequest", () -> Limits.checkDefaultMemoryRequest(value));
        this.defaultMemoryRequest = value;
    }

    public String getDefaultCpuLimit() {
        return defaultCpuLimit;
    }

    @DataBoundSetter
    public void setDefaultCpuLimit(String defaultCpuLimit) {
        String value = Util.fixEmptyAndTrim(defaultCpuLimit);
        EntryFields.check(KIND, "defaultCpuLimit", () -> Limits.checkDefaultCpuLimit(value));
        this.defaultCpuLimit = value;
    }

    public String getDefaultMemoryLimit() {
        return defaultMemoryLimit;
    }

    @DataBoundSetter
    public void setDefaultMemoryLimit(String defaultMemoryLimit) {
        String value = Util.fixEmptyAndTrim(defaultMemoryLimit);
        EntryFields.check(KIND, "defaultMemoryLimit", () -> Limits.checkDefaultMemoryLimit(value));
        this.defaultMemoryLimit = value;
    }

    public String getWhenFull() {
        return whenFull;
    }

    @DataBoundSetter
    public void setWhenFull(String whenFull) {
        String value = Util.fixEmptyAndTrim(whenFull);
        EntryFields.check(KIND, "whenFull", () -> value == null ? null : WhenFull.parse(value));
        this.whenFull = value;
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public PreviewDefaults toModel() {
        return EntryFields.check(
                KIND,
                ATTRIBUTES,
                () -> new PreviewDefaults(
                        cluster,
                        namespacePattern,
                        hostTemplate,
                        ttl == null ? null : PreviewDefaults.parseTtl(ttl),
                        new Quota(quotaCpu, quotaMemory, quotaPods),
                        new Limits(defaultCpuRequest, defaultMemoryRequest, defaultCpuLimit, defaultMemoryLimit),
                        whenFull == null ? null : WhenFull.parse(whenFull),
                        previewDomain,
                        maxTtl == null ? null : PreviewDefaults.parseMaxTtl(maxTtl),
                        maxTimeout == null ? null : PreviewDefaults.parseMaxTimeout(maxTimeout)));
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
