package org.jenkinsci.plugins.workflow.steps;

/** Stand-in for org.jenkinsci.plugins.workflow.steps.StepContext: real signatures, bodies that only throw. */
public abstract class StepContext implements com.google.common.util.concurrent.FutureCallback<java.lang.Object>,java.io.Serializable {

    public abstract <T> T get(java.lang.Class<T> arg0) throws java.io.IOException, java.lang.InterruptedException;
}
