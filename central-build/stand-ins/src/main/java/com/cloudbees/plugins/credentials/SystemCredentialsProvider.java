package com.cloudbees.plugins.credentials;

/** Stand-in for com.cloudbees.plugins.credentials.SystemCredentialsProvider: real signatures, bodies that only throw. */
public class SystemCredentialsProvider
        extends hudson.model.AbstractDescribableImpl<com.cloudbees.plugins.credentials.SystemCredentialsProvider>
        implements hudson.model.Saveable {

    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static com.cloudbees.plugins.credentials.SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.util.List<com.cloudbees.plugins.credentials.Credentials> getCredentials() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void save() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
