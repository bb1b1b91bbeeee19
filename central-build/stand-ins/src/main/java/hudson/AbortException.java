package hudson;

/** Stand-in for hudson.AbortException: real signatures, bodies that only throw. */
public class AbortException extends java.io.IOException {

    public AbortException(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
