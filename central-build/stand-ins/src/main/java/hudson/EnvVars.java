package hudson;

/** Stand-in for hudson.EnvVars: real signatures, bodies that only throw. */
public class EnvVars extends java.util.TreeMap<java.lang.String,java.lang.String> {
}
