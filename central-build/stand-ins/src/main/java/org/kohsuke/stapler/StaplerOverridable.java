package org.kohsuke.stapler;

/** Stand-in for org.kohsuke.stapler.StaplerOverridable: real signatures, bodies that only throw. */
public interface StaplerOverridable {
}
