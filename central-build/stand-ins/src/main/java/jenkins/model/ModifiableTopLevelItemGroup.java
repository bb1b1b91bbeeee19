package jenkins.model;

/** Stand-in for jenkins.model.ModifiableTopLevelItemGroup: real signatures, bodies that only throw. */
public interface ModifiableTopLevelItemGroup extends hudson.model.ModifiableItemGroup<hudson.model.TopLevelItem> {
}
