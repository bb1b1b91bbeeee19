package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for {@code org.jenkinsci.Symbol} (artifact symbol-annotation). The real one is also
 * meta-annotated {@code @org.jvnet.hudson.annotation_indexer.Indexed}, from annotation-indexer, which
 * Maven Central does not have; the Central build therefore writes no {@code META-INF/services/annotations}
 * index for symbols (see docs/architecture.md).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
