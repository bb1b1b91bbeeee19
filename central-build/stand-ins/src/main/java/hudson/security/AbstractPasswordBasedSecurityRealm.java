package hudson.security;

/** Stand-in for hudson.security.AbstractPasswordBasedSecurityRealm: real signatures, bodies that only throw. */
public abstract class AbstractPasswordBasedSecurityRealm extends hudson.security.SecurityRealm {
}
