package org.kohsuke.stapler;

/** Stand-in for org.kohsuke.stapler.StaplerProxy: real signatures, bodies that only throw. */
public interface StaplerProxy {

    java.lang.Object getTarget();
}
