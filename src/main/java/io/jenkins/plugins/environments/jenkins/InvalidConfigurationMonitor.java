package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import java.util.List;

/**
 * Tells administrators that the Environment Management configuration read from disk breaks rules that Save and
 * Configuration as Code enforce (a file edited by hand, or written by an older version). The configuration is kept as
 * it was read, never dropped; the message names each entry and field, without their values, and links to the page
 * where a valid configuration replaces it. Shown to administrators only, as every monitor is by default.
 */
@Extension
public class InvalidConfigurationMonitor extends AdministrativeMonitor {

    @Override
    public String getDisplayName() {
        return Messages.InvalidConfigurationMonitor_DisplayName();
    }

    @Override
    public boolean isActivated() {
        return !getProblems().isEmpty();
    }

    /** @return each entry and field of the saved configuration that breaks a rule, or the rules across entries */
    public List<String> getProblems() {
        return EnvironmentManagementConfiguration.get().getSavedProblems();
    }
}
