package org.kohsuke.stapler;

import java.lang.annotation.Annotation;

/** Stand-in for Stapler's {@code AnnotationHandler}. */
public abstract class AnnotationHandler<T extends Annotation> {
    public AnnotationHandler() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
