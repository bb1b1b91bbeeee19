package hudson.security;

/** Stand-in for hudson.security.AuthorizationStrategy: real signatures, bodies that only throw. */
public abstract class AuthorizationStrategy implements hudson.model.Describable<hudson.security.AuthorizationStrategy>,hudson.ExtensionPoint {
}
