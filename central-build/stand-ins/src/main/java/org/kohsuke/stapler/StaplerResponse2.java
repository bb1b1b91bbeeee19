package org.kohsuke.stapler;

/** Stand-in for org.kohsuke.stapler.StaplerResponse2: real signatures, bodies that only throw. */
public interface StaplerResponse2 extends jakarta.servlet.http.HttpServletResponse {
}
