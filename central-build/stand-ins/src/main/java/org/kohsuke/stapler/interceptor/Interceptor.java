package org.kohsuke.stapler.interceptor;

/** Stand-in for Stapler's {@code Interceptor}. */
public abstract class Interceptor {
    public Interceptor() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
