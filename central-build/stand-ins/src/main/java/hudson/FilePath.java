package hudson;

/** Stand-in for hudson.FilePath: real signatures, bodies that only throw. */
public final class FilePath implements org.jenkinsci.remoting.SerializableOnlyOverRemoting {

    private FilePath() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.FilePath child(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.FilePath createTempDir(java.lang.String arg0, java.lang.String arg1)
            throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void deleteRecursive() throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public boolean exists() throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getRemote() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public boolean isDescendant(java.lang.String arg0) throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public boolean isDirectory() throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.util.List<hudson.FilePath> list() throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String readLink() throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void mkdirs() throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String readToString() throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void write(java.lang.String arg0, java.lang.String arg1)
            throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    // Used by AgentRenderSite (GitOps render check).

    public void copyFrom(java.io.InputStream arg0) throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.FilePath getParent() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.FilePath sibling(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
