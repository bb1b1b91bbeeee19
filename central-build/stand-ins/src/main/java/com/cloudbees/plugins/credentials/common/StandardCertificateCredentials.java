package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.StandardCertificateCredentials: real signatures, bodies that only throw. */
public interface StandardCertificateCredentials extends com.cloudbees.plugins.credentials.common.StandardCredentials,com.cloudbees.plugins.credentials.common.CertificateCredentials {
}
