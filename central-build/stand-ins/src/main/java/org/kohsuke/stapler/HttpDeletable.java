package org.kohsuke.stapler;

/** Stand-in for org.kohsuke.stapler.HttpDeletable: real signatures, bodies that only throw. */
public interface HttpDeletable {
}
