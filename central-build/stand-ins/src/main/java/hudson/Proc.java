package hudson;

/** Stand-in for hudson.Proc: real signatures, bodies that only throw. */
public abstract class Proc {

    protected Proc() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public final int joinWithTimeout(long arg0, java.util.concurrent.TimeUnit arg1, hudson.model.TaskListener arg2) throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public abstract void kill() throws java.io.IOException, java.lang.InterruptedException;
}
