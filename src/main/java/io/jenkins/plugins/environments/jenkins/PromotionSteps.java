package io.jenkins.plugins.environments.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.promotion.DeployInputs;
import io.jenkins.plugins.environments.promotion.Promoter;
import io.jenkins.plugins.environments.promotion.PromotionException;
import io.jenkins.plugins.environments.promotion.PromotionRequest;
import io.jenkins.plugins.environments.promotion.PromotionResult;
import java.util.Map;
import java.util.function.Consumer;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What {@code promoteDigest} does with its step context: read the build (job, URL, who started it, its approvals and,
 * when asked for, the scan report and waivers in its workspace), hand the request to the Jenkins-free
 * {@link io.jenkins.plugins.environments.promotion.Promoter}, log the gates and the result, and note the promotion on
 * the build page.
 */
final class PromotionSteps {

    private static final String PREFIX = "[promoteDigest] ";

    private PromotionSteps() {}

    static Map<String, Object> promote(PromoteDigestStep step, StepContext context, PromotionBackend backend)
            throws Exception {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars environment = context.get(EnvVars.class);
        Promoter promoter = backend.promoter(run);
        Consumer<String> log = Redacted.log(listener, "promoteDigest");
        try {
            // Before anything of the build is read: a job that may not promote this app here gets only its refusal.
            promoter.admit(step.app(), step.getTo(), run.getParent().getFullName(), log);
        } catch (PromotionException | InvalidConfigurationException e) {
            throw Redacted.abort(e);
        }
        String scanReport = null;
        String waivers = null;
        if (step.getScanReport() != null || step.getWaivers() != null) {
            FilePath workspace = context.get(FilePath.class);
            if (workspace == null) {
                throw new AbortException(Messages.PromotionSteps_NoWorkspace());
            }
            FilePathWorkspace files = new FilePathWorkspace(workspace);
            try {
                scanReport = step.getScanReport() == null ? null : files.readText(step.getScanReport());
                waivers = step.getWaivers() == null ? null : files.readText(step.getWaivers());
            } catch (io.jenkins.plugins.environments.render.RenderException e) {
                throw Redacted.abort(e);
            }
        }
        DeployInputs deploy = null;
        if ("deploy".equals(step.getStrategy())) {
            FilePath workspace = context.get(FilePath.class);
            Launcher launcher = context.get(Launcher.class);
            deploy = new DeployInputs(
                    step.getChart(),
                    step.getKustomize(),
                    step.getManifests(),
                    step.getValues(),
                    StepArguments.stringMap("set", step.getSet()),
                    StepArguments.stringMap("setString", step.getSetString()),
                    StepArguments.stringMap("setFile", step.getSetFile()),
                    step.getHelm(),
                    step.getKubectl(),
                    step.isWait(),
                    step.getTimeout(),
                    workspace == null || launcher == null
                            ? null
                            : AgentTools.of(workspace, launcher, environment, listener),
                    step.getImageFields());
        }
        AgentRenderSite gitOpsRender = null;
        if ("gitops".equals(step.getStrategy())) {
            // Inside node, a GitOps target with a chart or overlay is rendered on the agent before the push.
            FilePath workspace = context.get(FilePath.class);
            Launcher launcher = context.get(Launcher.class);
            if (workspace != null && launcher != null) {
                gitOpsRender = new AgentRenderSite(
                        workspace, launcher, environment, listener, step.getHelm(), step.getKubectl());
            }
        }
        try {
            return promote(step, run, backend, promoter, log, deploy, gitOpsRender, scanReport, waivers);
        } catch (PromotionException | InvalidConfigurationException e) {
            throw Redacted.abort(e);
        }
    }

    private static Map<String, Object> promote(
            PromoteDigestStep step,
            Run<?, ?> run,
            PromotionBackend backend,
            Promoter promoter,
            Consumer<String> log,
            DeployInputs deploy,
            AgentRenderSite gitOpsRender,
            String scanReport,
            String waivers)
            throws Exception {
        PromotionRequest request = PromotionRequest.builder(step.app(), step.getImage(), step.getTo())
                .digest(step.getDigest())
                .from(step.getFrom())
                .strategy(step.getStrategy())
                .targetImage(step.getTargetImage())
                .targetTag(step.getTargetTag())
                .changeTicket(step.getChangeTicket())
                .rollback(step.isRollback())
                .releaseHold(step.isReleaseHold())
                .job(run.getParent().getFullName())
                .buildUrl(backend.buildUrl(run))
                .actor(startedBy(run))
                .approvals(backend.approvals(run))
                .scanReportName(step.getScanReport())
                .scanReport(scanReport)
                .waiversName(step.getWaivers())
                .waivers(waivers)
                .deploy(deploy)
                .awaitRollout(step.getAwaitRollout())
                .timeout(step.getTimeout())
                .gitOpsRender(gitOpsRender)
                .build();
        PromotionResult result = promoter.promote(request, log);
        PromotionAction action = run.getAction(PromotionAction.class);
        if (action == null) {
            action = new PromotionAction();
            run.addAction(action);
        }
        action.add(new PromotionAction.Entry(
                result.app(),
                result.digest(),
                result.from(),
                result.to(),
                result.strategy().id(),
                result.target(),
                result.rollback()));
        action.keepScan(result.digest(), step.getScanReport(), scanReport, step.getWaivers(), waivers);
        run.save();
        return Redacted.result(result.toStepResult());
    }

    /** @return the id of the user who started the build, or {@code null} when no person did */
    static String startedBy(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause == null ? null : cause.getUserId();
    }
}
