package hudson.triggers;

/** Stand-in for hudson.triggers.SafeTimerTask: real signatures, bodies that only throw. */
public abstract class SafeTimerTask extends java.util.TimerTask {

    protected abstract void doRun() throws java.lang.Exception;

    public final void run() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
