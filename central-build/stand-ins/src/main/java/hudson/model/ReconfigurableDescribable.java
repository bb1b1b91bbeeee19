package hudson.model;

/** Stand-in for hudson.model.ReconfigurableDescribable: real signatures, bodies that only throw. */
public interface ReconfigurableDescribable<T extends hudson.model.ReconfigurableDescribable<T>> extends hudson.model.Describable<T> {
}
