package io.jenkins.plugins.environments.render;

/** A render request was refused or a render failed. Messages never contain secret values. */
public class RenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
