package hudson.model;

import hudson.ExtensionPoint;

/** Stand-in for Jenkins core's {@code hudson.model.RootAction}. */
public interface RootAction extends Action, ExtensionPoint {}
