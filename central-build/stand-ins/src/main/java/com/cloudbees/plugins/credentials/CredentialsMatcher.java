package com.cloudbees.plugins.credentials;

/** Stand-in for com.cloudbees.plugins.credentials.CredentialsMatcher: real signatures, bodies that only throw. */
public interface CredentialsMatcher extends java.io.Serializable {

    boolean matches(com.cloudbees.plugins.credentials.Credentials arg0);
}
