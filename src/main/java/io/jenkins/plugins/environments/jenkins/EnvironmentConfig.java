package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.environments.model.DataPolicy;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.Tier;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An environment as the configuration page and Configuration as Code bind it. Optional groups (gates, GitOps target)
 * are nested describables, absent when not configured. The constructor and each setter refuse a value that breaks the
 * model's rule for that field; {@link #toModel()} checks the entry as a whole.
 */
public class EnvironmentConfig implements Describable<EnvironmentConfig> {

    private static final String KIND = "Environment";

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
        EntryFields.check(EntryFields.entry(KIND, null), "name", () -> Environment.checkName(this.name));
        this.tier = Util.fixEmptyAndTrim(tier);
        EntryFields.check(entry(), "tier", () -> Tier.parse(this.tier));
        this.cluster = Util.fixEmptyAndTrim(cluster);
        EntryFields.check(entry(), "cluster", () -> Environment.checkCluster(this.cluster));
    }

    /** @return how messages name this entry */
    String entry() {
        return EntryFields.entry(KIND, name);
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
        String value = Util.fixEmptyAndTrim(namespace);
        EntryFields.check(entry(), "namespace", () -> Environment.checkNamespacePattern(value));
        this.namespace = value;
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        String value = Util.fixEmptyAndTrim(region);
        EntryFields.check(entry(), "region", () -> Environment.checkRegion(value));
        this.region = value;
    }

    public String getDataPolicy() {
        return dataPolicy;
    }

    @DataBoundSetter
    public void setDataPolicy(String dataPolicy) {
        String value = Util.fixEmptyAndTrim(dataPolicy);
        EntryFields.check(entry(), "dataPolicy", () -> value == null ? null : DataPolicy.parse(value));
        this.dataPolicy = value;
    }

    public String getPromotesFrom() {
        return promotesFrom;
    }

    @DataBoundSetter
    public void setPromotesFrom(String promotesFrom) {
        String value = Util.fixEmptyAndTrim(promotesFrom);
        EntryFields.check(entry(), "promotesFrom", () -> Environment.checkPromotesFrom(name, value));
        this.promotesFrom = value;
    }

    public String getOwner() {
        return owner;
    }

    @DataBoundSetter
    public void setOwner(String owner) {
        String value = Util.fixEmptyAndTrim(owner);
        EntryFields.check(entry(), "owner", () -> Environment.checkOwner(value));
        this.owner = value;
    }

    public String getCostCenter() {
        return costCenter;
    }

    @DataBoundSetter
    public void setCostCenter(String costCenter) {
        String value = Util.fixEmptyAndTrim(costCenter);
        EntryFields.check(entry(), "costCenter", () -> Environment.checkCostCenter(value));
        this.costCenter = value;
    }

    /** @return the allowed-job patterns, one per line */
    public String getAllowedJobs() {
        return allowedJobs;
    }

    @DataBoundSetter
    public void setAllowedJobs(String allowedJobs) {
        String value = Util.fixEmptyAndTrim(allowedJobs);
        EntryFields.check(entry(), "allowedJobs", () -> Environment.checkAllowedJobs(FormChecks.entries(value, false)));
        this.allowedJobs = value;
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
        Gates gatesModel = gates == null ? null : EntryFields.within(entry(), gates::toModel);
        GitOpsTarget gitOpsModel = gitOps == null ? null : EntryFields.within(entry(), gitOps::toModel);
        return EntryFields.check(
                entry(),
                Map.of("namespacePattern", "namespace"),
                () -> new Environment(
                        name,
                        Tier.parse(tier),
                        cluster,
                        namespace,
                        region,
                        dataPolicy == null ? null : DataPolicy.parse(dataPolicy),
                        promotesFrom,
                        owner,
                        costCenter,
                        gatesModel,
                        FormChecks.entries(allowedJobs, false),
                        gitOpsModel));
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
