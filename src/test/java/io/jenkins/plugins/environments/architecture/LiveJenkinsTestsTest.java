package io.jenkins.plugins.environments.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jenkins.plugins.environments.jenkins.LiveJenkinsTag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code @WithJenkins} tests need a live Jenkins (jenkins-test-harness), which only the real build
 * has. Here they must still compile -- this test finds them among the compiled test classes -- and each
 * must carry the {@value #TAG} tag by which the Central-only build leaves them out of its run.
 */
class LiveJenkinsTestsTest {

    static final String TAG = LiveJenkinsTag.TAG;

    @Test
    void liveJenkinsTestsAreCompiledAndTagged() throws Exception {
        Path testClasses = Path.of(LiveJenkinsTestsTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> live = new ArrayList<>();
        List<String> untagged = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testClasses)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = testClasses
                        .relativize(file)
                        .toString()
                        .replace('/', '.')
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, LiveJenkinsTestsTest.class.getClassLoader());
                if (needsLiveJenkins(type)) {
                    live.add(name);
                    boolean tagged = Arrays.stream(type.getAnnotationsByType(Tag.class))
                            .anyMatch(tag -> tag.value().equals(TAG));
                    if (!tagged) {
                        untagged.add(name);
                    }
                }
            }
        }
        assertFalse(live.isEmpty(), "no @WithJenkins test was compiled");
        assertEquals(List.of(), untagged, "@WithJenkins tests without @Tag(\"" + TAG + "\")");
    }

    /** {@code @WithJenkins} on the class or a superclass (JUnit finds it there too; it is not {@code @Inherited}). */
    private static boolean needsLiveJenkins(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            if (t.isAnnotationPresent(WithJenkins.class)) {
                return true;
            }
        }
        return false;
    }
}
