package com.cloudbees.plugins.credentials;

/** Stand-in for com.cloudbees.plugins.credentials.CredentialsMatchers: real signatures, bodies that only throw. */
public class CredentialsMatchers {
    private CredentialsMatchers() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    public static com.cloudbees.plugins.credentials.CredentialsMatcher allOf(com.cloudbees.plugins.credentials.CredentialsMatcher... arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static com.cloudbees.plugins.credentials.CredentialsMatcher anyOf(com.cloudbees.plugins.credentials.CredentialsMatcher... arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static <C extends com.cloudbees.plugins.credentials.Credentials> C firstOrNull(java.lang.Iterable<C> arg0, com.cloudbees.plugins.credentials.CredentialsMatcher arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static com.cloudbees.plugins.credentials.CredentialsMatcher instanceOf(java.lang.Class arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static com.cloudbees.plugins.credentials.CredentialsMatcher withId(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static com.cloudbees.plugins.credentials.CredentialsMatcher withScope(
            com.cloudbees.plugins.credentials.CredentialsScope arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
