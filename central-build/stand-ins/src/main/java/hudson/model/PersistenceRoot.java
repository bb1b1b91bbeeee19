package hudson.model;

/** Stand-in for hudson.model.PersistenceRoot: real signatures, bodies that only throw. */
public interface PersistenceRoot extends hudson.model.Saveable {
}
