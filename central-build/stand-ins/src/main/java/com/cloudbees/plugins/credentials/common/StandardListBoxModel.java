package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.StandardListBoxModel: real signatures, bodies that only throw. */
public class StandardListBoxModel extends com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel<com.cloudbees.plugins.credentials.common.StandardListBoxModel,com.cloudbees.plugins.credentials.common.StandardCredentials> {
}
