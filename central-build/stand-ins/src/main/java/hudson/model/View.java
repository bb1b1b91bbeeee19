package hudson.model;

/** Stand-in for hudson.model.View: real signatures, bodies that only throw. */
public abstract class View extends hudson.model.AbstractModelObject implements hudson.security.AccessControlled,hudson.model.Describable<hudson.model.View>,hudson.ExtensionPoint,hudson.model.Saveable,jenkins.model.ModelObjectWithChildren,hudson.model.DescriptorByNameOwner,jenkins.widgets.HasWidgets,jenkins.model.Badgeable {

    protected View(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    protected View(java.lang.String arg0, hudson.model.ViewGroup arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public abstract java.util.Collection<hudson.model.TopLevelItem> getItems();

    public abstract boolean contains(hudson.model.TopLevelItem arg0);

    protected void submit(org.kohsuke.stapler.StaplerRequest2 arg0) throws java.io.IOException, jakarta.servlet.ServletException, hudson.model.Descriptor.FormException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getViewName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.model.ViewGroup getOwner() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.model.ViewDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.security.ACL getACL() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void save() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getUrl() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getSearchUrl() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
