package hudson;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jenkins.YesNoMaybe;
import net.java.sezpoz.Indexable;

/**
 * Stand-in for Jenkins core's {@code hudson.Extension}. Meta-annotated with SezPoz's {@link Indexable}
 * exactly as the real one, so that compiling against it writes the genuine
 * {@code META-INF/annotations/hudson.Extension} index. The real {@code optional()} member is deprecated and left out.
 */
@Indexable
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
@Documented
public @interface Extension {
    double ordinal() default 0;

    YesNoMaybe dynamicLoadable() default YesNoMaybe.MAYBE;
}
