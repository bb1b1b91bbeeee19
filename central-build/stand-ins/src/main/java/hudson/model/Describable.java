package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.Describable}; {@code getDescriptor()} is a default method there too. */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
