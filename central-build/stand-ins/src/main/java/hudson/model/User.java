package hudson.model;

/** Stand-in for hudson.model.User: real signatures, bodies that only throw. */
public class User extends hudson.model.AbstractModelObject implements hudson.security.AccessControlled,hudson.model.DescriptorByNameOwner,jenkins.model.Loadable,hudson.model.Saveable,java.lang.Comparable<hudson.model.User>,jenkins.model.ModelObjectWithContextMenu,org.kohsuke.stapler.StaplerProxy {
    private User() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    public static hudson.model.User getById(java.lang.String arg0, boolean arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getFullName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public int compareTo(hudson.model.User arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.security.ACL getACL() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getId() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void load() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void save() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getSearchUrl() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public java.lang.Object getTarget() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
