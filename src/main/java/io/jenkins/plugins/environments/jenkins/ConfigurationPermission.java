package io.jenkins.plugins.environments.jenkins;

import jenkins.model.Jenkins;

/**
 * Who may change or probe the plugin's configuration: {@code Overall/Administer}. Every entry binds a credentials id to
 * a URL, so a user who could edit the URL, list the credentials or press <em>Test connection</em> could send a stored
 * secret to a server of their choosing; that is an administrator's decision only ({@code Overall/Manage} is not
 * enough, as it grants no access to credentials).
 */
final class ConfigurationPermission {

    private ConfigurationPermission() {}

    /** @return whether the current user may configure; form checks of other users answer nothing */
    static boolean granted() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** Fails the current request with 403 unless the current user may configure. */
    static void check() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    }
}
