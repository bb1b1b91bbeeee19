package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.CertificateCredentials: real signatures, bodies that only throw. */
public interface CertificateCredentials extends com.cloudbees.plugins.credentials.Credentials,com.cloudbees.plugins.credentials.common.PasswordCredentials {

    java.security.KeyStore getKeyStore();
}
