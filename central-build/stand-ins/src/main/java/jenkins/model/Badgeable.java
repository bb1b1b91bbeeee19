package jenkins.model;

/** Stand-in for jenkins.model.Badgeable: real signatures, bodies that only throw. */
public interface Badgeable {
}
