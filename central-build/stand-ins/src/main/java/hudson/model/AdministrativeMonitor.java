package hudson.model;

/**
 * Stand-in for hudson.model.AdministrativeMonitor: real signatures, bodies that only throw. {@code getTarget()} is
 * here only because it implements {@code StaplerProxy.getTarget()}, as in Jenkins; plugins do not call it by this
 * class.
 */
public abstract class AdministrativeMonitor extends hudson.model.AbstractModelObject
        implements hudson.ExtensionPoint, org.kohsuke.stapler.StaplerProxy {

    protected AdministrativeMonitor() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    protected AdministrativeMonitor(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public final java.lang.String getSearchUrl() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getUrl() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public java.lang.Object getTarget() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public abstract boolean isActivated();
}
