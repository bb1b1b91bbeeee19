package org.jenkinsci.plugins.plaincredentials.impl;

/** Stand-in for org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl: real signatures, bodies that only throw. */
public final class StringCredentialsImpl extends com.cloudbees.plugins.credentials.impl.BaseStandardCredentials
        implements org.jenkinsci.plugins.plaincredentials.StringCredentials {

    public StringCredentialsImpl(
            com.cloudbees.plugins.credentials.CredentialsScope arg0,
            java.lang.String arg1,
            java.lang.String arg2,
            hudson.util.Secret arg3) {
        super(arg0, arg1, arg2);
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public hudson.util.Secret getSecret() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
