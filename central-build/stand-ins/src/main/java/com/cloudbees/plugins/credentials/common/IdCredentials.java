package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.IdCredentials: real signatures, bodies that only throw. */
public interface IdCredentials extends com.cloudbees.plugins.credentials.Credentials {

    java.lang.String getId();
}
