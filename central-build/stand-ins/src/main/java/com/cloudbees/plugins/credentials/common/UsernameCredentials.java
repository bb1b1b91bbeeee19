package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.UsernameCredentials: real signatures, bodies that only throw. */
public interface UsernameCredentials extends com.cloudbees.plugins.credentials.Credentials {

    java.lang.String getUsername();
}
