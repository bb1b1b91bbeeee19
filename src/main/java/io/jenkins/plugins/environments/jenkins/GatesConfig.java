package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.ScanPolicy;
import io.jenkins.plugins.environments.model.Severity;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The promotion gates of an environment; present only when the administrator adds them. Each setter refuses a value
 * that breaks the model's rule for that field; {@link #toModel()} checks the gates as a whole.
 */
public class GatesConfig implements Describable<GatesConfig> {

    private static final String KIND = "Gates";

    private int requiredApprovals;
    private String approvers;
    private boolean forbidSelfApproval = true;
    private boolean allowAdministrators;
    private String signatureCredentialsId;
    private String maxScanSeverity;
    private String changeTicketPattern;
    private boolean requireLiveInSource;
    private String unknownSeverityAs;
    private String secretFindingsAs;
    private boolean scanReportMayOmitDigest;

    @DataBoundConstructor
    public GatesConfig() {}

    public int getRequiredApprovals() {
        return requiredApprovals;
    }

    @DataBoundSetter
    public void setRequiredApprovals(int requiredApprovals) {
        EntryFields.check(KIND, "requiredApprovals", () -> Gates.checkRequiredApprovals(requiredApprovals));
        this.requiredApprovals = requiredApprovals;
    }

    /** @return user ids and group names, separated by commas or new lines */
    public String getApprovers() {
        return approvers;
    }

    @DataBoundSetter
    public void setApprovers(String approvers) {
        String value = Util.fixEmptyAndTrim(approvers);
        EntryFields.check(KIND, "approvers", () -> Gates.checkApprovers(FormChecks.entries(value, true)));
        this.approvers = value;
    }

    public boolean isForbidSelfApproval() {
        return forbidSelfApproval;
    }

    @DataBoundSetter
    public void setForbidSelfApproval(boolean forbidSelfApproval) {
        this.forbidSelfApproval = forbidSelfApproval;
    }

    public boolean isAllowAdministrators() {
        return allowAdministrators;
    }

    @DataBoundSetter
    public void setAllowAdministrators(boolean allowAdministrators) {
        this.allowAdministrators = allowAdministrators;
    }

    public String getSignatureCredentialsId() {
        return signatureCredentialsId;
    }

    @DataBoundSetter
    public void setSignatureCredentialsId(String signatureCredentialsId) {
        String value = Util.fixEmptyAndTrim(signatureCredentialsId);
        EntryFields.check(KIND, "signatureCredentialsId", () -> Gates.checkSignatureKeyCredentialsId(value));
        this.signatureCredentialsId = value;
    }

    public String getMaxScanSeverity() {
        return maxScanSeverity;
    }

    @DataBoundSetter
    public void setMaxScanSeverity(String maxScanSeverity) {
        String value = Util.fixEmptyAndTrim(maxScanSeverity);
        EntryFields.check(KIND, "maxScanSeverity", () -> value == null ? null : Severity.parse(value));
        this.maxScanSeverity = value;
    }

    public String getChangeTicketPattern() {
        return changeTicketPattern;
    }

    @DataBoundSetter
    public void setChangeTicketPattern(String changeTicketPattern) {
        String value = Util.fixEmptyAndTrim(changeTicketPattern);
        EntryFields.check(KIND, "changeTicketPattern", () -> Gates.checkChangeTicketPattern(value));
        this.changeTicketPattern = value;
    }

    public boolean isRequireLiveInSource() {
        return requireLiveInSource;
    }

    @DataBoundSetter
    public void setRequireLiveInSource(boolean requireLiveInSource) {
        this.requireLiveInSource = requireLiveInSource;
    }

    /** @return how a finding of unknown severity counts; {@code null} for the default (high) */
    public String getUnknownSeverityAs() {
        return unknownSeverityAs;
    }

    @DataBoundSetter
    public void setUnknownSeverityAs(String unknownSeverityAs) {
        String value = Util.fixEmptyAndTrim(unknownSeverityAs);
        EntryFields.check(KIND, "unknownSeverityAs", () -> value == null ? null : unknownAs(value));
        this.unknownSeverityAs = value;
    }

    /** @return how a secret found in the image counts; {@code null} for the default (critical) */
    public String getSecretFindingsAs() {
        return secretFindingsAs;
    }

    @DataBoundSetter
    public void setSecretFindingsAs(String secretFindingsAs) {
        String value = Util.fixEmptyAndTrim(secretFindingsAs);
        EntryFields.check(KIND, "secretFindingsAs", () -> value == null ? null : secretsAs(value));
        this.secretFindingsAs = value;
    }

    public boolean isScanReportMayOmitDigest() {
        return scanReportMayOmitDigest;
    }

