package jenkins.model;

/** Stand-in for jenkins.model.FullyNamed: real signatures, bodies that only throw. */
public interface FullyNamed {

    java.lang.String getFullName();
}
