package jenkins.util;

/** Stand-in for jenkins.util.SystemProperties: real signatures, bodies that only throw. */
public class SystemProperties {

    private SystemProperties() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static java.lang.Integer getInteger(java.lang.String arg0, java.lang.Integer arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
