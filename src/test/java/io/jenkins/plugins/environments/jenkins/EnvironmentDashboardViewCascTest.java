package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import io.jenkins.plugins.environments.dashboard.ViewFilter;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Tag;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Configuration as Code round trip of the dashboard views in {@code environment-dashboard-views.yaml} beside this
 * class, the YAML that docs/dashboard.md shows (the harness applies, reapplies through the UI, exports and restarts;
 * this class checks).
 */
@Tag(LiveJenkinsTag.TAG)
class EnvironmentDashboardViewCascTest extends AbstractRoundTripTest {

    @Override
    protected String configResource() {
        return "environment-dashboard-views.yaml";
    }

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        EnvironmentDashboardView delivery =
                (EnvironmentDashboardView) Jenkins.get().getView("Delivery");
        assertEquals("payments-*, checkout", delivery.getAppPattern());
        assertEquals("staging, prod, dr", delivery.getEnvironments());
        assertFalse(delivery.isShowPreviews());
        ViewFilter filter = delivery.filter();
        assertTrue(filter.showsApp("payments-api"));
        assertFalse(filter.showsApp("catalog"));
        assertFalse(filter.showsEnvironment("dev"));

        EnvironmentDashboardView everything =
                (EnvironmentDashboardView) Jenkins.get().getView("Everything");
        assertNull(everything.getAppPattern());
        assertNull(everything.getEnvironments());
        assertTrue(everything.isShowPreviews(), "previews are shown unless switched off");
    }

    @Override
    protected String stringInLogExpected() {
        // JCasC logs "Setting <target>.<attribute> = <value>" at FINE for every attribute it sets.
        return ".appPattern = payments-*, checkout";
    }
}
