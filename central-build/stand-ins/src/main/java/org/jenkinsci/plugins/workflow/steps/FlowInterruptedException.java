package org.jenkinsci.plugins.workflow.steps;

/** Stand-in for org.jenkinsci.plugins.workflow.steps.FlowInterruptedException: real signatures, bodies that only throw. */
public final class FlowInterruptedException extends java.lang.InterruptedException {

    public FlowInterruptedException(hudson.model.Result arg0, boolean arg1, jenkins.model.CauseOfInterruption... arg2) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.util.List<jenkins.model.CauseOfInterruption> getCauses() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public hudson.model.Result getResult() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
