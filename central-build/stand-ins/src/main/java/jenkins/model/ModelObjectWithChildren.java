package jenkins.model;

/** Stand-in for jenkins.model.ModelObjectWithChildren: real signatures, bodies that only throw. */
public interface ModelObjectWithChildren extends hudson.model.ModelObject {
}
