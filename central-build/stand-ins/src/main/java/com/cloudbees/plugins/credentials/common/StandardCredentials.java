package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.StandardCredentials: real signatures, bodies that only throw. */
public interface StandardCredentials extends com.cloudbees.plugins.credentials.common.IdCredentials {
}
