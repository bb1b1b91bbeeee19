package hudson;

/** Stand-in for Jenkins core's {@code hudson.Util} (the members the plugin uses). */
public class Util {
    public Util() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static String fixEmptyAndTrim(String s) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
