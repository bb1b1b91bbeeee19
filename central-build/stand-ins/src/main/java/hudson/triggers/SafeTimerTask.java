package hudson.triggers;

/** Stand-in for hudson.triggers.SafeTimerTask: real signatures, bodies that only throw. */
public abstract class SafeTimerTask extends java.util.TimerTask {
}
