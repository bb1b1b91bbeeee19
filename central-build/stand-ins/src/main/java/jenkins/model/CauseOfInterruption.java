package jenkins.model;

/** Stand-in for jenkins.model.CauseOfInterruption: real signatures, bodies that only throw. */
public abstract class CauseOfInterruption implements java.io.Serializable {

    public abstract java.lang.String getShortDescription();
}
