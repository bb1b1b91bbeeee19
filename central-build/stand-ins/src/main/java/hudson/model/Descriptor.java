package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Descriptor}. Like the real one, {@code load()} and
 * {@code save()} declare no checked exception although the interfaces they implement do.
 */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    protected Descriptor() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public String getId() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void save() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void load() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
