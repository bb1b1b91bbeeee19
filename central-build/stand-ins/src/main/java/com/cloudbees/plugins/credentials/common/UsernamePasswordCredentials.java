package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials: real signatures, bodies that only throw. */
public interface UsernamePasswordCredentials extends com.cloudbees.plugins.credentials.common.UsernameCredentials,com.cloudbees.plugins.credentials.common.PasswordCredentials {
}
