package com.cloudbees.plugins.credentials.impl;

/** Stand-in for com.cloudbees.plugins.credentials.impl.BaseStandardCredentials: real signatures, bodies that only throw. */
public abstract class BaseStandardCredentials extends com.cloudbees.plugins.credentials.BaseCredentials
        implements com.cloudbees.plugins.credentials.common.StandardCredentials {

    public BaseStandardCredentials(
            com.cloudbees.plugins.credentials.CredentialsScope arg0, java.lang.String arg1, java.lang.String arg2) {
        super(arg0);
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public java.lang.String getId() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
