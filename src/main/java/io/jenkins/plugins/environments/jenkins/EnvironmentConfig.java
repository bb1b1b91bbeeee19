package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.environments.model.DataPolicy;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.Tier;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An environment as the configuration page and Configuration as Code bind it. Optional groups (gates, GitOps target)
 * are nested describables, absent when not configured; {@link #toModel()} validates.
 */
public class EnvironmentConfig implements Describable<EnvironmentConfig> {

    private final String name;
    private final String tier;
    private final String cluster;
    private String namespace;
    private String region;
    private String dataPolicy;
    private String promotesFrom;
    private String owner;
    private String costCenter;
    private String allowedJobs;
    private GatesConfig gates;
    private GitOpsConfig gitOps;

    @DataBoundConstructor
    public EnvironmentConfig(String name, String tier, String cluster) {
        this.name = Util.fixEmptyAndTrim(name);
        this.tier = Util.fixEmptyAndTrim(tier);
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    public String getName() {
        return name;
    }

    public String getTier() {
        return tier;
    }

    public String getCluster() {
        return cluster;
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    public String getDataPolicy() {
        return dataPolicy;
    }

    @DataBoundSetter
    public void setDataPolicy(String dataPolicy) {
        this.dataPolicy = Util.fixEmptyAndTrim(dataPolicy);
    }

    public String getPromotesFrom() {
        return promotesFrom;
    }

    @DataBoundSetter
    public void setPromotesFrom(String promotesFrom) {
        this.promotesFrom = Util.fixEmptyAndTrim(promotesFrom);
    }

    public String getOwner() {
        return owner;
    }

    @DataBoundSetter
    public void setOwner(String owner) {
        this.owner = Util.fixEmptyAndTrim(owner);
    }

    public String getCostCenter() {
        return costCenter;
    }

    @DataBoundSetter
    public void setCostCenter(String costCenter) {
        this.costCenter = Util.fixEmptyAndTrim(costCenter);
    }

    /** @return the allowed-job patterns, one per line */
    public String getAllowedJobs() {
        return allowedJobs;
    }

    @DataBoundSetter
    public void setAllowedJobs(String allowedJobs) {
        this.allowedJobs = Util.fixEmptyAndTrim(allowedJobs);
    }

    public GatesConfig getGates() {
        return gates;
    }

    @DataBoundSetter
    public void setGates(GatesConfig gates) {
        this.gates = gates;
    }

    public GitOpsConfig getGitOps() {
        return gitOps;
    }

    @DataBoundSetter
    public void setGitOps(GitOpsConfig gitOps) {
        this.gitOps = gitOps;
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public Environment toModel() {
        return new Environment(
                name,
                Tier.parse(tier),
                cluster,
                namespace,
                region,
                dataPolicy == null ? null : DataPolicy.parse(dataPolicy),
                promotesFrom,
                owner,
                costCenter,
                gates == null ? null : gates.toModel(),
                FormChecks.entries(allowedJobs, false),
                gitOps == null ? null : gitOps.toModel());
    }

    @Extension
    @Symbol("environment")
    public static final class DescriptorImpl extends Descriptor<EnvironmentConfig> {

        @Override
        public String getDisplayName() {
            return Messages.EnvironmentConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.check(() -> Environment.checkName(value));
        }

        @POST
        public FormValidation doCheckCluster(@QueryParameter String value) {
            return FormChecks.check(() -> Environment.checkCluster(value));
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return FormChecks.check(() -> Environment.checkNamespacePattern(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckPromotesFrom(@QueryParameter String name, @QueryParameter String value) {
            return FormChecks.check(() -> Environment.checkPromotesFrom(name, Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckAllowedJobs(@QueryParameter String value) {
            if (ConfigurationPermission.granted()
                    && FormChecks.entries(value, false).isEmpty()) {
                return FormValidation.warning(Messages.EnvironmentConfig_NoAllowedJobs());
            }
            return FormChecks.check(() -> Environment.checkAllowedJobs(FormChecks.entries(value, false)));
        }

        @POST
        public ListBoxModel doFillTierItems() {
            if (!ConfigurationPermission.granted()) {
                return new ListBoxModel();
            }
            ListBoxModel items = new ListBoxModel();
            for (Tier tier : Tier.values()) {
                items.add(tier.id(), tier.id());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillDataPolicyItems() {
            if (!ConfigurationPermission.granted()) {
                return new ListBoxModel();
            }
            ListBoxModel items = new ListBoxModel();
            for (DataPolicy policy : DataPolicy.values()) {
                items.add(policy.id(), policy.id());
            }
            return items;
        }
    }
}
