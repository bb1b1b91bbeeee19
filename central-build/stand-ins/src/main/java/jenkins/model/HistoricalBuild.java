package jenkins.model;

/** Stand-in for jenkins.model.HistoricalBuild: real signatures, bodies that only throw. */
public interface HistoricalBuild extends jenkins.model.FullyNamedModelObject {
}
