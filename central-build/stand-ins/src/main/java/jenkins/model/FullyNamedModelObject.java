package jenkins.model;

/** Stand-in for jenkins.model.FullyNamedModelObject: real signatures, bodies that only throw. */
public interface FullyNamedModelObject extends hudson.model.ModelObject {
}
