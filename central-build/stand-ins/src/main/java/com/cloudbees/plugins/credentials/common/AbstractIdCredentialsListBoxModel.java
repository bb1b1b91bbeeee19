package com.cloudbees.plugins.credentials.common;

/** Stand-in for com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel: real signatures, bodies that only throw. */
public abstract class AbstractIdCredentialsListBoxModel<T extends com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel<T,C>,C extends com.cloudbees.plugins.credentials.common.IdCredentials> extends hudson.util.ListBoxModel {

    public com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel<T,C> includeCurrentValue(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel<T,C> includeEmptyValue() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel<T,C> includeMatchingAs(org.springframework.security.core.Authentication arg0, hudson.model.ItemGroup arg1, java.lang.Class<? extends C> arg2, java.util.List<com.cloudbees.plugins.credentials.domains.DomainRequirement> arg3, com.cloudbees.plugins.credentials.CredentialsMatcher arg4) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
