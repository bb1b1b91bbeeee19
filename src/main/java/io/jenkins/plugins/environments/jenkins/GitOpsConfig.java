package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageForm;
import io.jenkins.plugins.environments.model.RepositoryNames;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where a GitOps promotion commits the digest for an environment; present only when configured. The constructor and
 * each setter refuse a value that breaks the model's rule for that field; {@link #toModel()} checks the target as a
 * whole (the digest key, whose rule depends on the image form, is checked there).
 */
public class GitOpsConfig implements Describable<GitOpsConfig> {

    private static final String KIND = "GitOps target";

    private final String repositoryUrl;
    private final String valuesFile;
    private String credentialsId;
    private boolean folderCredentials;
    private String branch;
    private String digestKey;
    private String imageForm;
    private String renderPath;
    private boolean tagAcceptsDigest;

    @DataBoundConstructor
    public GitOpsConfig(String repositoryUrl, String valuesFile) {
        this.repositoryUrl = Util.fixEmptyAndTrim(repositoryUrl);
        EntryFields.check(KIND, "repositoryUrl", () -> GitOpsTarget.checkRepositoryUrl(this.repositoryUrl));
        this.valuesFile = Util.fixEmptyAndTrim(valuesFile);
        EntryFields.check(KIND, "valuesFile", () -> GitOpsTarget.checkValuesFile(this.valuesFile));
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    public String getValuesFile() {
        return valuesFile;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        String value = Util.fixEmptyAndTrim(credentialsId);
        EntryFields.check(KIND, "credentialsId", () -> GitOpsTarget.checkCredentialsId(value));
        this.credentialsId = value;
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        String value = Util.fixEmptyAndTrim(branch);
        EntryFields.check(KIND, "branch", () -> GitOpsTarget.checkBranch(value));
        this.branch = value;
    }

    public String getDigestKey() {
        return digestKey;
    }

    @DataBoundSetter
    public void setDigestKey(String digestKey) {
        this.digestKey = Util.fixEmptyAndTrim(digestKey);
    }

    public boolean isFolderCredentials() {
        return folderCredentials;
    }

    /** Whether the credentials may also come from the folders of the build's job; off by default. */
    @DataBoundSetter
    public void setFolderCredentials(boolean folderCredentials) {
        this.folderCredentials = folderCredentials;
    }

    /** @return {@code digest}, {@code image}, {@code tag} or {@code kustomize}; {@code null} for {@code digest} */
    public String getImageForm() {
        return imageForm;
    }

    @DataBoundSetter
    public void setImageForm(String imageForm) {
        String value = Util.fixEmptyAndTrim(imageForm);
        EntryFields.check(KIND, "imageForm", () -> ImageForm.parse(value));
        this.imageForm = value;
    }

    public String getRenderPath() {
        return renderPath;
    }

    @DataBoundSetter
    public void setRenderPath(String renderPath) {
        String value = Util.fixEmptyAndTrim(renderPath);
        EntryFields.check(
                KIND,
                "renderPath",
                () -> value == null ? null : RepositoryNames.requireRelativePath("renderPath", "Render path", value));
        this.renderPath = value;
    }

    public boolean isTagAcceptsDigest() {
        return tagAcceptsDigest;
    }

    @DataBoundSetter
    public void setTagAcceptsDigest(boolean tagAcceptsDigest) {
        this.tagAcceptsDigest = tagAcceptsDigest;
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public GitOpsTarget toModel() {
        return EntryFields.check(
                KIND,
                () -> new GitOpsTarget(
                        repositoryUrl,
                        credentialsId,
                        branch,
                        valuesFile,
                        digestKey,
                        ImageForm.parse(imageForm),
                        renderPath,
                        tagAcceptsDigest,
                        folderCredentials));
    }

    @Extension
    @Symbol("gitOps")
    public static final class DescriptorImpl extends Descriptor<GitOpsConfig> {

        @Override
        public String getDisplayName() {
            return Messages.GitOpsConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckRepositoryUrl(@QueryParameter String value) {
            return FormChecks.check(() -> GitOpsTarget.checkRepositoryUrl(value));
        }

        @POST
        public FormValidation doCheckBranch(@QueryParameter String value) {
            return FormChecks.check(() -> GitOpsTarget.checkBranch(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckValuesFile(@QueryParameter String value) {
            return FormChecks.check(() -> GitOpsTarget.checkValuesFile(value));
        }

        @POST
        public FormValidation doCheckDigestKey(@QueryParameter String value, @QueryParameter String imageForm) {
            return FormChecks.check(() -> {
                if (ImageForm.parse(Util.fixEmptyAndTrim(imageForm)) == ImageForm.KUSTOMIZE) {
                    GitOpsTarget.checkImageName(Util.fixEmptyAndTrim(value));
                } else {
                    GitOpsTarget.checkDigestKey(Util.fixEmptyAndTrim(value));
                }
            });
        }

        @POST
        public ListBoxModel doFillImageFormItems() {
            if (!ConfigurationPermission.granted()) {
                return new ListBoxModel();
            }
            ListBoxModel items = new ListBoxModel();
            for (ImageForm form : ImageForm.values()) {
                items.add(form.id(), form.id());
            }
            return items;
        }

        @POST
        public FormValidation doCheckRenderPath(@QueryParameter String value) {
            return FormChecks.check(() -> {
                String path = Util.fixEmptyAndTrim(value);
                if (path != null) {
                    RepositoryNames.requireRelativePath("renderPath", "Render path", path);
                }
            });
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @QueryParameter String repositoryUrl, @QueryParameter String credentialsId) {
            if (!ConfigurationPermission.granted()) {
                return CredentialsResolver.currentValueOnly(credentialsId);
            }
            return CredentialsResolver.usernamePasswordItems(repositoryUrl, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String repositoryUrl, @QueryParameter String value) {
            if (!ConfigurationPermission.granted()) {
                return FormValidation.ok();
            }
            return CredentialsResolver.checkUsernamePassword(repositoryUrl, value);
        }
    }
}
