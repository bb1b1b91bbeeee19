package io.jenkins.plugins.environments.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's views pass the checks Jenkins makes when it renders them (see {@link JellyViewCheck}), and each check
 * rejects a view broken on purpose in the way it guards against.
 */
class JellyFidelityTest {

    private static final Path ROOT = Path.of(System.getProperty("environments.root", System.getProperty("user.dir")))
            .toAbsolutePath()
            .normalize();
    private static final Path RESOURCES = ROOT.resolve("src/main/resources");
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String ESCAPE = "<?jelly escape-by-default='true'?>\n";

    @TempDir
    Path temp;

    @Test
    void everyViewIsWellFormedEscapesByDefaultAndUsesOnlyRealTags() throws Exception {
        JellyViewCheck check = JellyViewCheck.fromData();
        List<Path> views = JellyViewCheck.views(RESOURCES);
        assertTrue(views.size() > 15, "views found: " + views.size());
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            problems.addAll(check.checkMarkup(view));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyFormFieldNamesAPropertyAndHasHelp() throws Exception {
        JellyViewCheck check = JellyViewCheck.fromData();
        List<String> problems = new ArrayList<>();
        int forms = 0;
        for (Path view : JellyViewCheck.views(RESOURCES)) {
            if (JellyViewCheck.FORM_VIEWS.contains(view.getFileName().toString())) {
                forms++;
            }
            problems.addAll(check.checkFields(RESOURCES, view, getClass().getClassLoader()));
        }
        assertTrue(forms > 10, "form views found: " + forms);
        assertEquals(List.of(), problems);
    }

    @Test
    void everyMessageKeyAViewNeedsIsDefinedAndEveryDefinedKeyIsUsed() throws Exception {
        JellyViewCheck check = JellyViewCheck.fromData();
        List<String> problems = new ArrayList<>();
        for (Path view : JellyViewCheck.views(RESOURCES)) {
            problems.addAll(check.checkMessages(view));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyOfMessagesPropertiesIsCalledFromJava() throws Exception {
        String java;
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/java"))) {
            java = files.filter(f -> f.toString().endsWith(".java"))
                    .map(JellyFidelityTest::read)
                    .collect(Collectors.joining("\n"));
        }
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path messages : files.filter(f -> f.getFileName().toString().equals("Messages.properties"))
                    .toList()) {
                problems.addAll(JellyViewCheck.unusedMessages(messages, java));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void rejectsAViewThatIsNotWellFormed() throws Exception {
        Path view = write("broken/index.jelly", HEADER + ESCAPE + "<j:jelly xmlns:j=\"jelly:core\"><div></j:jelly>");
        List<String> problems = JellyViewCheck.fromData().checkMarkup(view);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(view + ": not well-formed XML: "), problems.get(0));
    }

    @Test
    void rejectsAViewWithoutEscapeByDefault() throws Exception {
        Path view = write("broken/index.jelly", HEADER + "<j:jelly xmlns:j=\"jelly:core\"><p>${it.name}</p></j:jelly>");
        assertEquals(
                List.of(view + ": lacks <?jelly escape-by-default='true'?>"),
                JellyViewCheck.fromData().checkMarkup(view));
        Path off = write("off/index.jelly", HEADER + "<?jelly escape-by-default='false'?>\n<div/>");
        assertEquals(
                List.of(off + ": lacks <?jelly escape-by-default='true'?>"),
                JellyViewCheck.fromData().checkMarkup(off));
    }

    @Test
    void rejectsAnUnknownTagOfADeclaredLibrary() throws Exception {
        Path view = write(
                "broken/config.jelly",
                HEADER + ESCAPE + "<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\" xmlns:st=\"jelly:stapler\">"
                        + "<f:entry title=\"x\"><f:textbox/><f:textBox/></f:entry><j:foreach/><st:includes/>"
                        + "</j:jelly>");
        assertEquals(
                List.of(
                        view + ": <f:textBox> is not a tag of '/lib/form'",
                        view + ": <j:foreach> is not a tag of 'jelly:core'",
                        view + ": <st:includes> is not a tag of 'jelly:stapler'"),
                JellyViewCheck.fromData().checkMarkup(view));
    }

    @Test
    void rejectsATagLibraryNotInTheList() throws Exception {
        Path view = write("broken/index.jelly", HEADER + ESCAPE + "<div xmlns:x=\"/lib/nowhere\"><x:thing/></div>");
        assertEquals(
                List.of(
                        view
                                + ": <x:thing> is in tag library '/lib/nowhere', which the list of known tag libraries does not hold"),
                JellyViewCheck.fromData().checkMarkup(view));
    }

    @Test
    void rejectsAFieldNamingNoPropertyAndAFieldWithoutHelp() throws Exception {
        String folder = Sample.class.getName().replace('.', '/');
        Path view = write(
                folder + "/config.jelly",
                HEADER + ESCAPE + "<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">"
                        + "<f:entry field=\"name\"><f:textbox/></f:entry>"
                        + "<f:entry field=\"enabled\"><f:checkbox/></f:entry>"
                        + "<f:entry field=\"colour\"><f:textbox/></f:entry></j:jelly>");
        write(folder + "/help-name.html", "<div>The name.</div>");
        write(folder + "/help-colour.html", "<div>A colour.</div>");
        assertEquals(
                List.of(
                        view + ": field 'enabled' has no help-enabled.html and no reason in jelly-help-exceptions.tsv",
                        view + ": field 'colour' names no property of "
                                + Sample.class.getName().replaceFirst(".*\\.", "")
                                + " (no @DataBoundSetter, @DataBoundConstructor parameter or getter)"),
                JellyViewCheck.fromData().checkFields(temp, view, getClass().getClassLoader()));
    }

    @Test
    void acceptsAFieldWithoutHelpWhenItsReasonIsRecorded() throws Exception {
        String folder = Sample.class.getName().replace('.', '/');
        Path view = write(
                folder + "/config.jelly",
                HEADER + ESCAPE
                        + "<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\"><f:entry field=\"enabled\"><f:checkbox/></f:entry>"
                        + "</j:jelly>");
        JellyViewCheck check = new JellyViewCheck(
                java.util.Map.of(),
                java.util.Map.of(Sample.class.getName() + "#enabled", "the title says it all"),
                java.util.Map.of());
        assertEquals(List.of(), check.checkFields(temp, view, getClass().getClassLoader()));
    }

    @Test
    void rejectsABoundPropertyMissingFromTheFormWithoutAReason() throws Exception {
        String step = "io.jenkins.plugins.environments.jenkins.AwaitApprovalStep";
        String folder = step.replace('.', '/');
        Path view = write(
                folder + "/config.jelly",
                HEADER + ESCAPE + "<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">"
                        + "<f:entry field=\"environment\"><f:textbox/></f:entry></j:jelly>");
        write(folder + "/help-environment.html", "<div>The environment.</div>");
        List<String> problems = new JellyViewCheck(java.util.Map.of(), java.util.Map.of(), java.util.Map.of())
                .checkFields(temp, view, getClass().getClassLoader());
        assertTrue(
                problems.contains(view + ": property 'digest' of AwaitApprovalStep is bound but not in the form"
                        + " and has no reason in jelly-form-omissions.tsv"),
                problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("'environment'")), problems.toString());
    }

    @Test
    void everyRecordedReasonStillApplies() throws Exception {
        assertEquals(
                List.of(),
                JellyViewCheck.fromData().staleEntries(RESOURCES, getClass().getClassLoader()));
    }

    @Test
    void rejectsAReasonThatNoLongerApplies() throws Exception {
        String step = "io.jenkins.plugins.environments.jenkins.AwaitApprovalStep";
        String folder = step.replace('.', '/');
        write(
                folder + "/config.jelly",
                HEADER + ESCAPE + "<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">"
                        + "<f:entry field=\"approvers\"><f:textbox/></f:entry></j:jelly>");
        JellyViewCheck check = new JellyViewCheck(
                java.util.Map.of(),
                java.util.Map.of(step + "#gone", "a field removed since"),
                java.util.Map.of(step + "#approvers", "was left out", step + "#colour", "never existed"));
        assertEquals(
                List.of(
                        "jelly-form-omissions.tsv: " + step
                                + "#approvers is no longer a bound property left out of a form",
                        "jelly-form-omissions.tsv: " + step
                                + "#colour is no longer a bound property left out of a form",
                        "jelly-help-exceptions.tsv: " + step + "#gone is no longer a form field without help"),
                check.staleEntries(temp, getClass().getClassLoader()));
    }

    @Test
    void rejectsAMissingMessageKeyAndAnUnusedOne() throws Exception {
        Path view = write(
                "broken/index.jelly",
                HEADER + ESCAPE
                        + "<div><p>${%blurb}</p><p>${%introText}</p><p>${%Plain words need no entry}</p></div>");
        write("broken/index.properties", "blurb=The blurb.\nleftOver=Nobody shows this.\n");
        assertEquals(
                List.of(
                        view + ": message key 'introText' is not defined in index.properties",
                        view.resolveSibling("index.properties") + ": key 'leftOver' is not used by index.jelly"),
                JellyViewCheck.fromData().checkMessages(view));
    }

    @Test
    void rejectsAMessagesKeyNoJavaCalls() throws Exception {
        Path messages = write("Messages.properties", "Thing.DisplayName=Thing\nThing.Gone=Gone\n");
        assertEquals(
                List.of(messages + ": key 'Thing.Gone' is used by no Messages.Thing_Gone() call"),
                JellyViewCheck.unusedMessages(messages, "return Messages.Thing_DisplayName();"));
    }

    private Path write(String relative, String text) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A describable-shaped class for the broken samples: properties {@code name} and {@code enabled}. */
    public static final class Sample {
        public String getName() {
            return "";
        }

        public boolean isEnabled() {
            return false;
        }
    }
}
