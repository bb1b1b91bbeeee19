package com.cloudbees.plugins.credentials;

/** Stand-in for com.cloudbees.plugins.credentials.Credentials: real signatures, bodies that only throw. */
public interface Credentials extends hudson.model.Describable<com.cloudbees.plugins.credentials.Credentials>,java.io.Serializable,hudson.ExtensionPoint {

    com.cloudbees.plugins.credentials.CredentialsScope getScope();
}
