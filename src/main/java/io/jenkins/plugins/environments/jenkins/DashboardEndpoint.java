package io.jenkins.plugins.environments.jenkins;

import io.jenkins.plugins.environments.dashboard.Dashboard;
import io.jenkins.plugins.environments.dashboard.DashboardJson;
import io.jenkins.plugins.environments.dashboard.DashboardQuery;
import io.jenkins.plugins.environments.dashboard.DriftReadings;
import io.jenkins.plugins.environments.dashboard.HistoryRequest;
import io.jenkins.plugins.environments.dashboard.ViewFilter;
import io.jenkins.plugins.environments.dashboard.Visibility;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The dashboard's one data endpoint, behind the view's and the root action's {@code data}: {@code data} answers the
 * dashboard as JSON, {@code data/history} one page of an app's history. Both as the requesting user may see them
 * ({@link JenkinsVisibility}) and as the view filters them. Read-only; the caller has checked Overall/Read.
 */
final class DashboardEndpoint {

    /** The URL of the endpoint under its view or action. */
    static final String DATA = "data";

    private static final String HISTORY = "history";
    private static final String JSON = "application/json;charset=UTF-8";

    private DashboardEndpoint() {}

    static void serve(StaplerRequest2 req, StaplerResponse2 rsp, ViewFilter filter) throws IOException {
        String rest = trimSlashes(req.getRestOfPath());
        EnvironmentsConfiguration config;
        try {
            config = EnvironmentManagementConfiguration.get().toModel();
        } catch (InvalidConfigurationException e) {
            answer(rsp, 503, DashboardJson.error("The environment configuration is not valid: " + e.getMessage()));
            return;
        }
        DashboardQuery query = new DashboardQuery(
                config, DashboardIndex.get(), drift(), visibility(config, filter), Clock.systemUTC());
        if (rest.isEmpty()) {
            Dashboard dashboard = query.dashboard().onlyApps(filter::showsApp);
            answer(rsp, 200, DashboardJson.write(filter.showsPreviews() ? dashboard : dashboard.withoutPreviews()));
        } else if (rest.equals(HISTORY)) {
            HistoryRequest request;
            try {
                request = HistoryRequest.parse(
                        req.getParameter("app"),
                        req.getParameter("offset"),
                        req.getParameter("limit"),
                        req.getParameter("type"),
                        req.getParameter("environment"));
            } catch (IllegalArgumentException e) {
                answer(rsp, 400, DashboardJson.error(e.getMessage()));
                return;
            }
            if (!filter.showsApp(request.app())) {
                answer(rsp, 404, DashboardJson.error("This view does not show the app '" + request.app() + "'."));
                return;
            }
            answer(rsp, 200, DashboardJson.history(query.history(request)));
        } else {
            answer(rsp, 404, DashboardJson.error("Nothing here: ask for data or data/history."));
        }
    }

    /** The user's permissions, narrowed to the view's environments. */
    private static Visibility visibility(EnvironmentsConfiguration config, ViewFilter filter) {
        JenkinsVisibility user = JenkinsVisibility.ofCurrentUser(config);
        return Visibility.of(
                user::canSeeBuild,
                environment -> filter.showsEnvironment(environment) && user.canSeeEnvironment(environment));
    }

    private static DriftReadings drift() {
        return DriftReadings.NONE;
    }

    private static void answer(StaplerResponse2 rsp, int status, String json) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType(JSON);
        rsp.setHeader("Cache-Control", "no-store");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (Writer out = rsp.getWriter()) {
            out.write(json);
        }
    }

    private static String trimSlashes(String path) {
        String p = path == null ? "" : path;
        int start = 0;
        int end = p.length();
        while (start < end && p.charAt(start) == '/') {
            start++;
        }
        while (end > start && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(start, end);
    }
}
