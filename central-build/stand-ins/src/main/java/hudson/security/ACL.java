package hudson.security;

/** Stand-in for hudson.security.ACL: real signatures, bodies that only throw. */
public abstract class ACL {

    public static final org.springframework.security.core.Authentication SYSTEM2 = null;

    public static boolean isAnonymous2(org.springframework.security.core.Authentication arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
