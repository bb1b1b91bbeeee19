package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Jenkins' checklist for web methods, checked on every {@code do…} method of the plugin: it answers only HTTP POST
 * ({@code @POST} or {@code @RequirePOST}) unless it is one of the read-only data endpoints listed here, which answer
 * only GET ({@code @GET}); and its first statement checks the permission before anything else runs
 * (by inspection of the source: {@code ConfigurationPermission…}, {@code Jenkins.get().checkPermission(Jenkins.READ)}
 * for the read-only endpoints, or {@code FormChecks.check(…)}, which checks first, or
 * {@code … = ApprovalPermission.check(…)}, which checks {@code Job/Read} first and answers the request it found).
 * The behaviour with a denied user is covered by the live-Jenkins tests of the real build.
 */
class WebMethodSecurityTest {

    private static final String PACKAGE = "io.jenkins.plugins.environments.jenkins";
    private static final Pattern WEB_METHOD = Pattern.compile("do[A-Z]\\w*");
    /** Web methods that change nothing and answer GET: the dashboard's data (JSON), read by its page's script. */
    private static final Set<String> READ_ONLY =
            Set.of("EnvironmentDashboardView#doData", "EnvironmentDashboardAction#doData");

    private static final Pattern FIRST_STATEMENT_CHECKS =
            Pattern.compile("^\\s*(?:if \\(!?ConfigurationPermission\\.|ConfigurationPermission\\.check\\(\\);"
                    + "|Jenkins\\.get\\(\\)\\.checkPermission\\(Jenkins\\.READ\\);"
                    + "|return FormChecks\\.check\\("
                    + "|[\\w.]+ \\w+ = ApprovalPermission\\.check\\()");

    @Test
    void everyWebMethodIsPostOnly() throws Exception {
        List<Method> webMethods = webMethods();
        assertFalse(webMethods.isEmpty(), "no web method found; is the scan looking in the right place?");
        List<String> notPost = webMethods.stream()
                .filter(m -> !READ_ONLY.contains(name(m)))
                .filter(m -> Stream.of(m.getAnnotations())
                        .map(a -> a.annotationType().getName())
                        .noneMatch(name -> name.equals("org.kohsuke.stapler.verb.POST")
                                || name.equals("org.kohsuke.stapler.interceptor.RequirePOST")))
                .map(WebMethodSecurityTest::name)
                .toList();
        assertEquals(List.of(), notPost, "web methods that also answer GET");
    }

    @Test
    void readOnlyEndpointsAnswerGetOnly() throws Exception {
        List<String> readOnly = webMethods().stream()
                .filter(m -> READ_ONLY.contains(name(m)))
                .filter(m -> m.isAnnotationPresent(org.kohsuke.stapler.verb.GET.class))
                .map(WebMethodSecurityTest::name)
                .sorted()
                .toList();
        assertEquals(READ_ONLY.stream().sorted().toList(), readOnly, "read-only endpoints marked @GET");
    }

    @Test
    void everyWebMethodChecksPermissionFirst() throws Exception {
        List<String> unchecked = new ArrayList<>();
        for (Method method : webMethods()) {
            String body = body(method).orElse(null);
            if (body == null || !FIRST_STATEMENT_CHECKS.matcher(body).lookingAt()) {
                unchecked.add(name(method));
            }
        }
        assertEquals(List.of(), unchecked, "web methods whose first statement is not a permission check");
    }

    /** The inspection itself: what it accepts as a first statement, and what it does not. */
    @Test
    void inspectionRecognisesPermissionChecksOnly() {
        assertTrue(FIRST_STATEMENT_CHECKS
                .matcher("\n  ConfigurationPermission.check();")
                .lookingAt());
        assertTrue(FIRST_STATEMENT_CHECKS
                .matcher(" if (!ConfigurationPermission.granted()) {")
                .lookingAt());
        assertTrue(FIRST_STATEMENT_CHECKS
                .matcher(" return FormChecks.check(() -> x);")
                .lookingAt());
        assertTrue(FIRST_STATEMENT_CHECKS
                .matcher("\n  Entry entry = ApprovalPermission.check(this, id);")
                .lookingAt());
        assertTrue(FIRST_STATEMENT_CHECKS
                .matcher("\n  Jenkins.get().checkPermission(Jenkins.READ);")
                .lookingAt());
        assertFalse(FIRST_STATEMENT_CHECKS
                .matcher(" Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);")
                .lookingAt());
        assertFalse(FIRST_STATEMENT_CHECKS.matcher(" Entry entry = entry(id);").lookingAt());
        assertFalse(FIRST_STATEMENT_CHECKS
                .matcher(" ListBoxModel items = new ListBoxModel();")
                .lookingAt());
        assertFalse(FIRST_STATEMENT_CHECKS
                .matcher(" return ConnectionTest.cluster(c);")
                .lookingAt());
    }

    /** Public {@code do…} methods of the plugin's Jenkins-side classes, found on the compiled classes. */
    private static List<Method> webMethods() throws Exception {
        Path classes = Path.of(EnvironmentManagementConfiguration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path glue = classes.resolve(PACKAGE.replace('.', '/'));
        List<Method> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(glue)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, WebMethodSecurityTest.class.getClassLoader());
                for (Method m : type.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers())
                            && WEB_METHOD.matcher(m.getName()).matches()
                            && !m.isSynthetic()) {
                        found.add(m);
                    }
                }
            }
        }
        return found;
    }

    /** The text after the opening brace of the method's declaration in its top-level class's source file. */
    private static Optional<String> body(Method method) throws IOException {
        Class<?> top = method.getDeclaringClass();
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        Path source = sourceRoot().resolve(top.getName().replace('.', '/') + ".java");
        String text = Files.readString(source);
        Matcher declaration = Pattern.compile("public \\S+ " + method.getName() + "\\((?:[^)]|\\n)*\\)[^{]*\\{")
                .matcher(text);
        return declaration.find() ? Optional.of(text.substring(declaration.end())) : Optional.empty();
    }

    private static Path sourceRoot() {
        return Path.of(System.getProperty("environments.root", System.getProperty("user.dir")), "src/main/java");
    }

    private static String name(Method m) {
        return m.getDeclaringClass().getName().substring(PACKAGE.length() + 1) + "#" + m.getName();
    }
}
