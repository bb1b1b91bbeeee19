package org.kohsuke.stapler;

/** Stand-in for org.kohsuke.stapler.HttpResponse: real signatures, bodies that only throw. */
public interface HttpResponse {
}
