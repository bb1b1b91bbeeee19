package io.jenkins.plugins.environments.standins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hudson.ExtensionPoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the stand-ins faithful to the real Jenkins API. The plugin's one source tree is compiled twice: against the
 * real Jenkins artifacts, and in the Central-only build against these stand-ins. Both builds must accept and reject
 * the same code, so every public or protected type and member a stand-in declares must exist in the real API
 * ({@code jenkins-api.sigs.tsv}, read from the real sources) with the same erased signature, kind, modifiers and
 * checked exceptions; annotation types must have the same retention, targets and meta-annotations
 * ({@code jenkins-api.annotations.tsv}); and nothing stood in may be {@code @Restricted} or
 * (a separate check) deprecated, since the plugin must not use either. The stand-ins are found by scanning the
 * module's main classes ({@code standins.classes}, else wherever {@link ExtensionPoint} was loaded from); they are
 * loaded without being initialized. That a stand-in the plugin extends or implements declares every abstract member
 * of the real type is checked where the plugin's classes are known, in the build-checks module.
 */
class StandInFidelityTest {
    private static final String DASH = " \u2014 ";
    private static final String RESTRICTED =
            "@org.kohsuke.accmod.Restricted(org.kohsuke.accmod.restrictions.NoExternalUse.class)";
    private static SignatureIndex realApi;
    private static List<Class<?>> standIns;

    @BeforeAll
    static void load() throws Exception {
        realApi = SignatureIndex.load();
        standIns = scan(standInClasses());
        assertFalse(standIns.isEmpty(), "no stand-in classes found in " + standInClasses());
    }

    @Test
    void standInsMatchTheRealApi() {
        assertNoProblems("stand-ins differ from the real API", StandInChecker.check(standIns, realApi));
    }

    @Test
    void standInsDeclareNothingDeprecated() {
        assertNoProblems("stand-ins declare deprecated API", StandInChecker.deprecatedUses(standIns, realApi));
    }

    @Test
    void checkerReportsARenamedMember() {
        SignatureIndex real = index(
                row("type", Renamed.class, "interface Renamed", "public,static", "", ""),
                row("method", Renamed.class, "loadAll():void", "public,abstract", "", "java.io.IOException"));
        String type = Renamed.class.getName();
        assertEquals(
                List.of(type + "#load():void" + DASH + "not in the real API"),
                StandInChecker.check(List.of(Renamed.class), real));
        assertEquals(
                List.of(type + "#loadAll():void" + DASH + "abstract in the real API but not declared by the stand-in"),
                StandInChecker.missingAbstractMembers(Renamed.class, real));
    }

    /** Plays a stand-in whose method the real API calls {@code loadAll()}. */
    public interface Renamed {
        void load() throws IOException;
    }

    @Test
    void checkerReportsModifiersExceptionsRestrictionsAndDeprecations() {
        SignatureIndex real = index(
                row("type", Fixture.class, "class Fixture", "public,static", "", ""),
                row("field", Fixture.class, "NAME:java.lang.String", "public,static,final", RESTRICTED, ""),
                row("ctor", Fixture.class, "<init>()", "protected,deprecated", "", ""),
                row(
                        "method",
                        Fixture.class,
                        "run():void",
                        "public,abstract",
                        "",
                        "java.io.IOException,com.example.Gone"),
                row(
                        "method",
                        Fixture.class,
                        "name(java.lang.Object[]):java.lang.String",
                        "public,varargs",
                        "",
                        "java.lang.IllegalStateException"));
        String type = Fixture.class.getName();
        assertEquals(
                List.of(
                        type + DASH + "modifiers differ: stand-in [public, static, abstract] real [public, static]",
                        type + "#NAME:java.lang.String" + DASH + "@Restricted in the real API, plugins must not use it",
                        type + "#name(java.lang.Object[]):java.lang.String" + DASH
                                + "checked exceptions differ: stand-in [java.lang.Exception] real []",
                        type + "#run():void" + DASH
                                + "checked exceptions differ: stand-in [java.io.IOException] real [com.example.Gone, java.io.IOException]"),
                StandInChecker.check(List.of(Fixture.class), real));
        assertEquals(
                List.of(type + "#<init>()" + DASH + "deprecated in the real API"),
                StandInChecker.deprecatedUses(List.of(Fixture.class), real));
    }

    @Test
    void checkerAcceptsARestrictedImplementationOfAnOpenAbstractMember() {
        SignatureIndex real = index(
                row("type", Proxy.class, "interface Proxy", "public,static,abstract", "", ""),
                row("method", Proxy.class, "target():java.lang.Object", "public,abstract", "", ""),
                row(
                        "type",
                        Monitor.class,
                        "class Monitor implements " + Proxy.class.getName(),
                        "public,static,abstract",
                        "",
                        ""),
                row("ctor", Monitor.class, "<init>()", "public", "", ""),
                row("method", Monitor.class, "target():java.lang.Object", "public", RESTRICTED, ""),
                row("method", Monitor.class, "url():java.lang.String", "public", RESTRICTED, ""));
        assertEquals(
                List.of(Monitor.class.getName() + "#url():java.lang.String" + DASH
                        + "@Restricted in the real API, plugins must not use it"),
                StandInChecker.check(List.of(Proxy.class, Monitor.class), real));
    }

    /** Plays an interface of the real API whose one method plugins may implement and call. */
    public interface Proxy {
        Object target();
    }

    /**
     * Plays a class that implements {@link Proxy} with a method the real API restricts, as AdministrativeMonitor does
     * StaplerProxy's, and has a restricted method of its own.
     */
    public abstract static class Monitor implements Proxy {
        @Override
        public Object target() {
            return this;
        }

        public String url() {
            return "";
        }
    }

    /** Plays a stand-in that differs from its hand-made real rows: abstract, a checked exception too few or many. */
    public abstract static class Fixture {
        public static final String NAME = "fixture";

        protected Fixture() {}

        public abstract void run() throws IOException;

        public String name(Object... parts) throws Exception {
            return NAME;
        }
    }

    /** A line of jenkins-api.sigs.tsv. */
    private static String row(
            String kind, Class<?> type, String signature, String modifiers, String annotations, String exceptions) {
        return String.join(
                "\t", kind, type.getName(), signature, modifiers, annotations, "repo", signature, exceptions);
    }

    private static SignatureIndex index(String... signatureLines) {
        return SignatureIndex.parse(Stream.of(signatureLines), Stream.empty());
    }

    private static void assertNoProblems(String title, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s), " + title + ":\n  " + String.join("\n  ", problems));
        }
    }

    private static Path standInClasses() throws Exception {
        String property = System.getProperty("standins.classes");
        if (property != null) {
            return Path.of(property);
        }
        return Path.of(ExtensionPoint.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    /** Every API class in a class directory, loaded with this test's class loader but not initialized. */
    private static List<Class<?>> scan(Path classes) throws IOException {
        assertTrue(Files.isDirectory(classes), classes + " is not a directory of classes");
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(file -> classes.relativize(file).toString())
                    .filter(file -> file.endsWith(".class")
                            && !file.endsWith("module-info.class")
                            && !file.endsWith("package-info.class"))
                    .map(file -> file.substring(0, file.length() - ".class".length())
                            .replace(classes.getFileSystem().getSeparator(), "."))
                    .sorted()
                    .<Class<?>>map(StandInFidelityTest::loadClass)
                    .filter(StandInChecker::isApi)
                    .toList();
        }
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name, false, StandInFidelityTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("cannot load stand-in " + name, e);
        }
    }
}
