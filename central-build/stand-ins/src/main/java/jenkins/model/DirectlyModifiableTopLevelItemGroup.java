package jenkins.model;

/** Stand-in for jenkins.model.DirectlyModifiableTopLevelItemGroup: real signatures, bodies that only throw. */
public interface DirectlyModifiableTopLevelItemGroup extends jenkins.model.ModifiableTopLevelItemGroup {
}
