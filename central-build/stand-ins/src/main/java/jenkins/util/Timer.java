package jenkins.util;

/** Stand-in for jenkins.util.Timer: real signatures, bodies that only throw. */
public class Timer {
    private Timer() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    public static java.util.concurrent.ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
