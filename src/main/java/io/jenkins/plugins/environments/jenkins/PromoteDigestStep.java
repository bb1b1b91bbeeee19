package io.jenkins.plugins.environments.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code promoteDigest}: moves one verified digest into an environment, through its gates, by registry or GitOps; or
 * rolls the environment back. See {@code docs/promotion.md}.
 */
public final class PromoteDigestStep extends Step {

    private java.util.List<String> imageFields;
    private final String to;
    private String image;
    private String digest;
    private String app;
    private String from;
    private String strategy = "registry";
    private String targetImage;
    private String targetTag;
    private String changeTicket;
    private boolean rollback;
    private boolean releaseHold;
    private String scanReport;
    private String waivers;
    private String chart;
    private String kustomize;
    private String manifests;
    private java.util.List<String> values;
    private List<String> set;
    private List<String> setString;
    private List<String> setFile;
    private String helm;
    private String kubectl;
    private boolean wait = true;
    private String timeout;
    private String awaitRollout;

    @DataBoundConstructor
    public PromoteDigestStep(String to) {
        this.to = to;
    }

    public String getTo() {
        return to;
    }

    public String getImage() {
        return image;
    }

    /** Fixed by the app's configuration: refused when it names another repository. */
    @DataBoundSetter
    public void setImage(String image) {
        this.image = image;
    }

    public String getDigest() {
        return digest;
    }

    @DataBoundSetter
    public void setDigest(String digest) {
        this.digest = digest;
    }

    public String getApp() {
        return app;
    }

    /** The name of an app declared in the global configuration; required. */
    @DataBoundSetter
    public void setApp(String app) {
        this.app = app;
    }

    public String getFrom() {
        return from;
    }

    /** Fixed by the target environment's {@code promotesFrom}: refused when it names another environment. */
    @DataBoundSetter
    public void setFrom(String from) {
        this.from = from;
    }

    public String getStrategy() {
        return strategy;
    }

    @DataBoundSetter
    public void setStrategy(String strategy) {
        this.strategy = strategy;
    }

    public String getTargetImage() {
        return targetImage;
    }

    /** Fixed by the app's target: refused when it names another repository. */
    @DataBoundSetter
    public void setTargetImage(String targetImage) {
        this.targetImage = targetImage;
    }

    public String getTargetTag() {
        return targetTag;
    }

    /** Fixed by the app's target: refused when it names another tag. */
    @DataBoundSetter
    public void setTargetTag(String targetTag) {
        this.targetTag = targetTag;
    }

    public String getChangeTicket() {
        return changeTicket;
    }

    @DataBoundSetter
    public void setChangeTicket(String changeTicket) {
        this.changeTicket = changeTicket;
    }

    public boolean isRollback() {
        return rollback;
    }

    @DataBoundSetter
    public void setRollback(boolean rollback) {
        this.rollback = rollback;
    }

    public boolean isReleaseHold() {
        return releaseHold;
    }

    @DataBoundSetter
    public void setReleaseHold(boolean releaseHold) {
        this.releaseHold = releaseHold;
    }

    public String getScanReport() {
        return scanReport;
    }

    /** A Trivy JSON or SARIF report in the workspace, for the scan gate. */
    @DataBoundSetter
    public void setScanReport(String scanReport) {
        this.scanReport = scanReport;
    }

    public String getWaivers() {
        return waivers;
    }

    /** A waiver file in the workspace, for the scan gate. */
    @DataBoundSetter
    public void setWaivers(String waivers) {
        this.waivers = waivers;
    }

    public String getChart() {
        return chart;
    }

    /** For {@code deploy}: a Helm chart folder in the workspace. */
    @DataBoundSetter
    public void setChart(String chart) {
        this.chart = chart;
    }

    public String getKustomize() {
        return kustomize;
    }

    /** For {@code deploy}: a kustomize overlay folder. */
    @DataBoundSetter
    public void setKustomize(String kustomize) {
        this.kustomize = kustomize;
    }

    public String getManifests() {
        return manifests;
    }

    /** For {@code deploy}: a folder of manifests. */
    @DataBoundSetter
    public void setManifests(String manifests) {
        this.manifests = manifests;
    }

    public java.util.List<String> getValues() {
        return values;
    }

    /** For {@code deploy}: values files in order, the environment's own layer last. */
    @DataBoundSetter
    public void setValues(java.util.List<String> values) {
        this.values = values;
    }

    /** @return further places that hold the app's image, {@code Kind:dotted.path} each; {@code null} for none */
    public java.util.List<String> getImageFields() {
        return imageFields;
    }

    @DataBoundSetter
    public void setImageFields(java.util.List<String> imageFields) {
        this.imageFields = imageFields;
    }

    /** @return the {@code key=value} entries as given; {@code null} for none */
    public List<String> getSet() {
        return set;
    }

    /** For {@code deploy}: chart values ({@code --set}), {@code key=value} entries as {@code deployPreview} takes them. */
    @DataBoundSetter
    public void setSet(List<String> set) {
        this.set = set == null ? null : new ArrayList<>(set);
    }

    /** @return the {@code key=value} entries as given; {@code null} for none */
    public List<String> getSetString() {
        return setString;
    }

    /** For {@code deploy}: chart values as strings ({@code --set-string}), {@code key=value} entries. */
    @DataBoundSetter
    public void setSetString(List<String> setString) {
        this.setString = setString == null ? null : new ArrayList<>(setString);
    }

    /** @return the {@code key=value} entries as given; {@code null} for none */
    public List<String> getSetFile() {
        return setFile;
    }

    /** For {@code deploy}: chart values read from workspace files ({@code --set-file}), {@code key=path} entries. */
    @DataBoundSetter
    public void setSetFile(List<String> setFile) {
        this.setFile = setFile == null ? null : new ArrayList<>(setFile);
    }

    public String getHelm() {
        return helm;
    }

    /** For {@code deploy}: the helm executable. */
    @DataBoundSetter
    public void setHelm(String helm) {
        this.helm = helm;
    }

    public String getKubectl() {
        return kubectl;
    }

    /** For {@code deploy}: the kubectl executable. */
    @DataBoundSetter
    public void setKubectl(String kubectl) {
        this.kubectl = kubectl;
    }

    public String getTimeout() {
        return timeout;
    }

    /** For {@code deploy}: how long to render and wait. */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public boolean isWait() {
        return wait;
    }

    /** For {@code deploy}: wait until the Deployments and StatefulSets have rolled out. */
    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public String getAwaitRollout() {
        return awaitRollout;
    }

    /** For {@code gitops}: how long to wait until the target's cluster runs the digest; no wait when empty. */
    @DataBoundSetter
    public void setAwaitRollout(String awaitRollout) {
        this.awaitRollout = awaitRollout;
    }

    /** @return the app, as set; it must be one an administrator declared */
    String app() {
        return app;
    }

    /** Runs off the pipeline's thread; a rerun after a restart is harmless, so no state is kept. */
    @Override
    public StepExecution start(StepContext context) {
        return StepExecutions.synchronousNonBlocking(
                context, c -> PromotionSteps.promote(this, c, JenkinsPromotionBackend.INSTANCE));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "promoteDigest";
        }

        @Override
        public String getDisplayName() {
            return Messages.PromoteDigestStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }
    }
}
