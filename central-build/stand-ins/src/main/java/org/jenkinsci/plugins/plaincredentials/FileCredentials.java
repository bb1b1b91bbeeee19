package org.jenkinsci.plugins.plaincredentials;

/** Stand-in for org.jenkinsci.plugins.plaincredentials.FileCredentials: real signatures, bodies that only throw. */
public interface FileCredentials extends com.cloudbees.plugins.credentials.common.StandardCredentials {

    java.io.InputStream getContent() throws java.io.IOException;

    java.lang.String getFileName();
}
