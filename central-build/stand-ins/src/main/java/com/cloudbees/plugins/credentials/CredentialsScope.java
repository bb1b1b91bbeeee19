package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stand-in for the credentials plugin's {@code CredentialsScope} (its constants; the plugin only compares them). */
public enum CredentialsScope implements Serializable {
    GLOBAL,
    SYSTEM,
    USER
}
