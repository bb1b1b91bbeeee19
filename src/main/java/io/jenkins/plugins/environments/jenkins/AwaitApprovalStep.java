package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.approval.ApprovalSettings;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code awaitApproval}: pauses the build until enough allowed reviewers approve one digest for one environment. The
 * gate comes from the environment's configuration; every setting here may only tighten it. Call it outside {@code
 * node}: it holds no executor while it waits. The rules are in {@code io.jenkins.plugins.environments.approval}; the
 * work in {@link ApprovalWait}; decisions arrive through {@link ApprovalsAction}.
 */
public class AwaitApprovalStep extends Step {

    private final String environment;
    private final String digest;
    private String app;
    private String message;
    private ArrayList<String> approvers;
    private Integer minApprovals;
    private Boolean forbidSelfApproval;
    private Boolean allowAdministrators;
    private Boolean requireChangeTicket;
    private String changeTicketPattern;
    private String timeout;

    @DataBoundConstructor
    public AwaitApprovalStep(String environment, String digest) {
        this.environment = environment;
        this.digest = digest;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDigest() {
        return digest;
    }

    public String getApp() {
        return app;
    }

    /** @param app the app whose digest is approved; by default the job's name */
    @DataBoundSetter
    public void setApp(String app) {
        this.app = blankToNull(app);
    }

    public String getMessage() {
        return message;
    }

    /** @param message what the reviewers read on the page and in the build log */
    @DataBoundSetter
    public void setMessage(String message) {
        this.message = blankToNull(message);
    }

    public List<String> getApprovers() {
        return approvers;
    }

    /** @param approvers user ids and group names, each one the environment lists (when it lists any) */
    @DataBoundSetter
    public void setApprovers(List<String> approvers) {
        this.approvers = approvers == null || approvers.isEmpty() ? null : new ArrayList<>(approvers);
    }

    public Integer getMinApprovals() {
        return minApprovals;
    }

    @DataBoundSetter
    public void setMinApprovals(Integer minApprovals) {
        this.minApprovals = minApprovals;
    }

    public Boolean getForbidSelfApproval() {
        return forbidSelfApproval;
    }

    @DataBoundSetter
    public void setForbidSelfApproval(Boolean forbidSelfApproval) {
        this.forbidSelfApproval = forbidSelfApproval;
    }

    public Boolean getAllowAdministrators() {
        return allowAdministrators;
    }

    @DataBoundSetter
    public void setAllowAdministrators(Boolean allowAdministrators) {
        this.allowAdministrators = allowAdministrators;
    }

    public Boolean getRequireChangeTicket() {
        return requireChangeTicket;
    }

    @DataBoundSetter
    public void setRequireChangeTicket(Boolean requireChangeTicket) {
        this.requireChangeTicket = requireChangeTicket;
    }

    public String getChangeTicketPattern() {
        return changeTicketPattern;
    }

    @DataBoundSetter
    public void setChangeTicketPattern(String changeTicketPattern) {
        this.changeTicketPattern = blankToNull(changeTicketPattern);
    }

    public String getTimeout() {
        return timeout;
    }

    /** @param timeout how long to wait, such as {@code 30m}, {@code 72h}, {@code 1d12h}; 7 days by default */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = blankToNull(timeout);
    }

    /** @return the arguments as the approval rules take them */
    ApprovalWait.Ask ask() {
        return new ApprovalWait.Ask(
                app,
                environment,
                digest,
                message,
                new ApprovalSettings(
                        minApprovals,
                        approvers,
                        forbidSelfApproval,
                        allowAdministrators,
                        requireChangeTicket,
                        changeTicketPattern,
                        timeout));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, ask());
    }

    /**
     * The step's execution, a shell around {@link ApprovalWait}. It keeps only the request's id: the request itself
     * is saved with the run by {@link ApprovalsAction}.
     */
    static final class Execution extends StepExecution {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient ApprovalWait.Ask ask;
        private String requestId;
        private transient ApprovalWait wait;

        Execution(StepContext context, ApprovalWait.Ask ask) {
            super(context);
            this.ask = ask;
        }

        @Override
        public boolean start() throws Exception {
            requestId = waitFor().start(ask);
            return false;
        }

        @Override
        public void onResume() {
            waitFor().resume(requestId);
        }

        @Override
        public void stop(Throwable cause) {
            waitFor().stop(requestId, cause);
        }

        @Override
        public String getStatus() {
            return requestId == null ? null : Messages.AwaitApprovalStep_Status(requestId);
        }

        private synchronized ApprovalWait waitFor() {
            if (wait == null) {
                wait = new ApprovalWait(getContext(), Services.jenkins(), ApprovalBriefings.jenkins());
            }
            return wait;
        }
    }

    /** Describes {@code awaitApproval} to Pipeline and the Snippet Generator. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "awaitApproval";
        }

        @Override
        public String getDisplayName() {
            return Messages.AwaitApprovalStep_DisplayName();
        }
    }
}
