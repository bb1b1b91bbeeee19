package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An app that {@code promoteDigest} may promote, as the configuration page and Configuration as Code bind it: its
 * image, the jobs that own it and one target per environment it may go to. The constructor and each setter refuse a
 * value that breaks the model's rule for that field; {@link #toModel()} checks the app as a whole.
 */
public class AppConfig implements Describable<AppConfig> {

    private static final String KIND = "App";

    private final String name;
    private final String image;
    private String ownerJobs;
    private List<AppTargetConfig> targets = new ArrayList<>();

    @DataBoundConstructor
    public AppConfig(String name, String image) {
        this.name = Util.fixEmptyAndTrim(name);
        EntryFields.check(EntryFields.entry(KIND, null), "name", () -> App.checkName(this.name));
        this.image = Util.fixEmptyAndTrim(image);
        EntryFields.check(entry(), "image", () -> App.checkImage("image", "Image", this.image));
    }

    /** @return how messages name this entry */
    String entry() {
        return EntryFields.entry(KIND, name);
    }

    public String getName() {
        return name;
    }

    public String getImage() {
        return image;
    }

    /** @return the patterns of the jobs that own the app, one per line */
    public String getOwnerJobs() {
        return ownerJobs;
    }

    @DataBoundSetter
    public void setOwnerJobs(String ownerJobs) {
        String value = Util.fixEmptyAndTrim(ownerJobs);
        EntryFields.check(entry(), "ownerJobs", () -> App.checkOwnerJobs(FormChecks.entries(value, false)));
        this.ownerJobs = value;
    }

    public List<AppTargetConfig> getTargets() {
        return targets == null ? List.of() : List.copyOf(targets);
    }

    @DataBoundSetter
    public void setTargets(List<AppTargetConfig> targets) {
        this.targets = targets == null ? new ArrayList<>() : new ArrayList<>(targets);
    }

    /** @throws io.jenkins.plugins.environments.model.InvalidConfigurationException naming the field that is wrong */
    public App toModel() {
        List<AppTarget> modelTargets = EntryFields.within(
                entry(),
                () -> getTargets().stream().map(AppTargetConfig::toModel).toList());
        return EntryFields.check(
                entry(), () -> new App(name, image, FormChecks.entries(ownerJobs, false), modelTargets));
    }

    @Extension
    @Symbol("app")
    public static final class DescriptorImpl extends Descriptor<AppConfig> {

        @Override
        public String getDisplayName() {
            return Messages.AppConfig_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.check(() -> App.checkName(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckImage(@QueryParameter String value) {
            return FormChecks.check(() -> App.checkImage("image", "Image", Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckOwnerJobs(@QueryParameter String value) {
            if (ConfigurationPermission.granted()
                    && FormChecks.entries(value, false).isEmpty()) {
                return FormValidation.warning(Messages.AppConfig_NoOwnerJobs());
            }
            return FormChecks.check(() -> App.checkOwnerJobs(FormChecks.entries(value, false)));
        }
    }
}
