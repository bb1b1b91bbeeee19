package hudson.security;

/** Stand-in for hudson.security.AccessControlled: real signatures, bodies that only throw. */
public interface AccessControlled {

    default void checkPermission(hudson.security.Permission arg0) throws org.springframework.security.access.AccessDeniedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    hudson.security.ACL getACL();

    default boolean hasPermission(hudson.security.Permission arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
