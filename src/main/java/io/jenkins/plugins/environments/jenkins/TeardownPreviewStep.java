package io.jenkins.plugins.environments.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.preview.PreviewDeployer;
import java.time.Duration;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code teardownPreview}: deletes the pull request's preview and waits until it is gone. Needs no workspace, so it
 * can run outside {@code node}, in a {@code post} section say. Tearing down a preview that is not there succeeds.
 */
public final class TeardownPreviewStep extends Step {

    private final String app;
    private String pr;
    private String cluster;
    private String namespace;
    private String timeout;

    @DataBoundConstructor
    public TeardownPreviewStep(String app) {
        this.app = app;
    }

    public String getApp() {
        return app;
    }

    public String getPr() {
        return pr;
    }

    @DataBoundSetter
    public void setPr(String pr) {
        this.pr = pr;
    }

    public String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    /** @return how long to wait for the namespace to go, 5 minutes unless set */
    Duration timeout() throws hudson.AbortException {
        if (timeout == null || timeout.isBlank()) {
            return PreviewDeployer.DEFAULT_TEARDOWN_TIMEOUT;
        }
        try {
            return Durations.parse("timeout", "Timeout", timeout);
        } catch (InvalidConfigurationException e) {
            throw Redacted.abort(e);
        }
    }

    /** Runs off the pipeline's thread; a rerun after a restart is harmless, so no state is kept. */
    @Override
    public StepExecution start(StepContext context) {
        return StepExecutions.synchronousNonBlocking(
                context, c -> PreviewSteps.teardown(this, c, JenkinsPreviewBackend.INSTANCE));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "teardownPreview";
        }

        @Override
        public String getDisplayName() {
            return Messages.TeardownPreviewStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }
    }
}
