package org.jenkinsci.plugins.workflow.steps;

/** Stand-in for org.jenkinsci.plugins.workflow.steps.Step: real signatures, bodies that only throw. */
public abstract class Step extends hudson.model.AbstractDescribableImpl<org.jenkinsci.plugins.workflow.steps.Step> implements hudson.ExtensionPoint {

    public abstract org.jenkinsci.plugins.workflow.steps.StepExecution start(org.jenkinsci.plugins.workflow.steps.StepContext arg0) throws java.lang.Exception;
}
