package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.dashboard.ViewFilter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/dashboard.md shows exactly the Configuration as Code YAML that {@link EnvironmentDashboardViewCascTest}
 * applies, under the view's symbol, with only the view's settable fields and values the view accepts; and README
 * links the page.
 */
class DashboardDocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("environments.root", System.getProperty("user.dir")));

    @Test
    void documentationShowsTheYamlTheRoundTripTestApplies() throws IOException {
        String yaml = yaml();
        String docs = Files.readString(ROOT.resolve("docs/dashboard.md"));
        assertTrue(docs.contains("```yaml\n" + yaml), "docs/dashboard.md has a yaml block with the test's YAML");
        assertTrue(docs.contains("\n## The page\n"));
        assertTrue(docs.contains("\n## Creating the view\n"));
        assertTrue(Files.readString(ROOT.resolve("README.md")).contains("(docs/dashboard.md)"), "README links it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theYamlUsesTheViewsSymbolFieldsAndValidValues() throws IOException {
        Map<String, Object> config = new Yaml().load(yaml());
        List<Map<String, Object>> views =
                (List<Map<String, Object>>) ((Map<String, Object>) config.get("jenkins")).get("views");
        String symbol = EnvironmentDashboardView.DescriptorImpl.class.getAnnotation(Symbol.class)
                .value()[0];
        assertEquals("environmentDashboard", symbol);
        Set<String> settable = new TreeSet<>(Set.of("name"));
        for (Method method : EnvironmentDashboardView.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                settable.add(Character.toLowerCase(method.getName().charAt(3))
                        + method.getName().substring(4));
            }
        }
        assertEquals(Set.of("name", "appPattern", "environments", "showPreviews"), settable);
        List<Map<String, Object>> dashboards = views.stream()
                .filter(v -> v.containsKey(symbol))
                .map(v -> (Map<String, Object>) v.get(symbol))
                .toList();
        assertEquals(2, dashboards.size());
        for (Map<String, Object> view : dashboards) {
            assertTrue(settable.containsAll(view.keySet()), "only settable fields: " + view.keySet());
            assertNotNull(view.get("name"));
            ViewFilter.of(
                    (String) view.get("appPattern"),
                    (String) view.get("environments"),
                    !Boolean.FALSE.equals(view.get("showPreviews")));
        }
        assertEquals(
                Stream.of("appPattern", "environments", "showPreviews").sorted().toList(),
                settable.stream().filter(s -> !s.equals("name")).toList());
    }

    private String yaml() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("environment-dashboard-views.yaml")) {
            assertNotNull(in, "environment-dashboard-views.yaml beside the round-trip test");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
