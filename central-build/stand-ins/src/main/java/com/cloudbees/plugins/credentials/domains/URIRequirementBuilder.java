package com.cloudbees.plugins.credentials.domains;

/** Stand-in for com.cloudbees.plugins.credentials.domains.URIRequirementBuilder: real signatures, bodies that only throw. */
public class URIRequirementBuilder {
    private URIRequirementBuilder() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    public java.util.List<com.cloudbees.plugins.credentials.domains.DomainRequirement> build() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static com.cloudbees.plugins.credentials.domains.URIRequirementBuilder fromUri(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
