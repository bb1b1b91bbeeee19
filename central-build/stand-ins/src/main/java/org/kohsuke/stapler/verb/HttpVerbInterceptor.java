package org.kohsuke.stapler.verb;

import org.kohsuke.stapler.interceptor.Interceptor;

/** Stand-in for Stapler's {@code HttpVerbInterceptor}. */
public class HttpVerbInterceptor extends Interceptor {
    public HttpVerbInterceptor() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
