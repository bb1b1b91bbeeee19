package hudson.console;

/** Stand-in for hudson.console.ConsoleNote: real signatures, bodies that only throw. */
public abstract class ConsoleNote<T> implements java.io.Serializable,hudson.model.Describable<hudson.console.ConsoleNote<?>>,hudson.ExtensionPoint {
}
