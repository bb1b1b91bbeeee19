package hudson.model;

/** Stand-in for hudson.model.AbstractItem: real signatures, bodies that only throw. */
public abstract class AbstractItem extends hudson.model.Actionable implements jenkins.model.Loadable,hudson.model.Item,org.kohsuke.stapler.HttpDeletable,hudson.security.AccessControlled,hudson.model.DescriptorByNameOwner,org.kohsuke.stapler.StaplerProxy {

    protected AbstractItem(hudson.model.ItemGroup arg0, java.lang.String arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public final java.lang.String getFullName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
