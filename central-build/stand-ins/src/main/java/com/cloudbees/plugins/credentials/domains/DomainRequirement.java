package com.cloudbees.plugins.credentials.domains;

/** Stand-in for com.cloudbees.plugins.credentials.domains.DomainRequirement: real signatures, bodies that only throw. */
public class DomainRequirement implements hudson.ExtensionPoint,java.io.Serializable {
}
