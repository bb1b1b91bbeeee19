package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.StandardUsernameCredentials: real signatures, bodies that only throw. */
public interface StandardUsernameCredentials extends com.cloudbees.plugins.credentials.common.StandardCredentials,com.cloudbees.plugins.credentials.common.UsernameCredentials {
}
