package hudson.model;

/** Stand-in for hudson.model.Actionable: real signatures, bodies that only throw. */
public abstract class Actionable extends hudson.model.AbstractModelObject implements jenkins.model.ModelObjectWithContextMenu {

    public <T extends hudson.model.Action> java.util.List<T> getActions(java.lang.Class<T> arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public <T extends hudson.model.Action> T getAction(java.lang.Class<T> arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void addAction(hudson.model.Action arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

}
