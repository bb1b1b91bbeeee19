package hudson;

/**
 * Stand-in for hudson.AbortException: real signatures. Unlike other stand-ins its constructor works (it only hands
 * the message to {@link java.io.IOException}, as the real one does), because glue code ends steps by throwing it and
 * tests assert that message.
 */
public class AbortException extends java.io.IOException {

    public AbortException(java.lang.String arg0) {
        super(arg0);
    }
}
