package io.jenkins.plugins.environments.jenkins;

import io.jenkins.plugins.environments.dashboard.DashboardData;
import io.jenkins.plugins.environments.dashboard.DashboardJson;
import io.jenkins.plugins.environments.dashboard.DashboardQuery;
import io.jenkins.plugins.environments.dashboard.DriftReadings;
import io.jenkins.plugins.environments.dashboard.ViewFilter;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The dashboard's one data endpoint, behind the view's and the root action's {@code data}: the answer of {@link
 * DashboardData} for the requesting user ({@link JenkinsVisibility}) and the view's filter, written as JSON.
 * Read-only; the caller has checked Overall/Read.
 */
final class DashboardEndpoint {

    /** The URL of the endpoint under its view or action. */
    static final String DATA = "data";

    private static final String JSON = "application/json;charset=UTF-8";

    private DashboardEndpoint() {}

    static void serve(StaplerRequest2 req, StaplerResponse2 rsp, ViewFilter filter) throws IOException {
        EnvironmentsConfiguration config;
        try {
            config = EnvironmentManagementConfiguration.get().toModel();
        } catch (InvalidConfigurationException e) {
            write(
                    rsp,
                    new DashboardData.Answer(
                            503, DashboardJson.error("The environment configuration is not valid: " + e.getMessage())));
            return;
        }
        DashboardQuery query = new DashboardQuery(
                config,
                DashboardIndex.get(),
                drift(),
                DashboardData.narrowed(JenkinsVisibility.ofCurrentUser(config), filter),
                Clock.systemUTC());
        write(rsp, new DashboardData(query, filter).answer(req.getRestOfPath(), req::getParameter));
    }

    /** @return the drift readings the cells show */
    private static DriftReadings drift() {
        return DriftReadings.NONE;
    }

    private static void write(StaplerResponse2 rsp, DashboardData.Answer answer) throws IOException {
        rsp.setStatus(answer.status());
        rsp.setContentType(JSON);
        rsp.setHeader("Cache-Control", "no-store");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (Writer out = rsp.getWriter()) {
            out.write(answer.json());
        }
    }
}
