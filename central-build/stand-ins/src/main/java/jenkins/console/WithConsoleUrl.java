package jenkins.console;

/** Stand-in for jenkins.console.WithConsoleUrl: real signatures, bodies that only throw. */
public interface WithConsoleUrl {
}
