package com.cloudbees.plugins.credentials;

/** Stand-in for com.cloudbees.plugins.credentials.BaseCredentials: real signatures, bodies that only throw. */
public class BaseCredentials implements com.cloudbees.plugins.credentials.Credentials {

    public BaseCredentials(com.cloudbees.plugins.credentials.CredentialsScope arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public com.cloudbees.plugins.credentials.CredentialsScope getScope() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
