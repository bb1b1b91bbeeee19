package io.jenkins.plugins.environments.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every stand-in that a class of the plugin extends or implements, directly or further up, declares all the abstract
 * members of the real type. Otherwise a plugin class that forgets one would compile against the stand-ins and fail
 * against Jenkins. (Stand-ins the plugin only calls may declare just the members it calls.)
 */
class StandInCompletenessTest {

    @Test
    void standInsThePluginExtendsDeclareEveryAbstractMember() throws Exception {
        SignatureIndex real = SignatureIndex.load();
        Set<Class<?>> extended = new LinkedHashSet<>();
        for (Class<?> pluginClass : pluginClasses()) {
            collectStandInSupertypes(pluginClass, real, extended);
        }
        assertFalse(extended.isEmpty(), "the plugin extends no stand-in; is the scan looking in the right place?");
        List<String> problems = new ArrayList<>();
        for (Class<?> standIn : extended) {
            problems.addAll(StandInChecker.missingAbstractMembers(standIn, real));
        }
        assertEquals(List.of(), problems, "stand-ins extended by " + extended);
    }

    private static void collectStandInSupertypes(Class<?> type, SignatureIndex real, Set<Class<?>> into) {
        Stream.concat(Stream.ofNullable(type.getSuperclass()), Stream.of(type.getInterfaces()))
                .filter(supertype -> real.type(supertype.getName()) == null || into.add(supertype))
                .forEach(supertype -> collectStandInSupertypes(supertype, real, into));
    }

    private static List<Class<?>> pluginClasses() throws Exception {
        Path classes = Path.of(System.getProperty("environments.main.classes"));
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                found.add(Class.forName(name, false, StandInCompletenessTest.class.getClassLoader()));
            }
            return found;
        }
    }
}
