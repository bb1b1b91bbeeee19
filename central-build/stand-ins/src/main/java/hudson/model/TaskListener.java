package hudson.model;

/** Stand-in for hudson.model.TaskListener: real signatures, bodies that only throw. */
public interface TaskListener extends org.jenkinsci.remoting.SerializableOnlyOverRemoting {

    java.io.PrintStream getLogger();
}
