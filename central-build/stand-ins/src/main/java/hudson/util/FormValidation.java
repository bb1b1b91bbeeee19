package hudson.util;

/** Stand-in for hudson.util.FormValidation: real signatures, bodies that only throw. */
public abstract class FormValidation extends java.io.IOException implements org.kohsuke.stapler.HttpResponse {
    private FormValidation() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    public static hudson.util.FormValidation error(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation error(java.lang.String arg0, java.lang.Object... arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation error(java.lang.Throwable arg0, java.lang.String arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation error(java.lang.Throwable arg0, java.lang.String arg1, java.lang.Object... arg2) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation ok() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation ok(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation ok(java.lang.String arg0, java.lang.Object... arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation warning(java.lang.String arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation warning(java.lang.String arg0, java.lang.Object... arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation warning(java.lang.Throwable arg0, java.lang.String arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static hudson.util.FormValidation warning(java.lang.Throwable arg0, java.lang.String arg1, java.lang.Object... arg2) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
