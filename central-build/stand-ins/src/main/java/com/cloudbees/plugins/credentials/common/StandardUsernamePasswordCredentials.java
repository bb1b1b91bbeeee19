package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials: real signatures, bodies that only throw. */
public interface StandardUsernamePasswordCredentials extends com.cloudbees.plugins.credentials.common.StandardUsernameCredentials,com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials {
}
