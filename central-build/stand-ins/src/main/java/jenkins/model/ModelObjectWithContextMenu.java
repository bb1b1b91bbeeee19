package jenkins.model;

/** Stand-in for jenkins.model.ModelObjectWithContextMenu: real signatures, bodies that only throw. */
public interface ModelObjectWithContextMenu extends hudson.model.ModelObject {
}
