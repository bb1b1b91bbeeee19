package hudson.model;

/** Stand-in for hudson.model.ViewDescriptor: real signatures, bodies that only throw. */
public abstract class ViewDescriptor extends hudson.model.Descriptor<hudson.model.View> {

    protected ViewDescriptor() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public boolean isApplicableIn(hudson.model.ViewGroup arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
