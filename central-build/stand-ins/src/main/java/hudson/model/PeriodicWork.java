package hudson.model;

/** Stand-in for hudson.model.PeriodicWork: real signatures, bodies that only throw. */
public abstract class PeriodicWork extends hudson.triggers.SafeTimerTask implements hudson.ExtensionPoint {

    public abstract long getRecurrencePeriod();

    public long getInitialDelay() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
