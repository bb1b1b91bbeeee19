package io.jenkins.plugins.environments.fidelity.samples;

/**
 * Broken on purpose: a registry entry that keeps its password and an API token in plain text, and credentials as
 * an object instead of an id.
 */
public final class XStreamSampleWithPlainSecrets {

    private String host;
    private String password;
    private char[] apiToken;
    private XStreamSampleWithReadResolve registryCredentials;
    private String pushCredentialsId;
    private boolean folderCredentials;

    public String host() {
        return host;
    }
}
