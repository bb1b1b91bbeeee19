package org.jenkinsci.plugins.workflow.steps;

/** Stand-in for org.jenkinsci.plugins.workflow.steps.StepExecution: real signatures, bodies that only throw. */
public abstract class StepExecution implements java.io.Serializable {

    protected StepExecution(org.jenkinsci.plugins.workflow.steps.StepContext arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public org.jenkinsci.plugins.workflow.steps.StepContext getContext() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public abstract boolean start() throws java.lang.Exception;

    public java.lang.String getStatus() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void onResume() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void stop(java.lang.Throwable arg0) throws java.lang.Exception {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
