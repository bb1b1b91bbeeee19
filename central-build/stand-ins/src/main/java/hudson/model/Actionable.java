package hudson.model;

/** Stand-in for hudson.model.Actionable: real signatures, bodies that only throw. */
public abstract class Actionable extends hudson.model.AbstractModelObject implements jenkins.model.ModelObjectWithContextMenu {
}
