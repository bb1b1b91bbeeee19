package org.kohsuke.stapler;

/** Stand-in for org.kohsuke.stapler.HttpResponses: real signatures, bodies that only throw. */
public class HttpResponses {

    public static org.kohsuke.stapler.HttpResponses.HttpResponseException errorWithoutStack(int arg0, java.lang.String arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static org.kohsuke.stapler.HttpResponse redirectToDot() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static org.kohsuke.stapler.HttpResponse text(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    /** Stand-in for org.kohsuke.stapler.HttpResponses.HttpResponseException: real signatures, bodies that only throw. */
    public static abstract class HttpResponseException extends java.lang.RuntimeException implements org.kohsuke.stapler.HttpResponse {
    }
}
