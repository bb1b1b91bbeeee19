package hudson.security;

/** Stand-in for hudson.security.ACL: real signatures, bodies that only throw. */
public abstract class ACL {

    public static final org.springframework.security.core.Authentication SYSTEM2 = null;
}
