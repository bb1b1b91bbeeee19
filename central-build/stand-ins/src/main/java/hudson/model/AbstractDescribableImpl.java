package hudson.model;

/** Stand-in for hudson.model.AbstractDescribableImpl: real signatures, bodies that only throw. */
public abstract class AbstractDescribableImpl<T extends hudson.model.AbstractDescribableImpl<T>> implements hudson.model.Describable<T> {
}
