package hudson.util;

/** Stand-in for hudson.util.Secret: real signatures, bodies that only throw. */
public final class Secret implements java.io.Serializable {
    private Secret() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    public static hudson.util.Secret fromString(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getPlainText() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
