package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;

/**
 * The plugin's page section under <em>Manage Jenkins » System</em> and its Configuration as Code root
 * ({@code unclassified: environmentManagement:}). Clusters, registries and environments are added to it
 * by later work; for now it only proves that the extension is indexed, loaded and saved.
 */
@Extension
@Symbol("environmentManagement")
public class EnvironmentManagementConfiguration extends GlobalConfiguration {

    /** The id, and so the file name {@code environment-management.xml} under the Jenkins home. */
    static final String ID = "environment-management";

    /** @return the singleton instance Jenkins created from the extension index */
    public static EnvironmentManagementConfiguration get() {
        return ExtensionList.lookupSingleton(EnvironmentManagementConfiguration.class);
    }

    public EnvironmentManagementConfiguration() {
        // Jenkins creates this once at start-up; read what an earlier start saved.
        load();
    }

    /** A short, stable id instead of the class name, so that a refactoring never orphans saved configuration. */
    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayName() {
        return Messages.EnvironmentManagementConfiguration_DisplayName();
    }
}
