package org.jenkinsci.plugins.workflow.steps;

/** Stand-in for org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution: real signatures, bodies that only throw. */
public abstract class SynchronousNonBlockingStepExecution<T> extends org.jenkinsci.plugins.workflow.steps.StepExecution {

    protected SynchronousNonBlockingStepExecution(org.jenkinsci.plugins.workflow.steps.StepContext arg0) {
        super(arg0);
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    protected abstract T run() throws java.lang.Exception;

    public final boolean start() throws java.lang.Exception {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
