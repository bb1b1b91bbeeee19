package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The dashboard's Jelly pages, script and styles, read as files: well-formed pages with no inline script or event
 * handler (Jenkins' Content-Security-Policy), the shell the script expects, a help page per field, a script that
 * never parses data as markup, styles that fall back when the design library's variables are missing. How the script
 * behaves is tried in Chromium by the playground's page test.
 */
class DashboardPageResourcesTest {

    private static final Path ROOT = Path.of(System.getProperty("environments.root", System.getProperty("user.dir")))
            .toAbsolutePath()
            .normalize();
    private static final Path RESOURCES = ROOT.resolve("src/main/resources/io/jenkins/plugins/environments/jenkins");
    private static final Path WEBAPP = ROOT.resolve("src/main/webapp/dashboard");
    private static final List<String> PAGE_FOLDERS = List.of("EnvironmentDashboardView", "EnvironmentDashboardAction");
    private static final List<String> STATES =
            List.of("current", "behind", "promoting", "waiting", "held", "failed", "drifted");

    @Test
    void pagesAreWellFormedWithoutInlineScriptOrHandlers() throws Exception {
        List<Path> pages = jellyPages();
        assertEquals(5, pages.size(), "pages: " + pages);
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            Document document = parse(page);
            NodeList all = document.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element element = (Element) all.item(i);
                String where = ROOT.relativize(page) + " <" + element.getTagName() + ">";
                if (element.getTagName().equalsIgnoreCase("script")) {
                    if (!element.getTextContent().isBlank()) {
                        problems.add(where + " has an inline body");
                    }
                    if (!element.hasAttribute("src")) {
                        problems.add(where + " has no src");
                    }
                }
                NamedNodeMap attributes = element.getAttributes();
                for (int a = 0; a < attributes.getLength(); a++) {
                    Attr attribute = (Attr) attributes.item(a);
                    String name = attribute.getName().toLowerCase();
                    if (name.startsWith("on")) {
                        problems.add(where + " has the handler " + name);
                    }
                    if (attribute.getValue().toLowerCase().contains("javascript:")) {
                        problems.add(where + " has a javascript: URL in " + name);
                    }
                    if (name.equals("style")) {
                        problems.add(where + " has an inline style");
                    }
                }
            }
            String text = Files.readString(page);
            if (!text.contains("<?jelly escape-by-default='true'?>")) {
                problems.add(ROOT.relativize(page) + " does not escape by default");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theShellHasWhatTheScriptFills() throws Exception {
        Document shell = parse(RESOURCES.resolve("EnvironmentDashboardAction/dashboard.jelly"));
        Element root = byId(shell, "em-dashboard");
        assertEquals("em-dashboard", root.getAttribute("class"));
        assertEquals("${rootURL}/${it.dataUrl}", root.getAttribute("data-data-url"));
        assertEquals("${rootURL}/", root.getAttribute("data-root-url"));
        assertEquals("${it.showPreviews}", root.getAttribute("data-show-previews"));
        for (String id : List.of("em-filter", "em-matrix", "em-approvals", "em-previews", "em-history")) {
            Element element = byId(shell, id);
            assertTrue(isInside(element, root), id + " is inside #em-dashboard");
        }
        assertEquals("input", byId(shell, "em-filter").getTagName());
        Element script = (Element) shell.getElementsByTagName("script").item(0);
        assertEquals("${resURL}/plugin/environment-management/dashboard/dashboard.js", script.getAttribute("src"));
        Element link = (Element) shell.getElementsByTagName("link").item(0);
        assertEquals("${resURL}/plugin/environment-management/dashboard/dashboard.css", link.getAttribute("href"));
        assertTrue(Files.isRegularFile(WEBAPP.resolve("dashboard.js")));
        assertTrue(Files.isRegularFile(WEBAPP.resolve("dashboard.css")));

        String view = Files.readString(RESOURCES.resolve("EnvironmentDashboardView/main.jelly"));
        assertTrue(
                view.contains("page=\"dashboard.jelly\" class=\"" + EnvironmentDashboardAction.class.getName() + "\""));
    }

    @Test
    void everyFieldOfTheViewHasHelpAndTheDisplayNamesAreThere() throws Exception {
        Document form = parse(RESOURCES.resolve("EnvironmentDashboardView/configure-entries.jelly"));
        NodeList entries = form.getElementsByTagName("f:entry");
        Set<String> fields = new TreeSet<>();
        for (int i = 0; i < entries.getLength(); i++) {
            fields.add(((Element) entries.item(i)).getAttribute("field"));
        }
        assertEquals(Set.of("appPattern", "environments", "showPreviews"), fields);
        for (String field : fields) {
            Path help = RESOURCES.resolve("EnvironmentDashboardView/help-" + field + ".html");
            assertTrue(Files.isRegularFile(help), "missing " + ROOT.relativize(help));
            parse(help); // well-formed too
        }
        Properties messages = new Properties();
        try (var in = Files.newInputStream(RESOURCES.resolve("Messages.properties"))) {
            messages.load(in);
        }
        assertEquals("Environment dashboard", messages.getProperty("EnvironmentDashboardView.DisplayName"));
        assertEquals("Environment dashboard", messages.getProperty("EnvironmentDashboardAction.DisplayName"));
    }

    @Test
    void theScriptNeverTurnsTextIntoMarkup() throws IOException {
        String script = Files.readString(WEBAPP.resolve("dashboard.js"));
        List<String> found = new ArrayList<>();
        for (String sink : List.of(
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
                "new Function",
                "createContextualFragment",
                "setAttribute('on",
                "setAttribute(\"on",
                "javascript:")) {
            if (script.contains(sink)) {
                found.add(sink);
            }
        }
        assertEquals(List.of(), found, "markup sinks in dashboard.js");
        assertTrue(script.contains("textContent"));
        // every href the script sets comes from the two link helpers, which accept relative paths and http(s) only
        Matcher href = Pattern.compile("\\.href\\s*=").matcher(script);
        int hrefs = 0;
        while (href.find()) {
            hrefs++;
        }
        assertEquals(2, hrefs, "assignments of href outside internalLink and externalLink");
    }

    @Test
    void theScriptKnowsEveryStateAndTheStylesColourEach() throws IOException {
        String script = Files.readString(WEBAPP.resolve("dashboard.js"));
        String styles = Files.readString(WEBAPP.resolve("dashboard.css"));
        for (String state : STATES) {
            assertTrue(script.contains(state + ": '"), "dashboard.js labels " + state);
            assertTrue(styles.contains(".em-state-" + state + " "), "dashboard.css styles em-state-" + state);
        }
        assertTrue(styles.contains(".em-state-empty"));
    }

    @Test
    void theHistoryFiltersAskForEveryEventTypeOfTheLedgerAndNoOther() throws IOException {
        String script = Files.readString(WEBAPP.resolve("dashboard.js"));
        Matcher lists = Pattern.compile("types: \\[([^\\]]*)\\]").matcher(script);
        Set<String> asked = new TreeSet<>();
        while (lists.find()) {
            Matcher id = Pattern.compile("'([a-z-]+)'").matcher(lists.group(1));
            while (id.find()) {
                asked.add(id.group(1));
            }
        }
        Set<String> known = new TreeSet<>();
        for (LedgerEventType type : LedgerEventType.values()) {
            known.add(type.id());
        }
        assertEquals(known, asked);
    }

    @Test
    void stylesFallBackWhenTheDesignLibraryIsMissing() throws IOException {
        String styles = Files.readString(WEBAPP.resolve("dashboard.css"));
        Matcher use = Pattern.compile("var\\(--([\\w-]+)\\s*(,)?").matcher(styles);
        List<String> withoutFallback = new ArrayList<>();
        int jenkinsVariables = 0;
        while (use.find()) {
            if (!use.group(1).startsWith("em-")) {
                jenkinsVariables++;
                if (use.group(2) == null) {
                    withoutFallback.add(use.group(1));
                }
            }
        }
        assertTrue(jenkinsVariables > 10, "uses the design library's variables");
        assertEquals(List.of(), withoutFallback, "design-library variables used without a fallback");
        assertTrue(styles.contains("prefers-color-scheme: dark"));
        assertTrue(styles.contains("[data-theme=\"dark\"]"));
        assertFalse(styles.contains("@import"), "no styles from elsewhere");
    }

    private static List<Path> jellyPages() throws IOException {
        List<Path> pages = new ArrayList<>();
        for (String folder : PAGE_FOLDERS) {
            try (Stream<Path> files = Files.list(RESOURCES.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".jelly")).sorted().forEach(pages::add);
            }
        }
        return pages;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element byId(Document document, String id) {
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (id.equals(element.getAttribute("id"))) {
                return element;
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    private static boolean isInside(Element element, Element ancestor) {
        for (var node = element.getParentNode(); node != null; node = node.getParentNode()) {
            if (node == ancestor) {
                return true;
            }
        }
        return false;
    }
}
