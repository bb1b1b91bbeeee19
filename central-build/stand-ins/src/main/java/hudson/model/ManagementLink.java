package hudson.model;

/** Stand-in for hudson.model.ManagementLink: real signatures, bodies that only throw. */
public abstract class ManagementLink implements hudson.ExtensionPoint, hudson.model.Action {

    public ManagementLink() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
