package hudson.model;

/** Stand-in for hudson.model.AsyncPeriodicWork: real signatures, bodies that only throw. */
public abstract class AsyncPeriodicWork extends hudson.model.PeriodicWork {

    protected AsyncPeriodicWork(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public final void doRun() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    protected abstract void execute(hudson.model.TaskListener arg0) throws java.io.IOException, java.lang.InterruptedException;
}
