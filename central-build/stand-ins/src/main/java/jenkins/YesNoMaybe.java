package jenkins;

/** Stand-in for Jenkins core's {@code jenkins.YesNoMaybe}. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;

    public static Boolean toBoolean(YesNoMaybe v) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public Boolean toBool() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
