package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.model.TopLevelItem;
import hudson.model.View;
import hudson.model.ViewDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.environments.dashboard.ViewFilter;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;
import org.kohsuke.stapler.verb.POST;

/**
 * The environment dashboard as a view, at the root or in a folder: the apps matching its patterns, the environments
 * it names, previews or not. It lists no items of its own; its page is filled by the dashboard script from {@code
 * data}, which answers what the user may see ({@link EnvironmentDashboardAction} shows the same without filters).
 */
public class EnvironmentDashboardView extends View {

    private String appPattern;
    private String environments;
    private boolean showPreviews = true;

    @DataBoundConstructor
    public EnvironmentDashboardView(String name) {
        super(name);
    }

    /**
     * @return the view's name, the constructor's parameter read back under its own name (as Pipeline's structs and
     *     Configuration as Code read a data-bound class)
     */
    public String getName() {
        return getViewName();
    }

    /** @return the app globs as written, or {@code null} for every app */
    public String getAppPattern() {
        return appPattern;
    }

    /**
     * @param appPattern globs over app names, separated by commas or spaces; blank for every app
     * @throws InvalidConfigurationException naming the first bad glob
     */
    @DataBoundSetter
    public void setAppPattern(String appPattern) {
        ViewFilter.appPatterns(appPattern);
        this.appPattern = Util.fixEmptyAndTrim(appPattern);
    }

    /** @return the environments as written, or {@code null} for every environment */
    public String getEnvironments() {
        return environments;
    }

    /**
     * @param environments environment names separated by commas or spaces; blank for every environment
     * @throws InvalidConfigurationException naming the first bad name
     */
    @DataBoundSetter
    public void setEnvironments(String environments) {
        ViewFilter.environments(environments);
        this.environments = Util.fixEmptyAndTrim(environments);
    }

    public boolean isShowPreviews() {
        return showPreviews;
    }

    @DataBoundSetter
    public void setShowPreviews(boolean showPreviews) {
        this.showPreviews = showPreviews;
    }

    /** @return what the view shows, from its settings */
    public ViewFilter filter() {
        return ViewFilter.of(appPattern, environments, showPreviews);
    }

    /** @return the data endpoint's path relative to the Jenkins root, for the page */
    public String getDataUrl() {
        return getUrl() + DashboardEndpoint.DATA;
    }

    /** The view holds no items: it shows apps and environments, which are not Jenkins items. */
    @Override
    public Collection<TopLevelItem> getItems() {
        return List.of();
    }

    @Override
    public boolean contains(TopLevelItem item) {
        return false;
    }

    /** Takes the view's own fields from the configuration form; refuses bad ones next to their field. */
    @Override
    protected void submit(StaplerRequest2 req) throws IOException, ServletException, FormException {
        JSONObject form = req.getSubmittedForm();
        String patterns = text(form, ViewFilter.APP_PATTERN);
        String names = text(form, ViewFilter.ENVIRONMENTS);
        try {
            ViewFilter.of(patterns, names, true);
        } catch (InvalidConfigurationException e) {
            throw new FormException(e.getMessage(), e.field());
        }
        setAppPattern(patterns);
        setEnvironments(names);
        setShowPreviews(Boolean.TRUE.equals(form.get("showPreviews")));
    }

    private static String text(JSONObject form, String field) {
        Object value = form.get(field);
        return value == null ? null : value.toString();
    }

    /**
     * {@code data}: the dashboard as JSON, filtered by what the user may see and by this view; {@code data/history}:
     * one app's history. Read-only; needs Overall/Read.
     */
    @GET
    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        DashboardEndpoint.serve(req, rsp, filter());
    }

    @Extension
    @Symbol("environmentDashboard")
    public static final class DescriptorImpl extends ViewDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.EnvironmentDashboardView_DisplayName();
        }

        @POST
        public FormValidation doCheckAppPattern(@QueryParameter String value) {
            return FormChecks.check(() -> ViewFilter.appPatterns(value));
        }

        @POST
        public FormValidation doCheckEnvironments(@QueryParameter String value) {
            return FormChecks.check(() -> ViewFilter.environments(value));
        }
    }
}
