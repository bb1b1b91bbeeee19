package org.kohsuke.stapler.interceptor;

/** Stand-in for Stapler's interceptor {@code Stage}. */
public enum Stage {
    PREINVOKE,
    SELECTION
}
