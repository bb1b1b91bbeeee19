package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.preview.PreviewDeployer;
import io.jenkins.plugins.environments.preview.PreviewException;
import io.jenkins.plugins.environments.preview.PreviewPlanner;
import io.jenkins.plugins.environments.preview.PreviewRequest;
import io.jenkins.plugins.environments.preview.PreviewResult;
import io.jenkins.plugins.environments.preview.PreviewTarget;
import io.jenkins.plugins.environments.preview.TeardownResult;
import java.util.Map;
import java.util.function.Consumer;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code deployPreview} and {@code teardownPreview} do with their step context: read the build (its URL from the
 * run itself, never from {@code BUILD_URL}, which a pipeline can set with {@code withEnv}), its environment
 * ({@code CHANGE_ID}), workspace and launcher, hand the request to the Jenkins-free preview code,
 * log its progress and return its result. A refused or failed preview ends the step with its message only (no stack
 * trace). The step executions stay thin shells around this class, so it can be tested with a mocked context.
 */
final class PreviewSteps {

    /** The environment variable a multibranch pull-request build sets to the pull request's number. */
    static final String CHANGE_ID = "CHANGE_ID";

    private PreviewSteps() {}

    static Map<String, Object> deploy(DeployPreviewStep step, StepContext context, PreviewBackend backend)
            throws Exception {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars environment = context.get(EnvVars.class);
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        if (workspace == null || launcher == null) {
            throw new AbortException(Messages.PreviewSteps_NoWorkspace());
        }
        String pr = pullRequest(step.getPr(), environment);
        try {
            PreviewRequest request =
                    step.toRequest(pr, backend.buildUrl(run), run.getParent().getFullName());
            PreviewDeployer deployer = backend.deployer(run);
            PreviewResult result = deployer.deploy(
                    request, backend.tools(workspace, launcher, environment, listener), log(listener, "deployPreview"));
            PreviewAction link = new PreviewAction(step.getApp(), pr, result.url());
            if (!run.getActions(PreviewAction.class).contains(link)) {
                run.addAction(link);
            }
            return Redacted.result(result.toStepResult());
        } catch (PreviewException | InvalidConfigurationException | AbortException e) {
            throw Redacted.abort(e);
        }
    }

    static Map<String, Object> teardown(TeardownPreviewStep step, StepContext context, PreviewBackend backend)
            throws Exception {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars environment = context.get(EnvVars.class);
        String pr = pullRequest(step.getPr(), environment);
        try {
            PreviewTarget target = PreviewPlanner.target(
                    backend.configuration(), step.getApp(), pr, step.getCluster(), step.getNamespace());
            TeardownResult result = backend.deployer(run)
                    .teardown(
                            target,
                            step.timeout(),
                            "manual",
                            null,
                            backend.buildUrl(run),
                            log(listener, "teardownPreview"));
            return Redacted.result(result.toStepResult());
        } catch (PreviewException | InvalidConfigurationException | AbortException e) {
            throw Redacted.abort(e);
        }
    }

    /** @return the step's {@code pr}, or the build's {@code CHANGE_ID}, or {@code null} (the planner says why) */
    static String pullRequest(String fromStep, EnvVars environment) {
        if (fromStep != null && !fromStep.isBlank()) {
            return fromStep;
        }
        return environment == null ? null : environment.get(CHANGE_ID);
    }

    private static Consumer<String> log(TaskListener listener, String step) {
        return Redacted.log(listener, step);
    }
}
