package org.jenkinsci.plugins.workflow.steps;

/** Stand-in for org.jenkinsci.plugins.workflow.steps.StepExecutions: real signatures, bodies that only throw. */
public class StepExecutions {

    private StepExecutions() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static org.jenkinsci.plugins.workflow.steps.StepExecution synchronousNonBlocking(
            org.jenkinsci.plugins.workflow.steps.StepContext arg0,
            org.jenkinsci.plugins.workflow.steps.StepExecutions.SynchronousBody arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    /** Stand-in for org.jenkinsci.plugins.workflow.steps.StepExecutions.SynchronousBody. */
    @FunctionalInterface
    public static interface SynchronousBody {
        java.lang.Object call(org.jenkinsci.plugins.workflow.steps.StepContext arg0) throws java.lang.Exception;
    }
}
