package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jenkins.model.GlobalConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Smoke test in a live Jenkins: the configuration is found through the extension index and survives a
 * submission of the global configuration page. Needs jenkins-test-harness, so it runs only in the real
 * build; the Central-only build compiles it and leaves it out by its tag.
 */
@WithJenkins
@Tag(LiveJenkinsTag.TAG)
class EnvironmentManagementConfigurationTest {

    @Test
    void isRegisteredAndRoundTripsThroughTheConfigurationPage(JenkinsRule j) throws Exception {
        EnvironmentManagementConfiguration registered = EnvironmentManagementConfiguration.get();
        assertSame(registered, GlobalConfiguration.all().get(EnvironmentManagementConfiguration.class));
        assertEquals("environment-management", registered.getId());

        j.configRoundtrip();

        assertSame(registered, EnvironmentManagementConfiguration.get(), "the page edits the one instance");
    }
}
