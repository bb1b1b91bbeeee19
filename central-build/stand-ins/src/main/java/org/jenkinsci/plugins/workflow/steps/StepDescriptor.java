package org.jenkinsci.plugins.workflow.steps;

/** Stand-in for org.jenkinsci.plugins.workflow.steps.StepDescriptor: real signatures, bodies that only throw. */
public abstract class StepDescriptor extends hudson.model.Descriptor<org.jenkinsci.plugins.workflow.steps.Step> {

    public abstract java.lang.String getFunctionName();

    public abstract java.util.Set<? extends java.lang.Class<?>> getRequiredContext();
}
