package hudson;

/** Stand-in for Jenkins core's marker interface {@code hudson.ExtensionPoint}. */
public interface ExtensionPoint {}
