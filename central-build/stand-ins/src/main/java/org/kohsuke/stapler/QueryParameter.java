package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in for Stapler's {@code @QueryParameter}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
@InjectedParameter(QueryParameter.HandlerImpl.class)
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;

    /** Stand-in for the handler that binds the parameter. */
    class HandlerImpl extends AnnotationHandler<QueryParameter> {
        public HandlerImpl() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }
    }
}
