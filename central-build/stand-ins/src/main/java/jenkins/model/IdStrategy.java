package jenkins.model;

/** Stand-in for jenkins.model.IdStrategy: real signatures, bodies that only throw. */
public abstract class IdStrategy implements hudson.model.Describable<jenkins.model.IdStrategy>,hudson.ExtensionPoint,java.util.Comparator<java.lang.String> {

    public java.lang.String keyFor(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
