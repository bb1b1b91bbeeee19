package org.kohsuke.stapler;

/** Stand-in for org.kohsuke.stapler.StaplerFallback: real signatures, bodies that only throw. */
public interface StaplerFallback {
}
