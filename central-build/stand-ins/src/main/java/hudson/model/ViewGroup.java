package hudson.model;

/** Stand-in for hudson.model.ViewGroup: real signatures, bodies that only throw. */
public interface ViewGroup extends hudson.model.Saveable,hudson.model.ModelObject,hudson.security.AccessControlled {
}