    @DataBoundSetter
    public void setScanReportMayOmitDigest(boolean scanReportMayOmitDigest) {
        this.scanReportMayOmitDigest = scanReportMayOmitDigest;
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public Gates toModel() {
        Severity max = maxScanSeverity == null
                ? null
                : EntryFields.check(KIND, "maxScanSeverity", () -> Severity.parse(maxScanSeverity));
        Severity unknownAs = unknownSeverityAs == null
                ? ScanPolicy.DEFAULT.unknownAs()
                : EntryFields.check(
                        KIND,
                        "unknownSeverityAs",
                        () -> unknownAs(unknownSeverityAs).unknownAs());
        Severity secretsAs = secretFindingsAs == null
                ? ScanPolicy.DEFAULT.secretsAs()
                : EntryFields.check(
                        KIND,
                        "secretFindingsAs",
                        () -> secretsAs(secretFindingsAs).secretsAs());
        return EntryFields.check(
                KIND,
                Map.of("signatureKeyCredentialsId", "signatureCredentialsId"),
                () -> new Gates(
                        requiredApprovals,
                        FormChecks.entries(approvers, true),
                        forbidSelfApproval,
                        allowAdministrators,
                        signatureCredentialsId,
                        max,
                        changeTicketPattern,
                        requireLiveInSource,
                        new ScanPolicy(unknownAs, secretsAs, scanReportMayOmitDigest)));
    }

    /** The default policy with unknown findings counted as {@code severity}: the policy's rules for that field. */
    private static ScanPolicy unknownAs(String severity) {
        return new ScanPolicy(Severity.parse(severity), ScanPolicy.DEFAULT.secretsAs(), false);
    }

    /** The default policy with secrets counted as {@code severity}: the policy's rules for that field. */
    private static ScanPolicy secretsAs(String severity) {
        return new ScanPolicy(ScanPolicy.DEFAULT.unknownAs(), Severity.parse(severity), false);
    }

    @Extension
    @Symbol("gates")
    public static final class DescriptorImpl extends Descriptor<GatesConfig> {

        @Override
        public String getDisplayName() {
            return Messages.GatesConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckRequiredApprovals(@QueryParameter String value) {
            return FormChecks.check(
                    () -> Gates.checkRequiredApprovals(FormChecks.number("requiredApprovals", value, 0)));
        }

        @POST
        public FormValidation doCheckApprovers(@QueryParameter String value) {
            return FormChecks.check(() -> Gates.checkApprovers(FormChecks.entries(value, true)));
        }

        @POST
        public FormValidation doCheckChangeTicketPattern(@QueryParameter String value) {
            return FormChecks.check(() -> Gates.checkChangeTicketPattern(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckAllowAdministrators(@QueryParameter boolean value) {
            if (!ConfigurationPermission.granted() || !value) {
                return FormValidation.ok();
            }
            return FormValidation.warning(Messages.GatesConfig_AdministratorsBypass());
        }

        @POST
        public ListBoxModel doFillMaxScanSeverityItems() {
            if (!ConfigurationPermission.granted()) {
                return new ListBoxModel();
            }
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.GatesConfig_NoScanGate(), "");
            for (Severity severity : Severity.values()) {
                items.add(severity.id(), severity.id());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillUnknownSeverityAsItems() {
            if (!ConfigurationPermission.granted()) {
                return new ListBoxModel();
            }
            return countedSeverities(ScanPolicy.DEFAULT.unknownAs());
        }

        @POST
        public ListBoxModel doFillSecretFindingsAsItems() {
            if (!ConfigurationPermission.granted()) {
                return new ListBoxModel();
            }
            return countedSeverities(ScanPolicy.DEFAULT.secretsAs());
        }

        /** The severities a finding may be counted as, the default first and marked. */
        private static ListBoxModel countedSeverities(Severity byDefault) {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.GatesConfig_CountedByDefault(byDefault.id()), "");
            for (Severity severity : Severity.values()) {
                if (severity != Severity.UNKNOWN) {
                    items.add(severity.id(), severity.id());
                }
            }
            return items;
        }

        @POST
        public FormValidation doCheckSignatureCredentialsId(@QueryParameter String value) {
            if (!ConfigurationPermission.granted()) {
                return FormValidation.ok();
            }
            return CredentialsResolver.checkPublicKey(value);
        }

        @POST
        public ListBoxModel doFillSignatureCredentialsIdItems(@QueryParameter String signatureCredentialsId) {
            if (!ConfigurationPermission.granted()) {
                return CredentialsResolver.currentValueOnly(signatureCredentialsId);
            }
            return CredentialsResolver.publicKeyItems(signatureCredentialsId);
        }
    }
}
