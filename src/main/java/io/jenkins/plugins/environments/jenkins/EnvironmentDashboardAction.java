package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.environments.dashboard.ViewFilter;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.GET;

/**
 * The environment dashboard over everything the user may see, at {@code <root>/environment-dashboard/}: a link in
 * the side panel of Jenkins' start page for users with Overall/Read.
 */
@Extension
public class EnvironmentDashboardAction implements RootAction {

    /** The action's URL under the Jenkins root. */
    public static final String URL_NAME = "environment-dashboard";

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-environment" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.EnvironmentDashboardAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** @return the data endpoint's path relative to the Jenkins root, for the page */
    public String getDataUrl() {
        return URL_NAME + "/" + DashboardEndpoint.DATA;
    }

    /** @return {@code true}: the dashboard over everything lists previews */
    public boolean isShowPreviews() {
        return true;
    }

    /**
     * {@code data}: the dashboard as JSON, filtered by what the user may see; {@code data/history}: one app's
     * history. Read-only; needs Overall/Read.
     */
    @GET
    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        DashboardEndpoint.serve(req, rsp, ViewFilter.ALL);
    }
}
