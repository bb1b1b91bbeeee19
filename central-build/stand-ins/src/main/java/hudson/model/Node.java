package hudson.model;

/** Stand-in for hudson.model.Node: real signatures, bodies that only throw. */
public abstract class Node extends hudson.model.AbstractModelObject implements hudson.model.ReconfigurableDescribable<hudson.model.Node>,hudson.ExtensionPoint,hudson.security.AccessControlled,jenkins.util.io.OnMaster,hudson.model.PersistenceRoot {
}
