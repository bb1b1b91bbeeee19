package hudson.model;

/** Stand-in for hudson.model.Result: real signatures, bodies that only throw. */
public final class Result implements java.io.Serializable,org.kohsuke.stapler.export.CustomExportedBean {
    private Result() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    public static final hudson.model.Result ABORTED = null;
}
