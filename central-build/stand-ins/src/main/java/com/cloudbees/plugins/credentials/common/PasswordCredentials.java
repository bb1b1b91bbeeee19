package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.PasswordCredentials: real signatures, bodies that only throw. */
public interface PasswordCredentials extends com.cloudbees.plugins.credentials.Credentials {

    hudson.util.Secret getPassword();
}
