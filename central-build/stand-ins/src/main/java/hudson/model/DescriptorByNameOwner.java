package hudson.model;

/** Stand-in for hudson.model.DescriptorByNameOwner: real signatures, bodies that only throw. */
public interface DescriptorByNameOwner extends hudson.model.ModelObject {
}
