package com.cloudbees.plugins.credentials;

/** Stand-in for com.cloudbees.plugins.credentials.CredentialsProvider: real signatures, bodies that only throw. */
public abstract class CredentialsProvider extends hudson.model.Descriptor<com.cloudbees.plugins.credentials.CredentialsProvider> implements hudson.ExtensionPoint,hudson.model.Describable<com.cloudbees.plugins.credentials.CredentialsProvider>,org.jenkins.ui.icon.IconSpec {

    public static <C extends com.cloudbees.plugins.credentials.common.IdCredentials> C findCredentialById(java.lang.String arg0, java.lang.Class<C> arg1, hudson.model.Run<?,?> arg2, java.util.List<com.cloudbees.plugins.credentials.domains.DomainRequirement> arg3) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static <C extends com.cloudbees.plugins.credentials.Credentials> java.util.List<C> lookupCredentialsInItem(java.lang.Class<C> arg0, hudson.model.Item arg1, org.springframework.security.core.Authentication arg2, java.util.List<com.cloudbees.plugins.credentials.domains.DomainRequirement> arg3) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static <C extends com.cloudbees.plugins.credentials.Credentials> java.util.List<C> lookupCredentialsInItemGroup(java.lang.Class<C> arg0, hudson.model.ItemGroup arg1, org.springframework.security.core.Authentication arg2, java.util.List<com.cloudbees.plugins.credentials.domains.DomainRequirement> arg3) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static <C extends com.cloudbees.plugins.credentials.Credentials> C track(hudson.model.Run arg0, C arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
