package hudson.security;

/** Stand-in for hudson.security.Permission: real signatures, bodies that only throw. */
public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

}
