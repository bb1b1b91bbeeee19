package io.jenkins.plugins.environments.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.jenkins.EnvironmentManagementConfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rule of docs/architecture.md: only {@code io.jenkins.plugins.environments.jenkins} (and
 * packages below it) may use Jenkins APIs. Everything else is plain Java that a test builds with
 * {@code new}. Checked twice: on the compiled classes (every reference, imported or fully qualified) and
 * on the sources' import lines (which also catches imports of inlined constants).
 */
class ArchitectureTest {

    private static final String GLUE = "io.jenkins.plugins.environments.jenkins";
    private static final Pattern JENKINS_API =
            Pattern.compile("^(hudson|jenkins|org\\.kohsuke\\.stapler|org\\.jenkinsci|com\\.cloudbees)\\..*");
    /** A string constant shaped like a type descriptor; it must not count as a reference. */
    private static final String LOOKS_LIKE_A_DESCRIPTOR = "Lorg/kohsuke/stapler/X;";

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void onlyTheJenkinsPackageReferencesJenkinsApisInCompiledClasses() throws Exception {
        Path classes = mainClasses();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String className =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (inGlue(className)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    for (String used : ClassFileReferences.of(in)) {
                        if (JENKINS_API.matcher(used).matches()) {
                            violations.add(className + " uses " + used);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "Jenkins APIs used outside " + GLUE);
    }

    @Test
    void onlyTheJenkinsPackageImportsJenkinsApisInSources() throws IOException {
        Path sources = rootDirectory().resolve("src/main/java");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = sources.relativize(file.getParent()).toString().replace('/', '.');
                if (inGlue(pkg + ".X")) {
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (JENKINS_API.matcher(m.group(1)).matches()) {
                        violations.add(sources.relativize(file) + " imports " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "Jenkins APIs imported outside " + GLUE);
    }

    /** The rule itself: the glue package and its subpackages are in, a look-alike prefix is not. */
    @Test
    void glueIsTheJenkinsPackageAndItsSubpackagesOnly() {
        assertTrue(inGlue(GLUE + ".EnvironmentManagementConfiguration"));
        assertTrue(inGlue(GLUE + ".steps.DeployPreviewStep"));
        assertFalse(inGlue("io.jenkins.plugins.environments.jenkinsish.Helper"));
        assertFalse(inGlue("io.jenkins.plugins.environments.model.Environment"));
    }

    /** The reader finds references in descriptors and class entries, and ignores string literals. */
    @Test
    void classFileReaderSeesTypeReferencesButNotStrings() throws IOException {
        try (InputStream in = ArchitectureTest.class.getResourceAsStream("ArchitectureTest.class")) {
            Set<String> used = ClassFileReferences.of(in);
            assertTrue(used.contains("java.util.regex.Pattern"), used::toString);
            assertTrue(used.contains(EnvironmentManagementConfiguration.class.getName()), used::toString);
            assertFalse(
                    used.contains("org.kohsuke.stapler.X"), LOOKS_LIKE_A_DESCRIPTOR + " is a string, not a reference");
        }
        IOException e = assertThrows(
                IOException.class, () -> ClassFileReferences.of(new ByteArrayInputStream(new byte[] {1, 2, 3, 4})));
        assertEquals("not a class file", e.getMessage());
    }

    private static boolean inGlue(String className) {
        return className.startsWith(GLUE + ".");
    }

    private static Path mainClasses() throws URISyntaxException {
        String configured = System.getProperty("environments.main.classes");
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(EnvironmentManagementConfiguration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    /** The project root: set by the Central-only build, the working directory in the root build. */
    private static Path rootDirectory() {
        return Path.of(System.getProperty("environments.root", System.getProperty("user.dir")));
    }
}
