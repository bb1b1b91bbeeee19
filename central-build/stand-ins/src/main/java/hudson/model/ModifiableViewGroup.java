package hudson.model;

/** Stand-in for hudson.model.ModifiableViewGroup: real signatures, bodies that only throw. */
public interface ModifiableViewGroup extends hudson.model.ViewGroup {
}
