package org.jenkinsci.plugins.plaincredentials;

/** Stand-in for org.jenkinsci.plugins.plaincredentials.StringCredentials: real signatures, bodies that only throw. */
public interface StringCredentials extends com.cloudbees.plugins.credentials.common.StandardCredentials {

    hudson.util.Secret getSecret();
}
