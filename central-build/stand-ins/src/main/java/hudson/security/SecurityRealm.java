package hudson.security;

/** Stand-in for hudson.security.SecurityRealm: real signatures, bodies that only throw. */
public abstract class SecurityRealm implements hudson.model.Describable<hudson.security.SecurityRealm>,hudson.ExtensionPoint {

    public jenkins.model.IdStrategy getGroupIdStrategy() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public jenkins.model.IdStrategy getUserIdStrategy() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
