package jenkins.model;

/** Stand-in for jenkins.model.Named: real signatures, bodies that only throw. */
public interface Named {
}
