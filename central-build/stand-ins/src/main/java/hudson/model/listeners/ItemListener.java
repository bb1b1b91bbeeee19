package hudson.model.listeners;

/** Stand-in for hudson.model.listeners.ItemListener: real signatures, bodies that only throw. */
public class ItemListener implements hudson.ExtensionPoint {

    public void onDeleted(hudson.model.Item arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
