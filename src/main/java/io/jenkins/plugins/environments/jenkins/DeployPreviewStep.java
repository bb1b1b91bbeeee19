package io.jenkins.plugins.environments.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.preview.PreviewRequest;
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
 * {@code deployPreview}: deploys (or redeploys) the pull request's preview and returns {@code namespace}, {@code url},
 * {@code digest} and {@code expiresAt}. See {@code docs/previews.md}.
 */
public final class DeployPreviewStep extends Step {

    private java.util.List<String> imageFields;
    private final String app;
    private String image;
    private String chart;
    private String kustomize;
    private String manifests;
    private List<String> values;
    private List<String> set;
    private List<String> setString;
    private List<String> setFile;
    private String pr;
    private String cluster;
    private String namespace;
    private String host;
    private String ttl;
    private PreviewQuota quota;
    private boolean wait = true;
    private String timeout;
    private String database;
    private String databaseManifests;
    private boolean pinned;
    private String helm;
    private String kubectl;

    @DataBoundConstructor
    public DeployPreviewStep(String app) {
        this.app = app;
    }

    public String getApp() {
        return app;
    }

    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = image;
    }

    public String getChart() {
        return chart;
    }

    @DataBoundSetter
    public void setChart(String chart) {
        this.chart = chart;
    }

    public String getKustomize() {
        return kustomize;
    }

    @DataBoundSetter
    public void setKustomize(String kustomize) {
        this.kustomize = kustomize;
    }

    public String getManifests() {
        return manifests;
    }

    @DataBoundSetter
    public void setManifests(String manifests) {
        this.manifests = manifests;
    }

    public List<String> getValues() {
        return values;
    }

    @DataBoundSetter
    public void setValues(List<String> values) {
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

    /** Chart values ({@code --set}), one {@code key=value} an entry: {@code set: ['replicaCount=2']}. */
    @DataBoundSetter
    public void setSet(List<String> set) {
        this.set = set == null ? null : new ArrayList<>(set);
    }

    /** @return the {@code key=value} entries as given; {@code null} for none */
    public List<String> getSetString() {
        return setString;
    }

    /** Chart values as strings ({@code --set-string}), {@code key=value} entries like {@code set}. */
    @DataBoundSetter
    public void setSetString(List<String> setString) {
        this.setString = setString == null ? null : new ArrayList<>(setString);
    }

    /** @return the {@code key=value} entries as given; {@code null} for none */
    public List<String> getSetFile() {
        return setFile;
    }

    /** Chart values read from workspace files ({@code --set-file}), {@code key=path} entries. */
    @DataBoundSetter
    public void setSetFile(List<String> setFile) {
        this.setFile = setFile == null ? null : new ArrayList<>(setFile);
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

    public String getHost() {
        return host;
    }

    @DataBoundSetter
    public void setHost(String host) {
        this.host = host;
    }

    public String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(String ttl) {
        this.ttl = ttl;
    }

    public PreviewQuota getQuota() {
        return quota;
    }

    /** Overrides of the namespace's quota: {@code quota: [cpu: '2', memory: '4Gi', pods: '20']}. */
    @DataBoundSetter
    public void setQuota(PreviewQuota quota) {
        this.quota = quota;
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public String getDatabase() {
        return database;
    }

    @DataBoundSetter
    public void setDatabase(String database) {
        this.database = database;
    }

    public String getDatabaseManifests() {
        return databaseManifests;
    }

    @DataBoundSetter
    public void setDatabaseManifests(String databaseManifests) {
        this.databaseManifests = databaseManifests;
    }

    public boolean isPinned() {
        return pinned;
    }

    @DataBoundSetter
    public void setPinned(boolean pinned) {
        this.pinned = pinned;
    }

    public String getHelm() {
        return helm;
    }

    @DataBoundSetter
    public void setHelm(String helm) {
        this.helm = helm;
    }

    public String getKubectl() {
        return kubectl;
    }

    @DataBoundSetter
    public void setKubectl(String kubectl) {
        this.kubectl = kubectl;
    }

    /** @return the request this step makes, with the pull request and build details the context gave */
    PreviewRequest toRequest(String pullRequest, String buildUrl, String job) throws hudson.AbortException {
        return PreviewRequest.builder(app)
                .image(image)
                .chart(chart)
                .kustomize(kustomize)
                .manifests(manifests)
                .values(values)
                .imageFields(imageFields)
                .set(StepArguments.stringMap("set", set))
                .setString(StepArguments.stringMap("setString", setString))
                .setFile(StepArguments.stringMap("setFile", setFile))
                .pr(pullRequest)
                .cluster(cluster)
                .namespace(namespace)
                .host(host)
                .ttl(ttl)
                .quota(quota == null ? null : quota.overrides())
                .waitForReady(wait)
                .timeout(timeout)
                .database(database)
                .databaseManifests(databaseManifests)
                .pinned(pinned)
                .buildUrl(buildUrl)
                .job(job)
                .helm(helm)
                .kubectl(kubectl)
                .build();
    }

    /** Runs off the pipeline's thread; a rerun after a restart is harmless, so no state is kept. */
    @Override
    public StepExecution start(StepContext context) {
        return StepExecutions.synchronousNonBlocking(
                context, c -> PreviewSteps.deploy(this, c, JenkinsPreviewBackend.INSTANCE));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "deployPreview";
        }

        @Override
        public String getDisplayName() {
            return Messages.DeployPreviewStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class, FilePath.class, Launcher.class);
        }
    }
}
