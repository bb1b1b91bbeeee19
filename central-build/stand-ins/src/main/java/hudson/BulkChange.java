package hudson;

/** Stand-in for hudson.BulkChange: real signatures, bodies that only throw. */
public class BulkChange implements java.io.Closeable {

    public BulkChange(hudson.model.Saveable arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void abort() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void close() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void commit() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static boolean contains(hudson.model.Saveable arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
