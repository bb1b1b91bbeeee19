package io.jenkins.plugins.environments.preview;

/**
 * A preview could not be deployed or torn down. The message is written for the pipeline author: it names the
 * parameter or object at fault and quotes bad values escaped; it never contains a secret. The Jenkins glue shows it
 * without a stack trace.
 */
public class PreviewException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreviewException(String message) {
        super(message);
    }

    public PreviewException(String message, Throwable cause) {
        super(message, cause);
    }
}
