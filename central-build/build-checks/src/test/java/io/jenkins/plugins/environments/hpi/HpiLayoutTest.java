package io.jenkins.plugins.environments.hpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Extension;
import hudson.ExtensionPoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .hpi as Jenkins will read it: the layout maven-hpi-plugin produces (manifest, the plugin jar and
 * bundled libraries in WEB-INF/lib, no WEB-INF/classes), the manifest entries Jenkins' PluginWrapper
 * reads, an extension index naming the configuration class, and no stand-in class.
 */
class HpiLayoutTest {

    private static final String CONFIGURATION =
            "io.jenkins.plugins.environments.jenkins.EnvironmentManagementConfiguration";

    private static Path hpi;
    private static String artifactId;

    @BeforeAll
    static void findHpi() throws IOException {
        Path directory = Path.of(System.getProperty("hpi.directory"));
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".hpi")).toList();
            assertEquals(1, found.size(), "exactly one .hpi in " + directory + ": " + found);
            hpi = found.get(0);
        }
        artifactId = rootPomElement("artifactId");
        assertEquals(artifactId + ".hpi", hpi.getFileName().toString(), "named after the root pom's artifactId");
    }

    @Test
    void manifestHasTheEntriesJenkinsReads() throws IOException {
        Attributes main = hpiManifest().getMainAttributes();
        for (String entry : List.of(
                "Manifest-Version",
                "Created-By",
                "Build-Jdk-Spec",
                "Specification-Title",
                "Implementation-Title",
                "Implementation-Version",
                "Group-Id",
                "Artifact-Id",
                "Short-Name",
                "Long-Name",
                "Url",
                "Plugin-Version",
                "Hudson-Version",
                "Jenkins-Version",
                "Plugin-Dependencies",
                "Plugin-License-Name",
                "Plugin-License-Url",
                "Plugin-ScmConnection",
                "Plugin-ScmUrl")) {
            assertNotNull(main.getValue(entry), "manifest entry " + entry);
        }
        assertEquals(artifactId, main.getValue("Short-Name"));
        assertEquals(rootPomElement("groupId"), main.getValue("Group-Id"));
        assertEquals(rootPomElement("name"), main.getValue("Long-Name"));
        assertEquals(main.getValue("Jenkins-Version"), main.getValue("Hudson-Version"));
        assertTrue(
                main.getValue("Jenkins-Version").startsWith(rootPomElement("jenkins.baseline") + "."),
                "Jenkins-Version " + main.getValue("Jenkins-Version") + " is on the root pom's baseline");
        assertNull("Plugin-Class", main, "no legacy hudson.Plugin subclass");
        assertNull("Extension-Name", main, "maven-hpi-plugin no longer writes it");
    }

    /** Plugin-Dependencies is parsed by core's PluginWrapper.Dependency: name:version[;resolution:=optional]. */
    @Test
    void pluginDependenciesAreTheRootPomsPluginsWithVersions() throws IOException {
        String value = hpiManifest().getMainAttributes().getValue("Plugin-Dependencies");
        Set<String> names = new TreeSet<>();
        for (String dependency : value.split(",")) {
            Matcher m = Pattern.compile("([a-z0-9-]+):([0-9][\\w.\\-]*)(;resolution:=optional)?")
                    .matcher(dependency);
            assertTrue(m.matches(), "malformed dependency '" + dependency + "'");
            names.add(m.group(1));
        }
        assertTrue(
                names.containsAll(List.of("credentials", "workflow-step-api", "kubernetes-client-api", "git")),
                names::toString);
        assertFalse(names.contains("workflow-job"), "test-scope plugins are not dependencies");
    }

    @Test
    void layoutIsManifestPluginJarAndBundledLibrariesOnly() throws IOException {
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(hpi.toFile())) {
            jar.stream().map(ZipEntry::getName).forEach(entries::add);
        }
        assertTrue(entries.contains("WEB-INF/lib/" + artifactId + ".jar"), entries::toString);
        for (String entry : entries) {
            assertFalse(entry.startsWith("WEB-INF/classes/"), "no unpacked classes: " + entry);
            assertFalse(entry.endsWith(".class"), "classes belong in WEB-INF/lib jars: " + entry);
            // provided by the kubernetes-client-api, git-client, jackson2-api and snakeyaml-api plugins
            assertFalse(
                    entry.matches(
                            "WEB-INF/lib/(kubernetes-|okhttp|org\\.eclipse\\.jgit|jackson-|snakeyaml|stand-ins).*"),
                    "bundles what another plugin or the stand-ins provide: " + entry);
        }
    }

    @Test
    void pluginJarCarriesTheSameManifestTheIndexAndMessages(@TempDir Path temp) throws Exception {
        Path pluginJar = extract("WEB-INF/lib/" + artifactId + ".jar", temp);
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            assertEquals(hpiManifest().getMainAttributes(), jar.getManifest().getMainAttributes());
            assertNotNull(jar.getEntry("META-INF/annotations/hudson.Extension"), "SezPoz index");
            assertNotNull(jar.getEntry("io/jenkins/plugins/environments/jenkins/Messages.class"), "localizer Messages");
            assertNotNull(jar.getEntry("index.jelly"), "plugin description");
        }
        List<String> indexed = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {pluginJar.toUri().toURL()}, getClass().getClassLoader())) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className());
            }
        }
        assertTrue(indexed.contains(CONFIGURATION), "hudson.Extension index lists " + indexed);
    }

    @Test
    void noStandInClassIsPackaged(@TempDir Path temp) throws Exception {
        Set<String> standIns = classesIn(Path.of(ExtensionPoint.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI()));
        assertTrue(standIns.contains("hudson/ExtensionPoint.class"), "stand-ins found: " + standIns.size());
        List<String> leaked = new ArrayList<>();
        try (JarFile jar = new JarFile(hpi.toFile())) {
            for (ZipEntry entry :
                    jar.stream().filter(e -> e.getName().endsWith(".jar")).toList()) {
                Path lib = extract(entry.getName(), temp);
                for (String cls : classesIn(lib)) {
                    if (standIns.contains(cls)
                            || cls.matches("(hudson|jenkins|org/kohsuke/stapler|org/jenkinsci|org/jvnet/hudson)/.*")) {
                        leaked.add(entry.getName() + "!" + cls);
                    }
                }
            }
        }
        assertEquals(List.of(), leaked);
    }

    private static void assertNull(String entry, Attributes main, String why) {
        assertEquals(null, main.getValue(entry), entry + ": " + why);
    }

    private static Manifest hpiManifest() throws IOException {
        try (JarFile jar = new JarFile(hpi.toFile())) {
            return jar.getManifest();
        }
    }

    private static Path extract(String name, Path temp) throws IOException {
        Path out = temp.resolve(name.replace('/', '_'));
        try (JarFile jar = new JarFile(hpi.toFile());
                InputStream in = jar.getInputStream(jar.getEntry(name))) {
            Files.copy(in, out);
        }
        return out;
    }

    private static Set<String> classesIn(Path jarOrDirectory) throws IOException {
        Set<String> classes = new TreeSet<>();
        if (Files.isDirectory(jarOrDirectory)) {
            try (Stream<Path> files = Files.walk(jarOrDirectory)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> classes.add(
                                jarOrDirectory.relativize(f).toString().replace('\\', '/')));
            }
            return classes;
        }
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jarOrDirectory))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".class")) {
                    classes.add(e.getName());
                }
            }
        }
        return classes;
    }

    /** The first element of that name after the root pom.xml's parent block: the project's own value. */
    private static String rootPomElement(String name) throws IOException {
        String pom = Files.readString(Path.of(System.getProperty("root.pom")));
        String own = pom.substring(pom.indexOf("</parent>"));
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(own);
        assertTrue(m.find(), "root pom.xml has <" + name + ">");
        return m.group(1).trim();
    }
}
