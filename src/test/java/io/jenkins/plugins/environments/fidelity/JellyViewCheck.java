package io.jenkins.plugins.environments.fidelity;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ProcessingInstruction;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The checks Jenkins would make of a plugin's views when it renders them, made on the files alone: each view is
 * well-formed XML that escapes by default, its tags exist in the tag libraries it declares, the {@code field}s of a
 * describable's form name its properties and have help, and the message keys it needs are defined. Each method
 * returns the problems it finds, one line each naming the file; an empty list means the views pass.
 */
final class JellyViewCheck {

    /** The views whose {@code field} attributes bind to the describable named by their folder. */
    static final Set<String> FORM_VIEWS = Set.of("config.jelly", "configure-entries.jelly", "global.jelly");

    private static final Pattern MESSAGE = Pattern.compile("\\$\\{%([^}(]+)");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-z0-9]*[A-Z][A-Za-z0-9._]*");
    private static final Set<String> CONVENTIONAL_KEYS = Set.of("description", "blurb");

    private final Map<String, Set<String>> tagsByNamespace;
    private final Map<String, String> helpExceptions;
    private final Map<String, String> formOmissions;

    JellyViewCheck(
            Map<String, Set<String>> tagsByNamespace,
            Map<String, String> helpExceptions,
            Map<String, String> formOmissions) {
        this.tagsByNamespace = tagsByNamespace;
        this.helpExceptions = helpExceptions;
        this.formOmissions = formOmissions;
    }

    /** Loads the tag lists and help exceptions kept as data next to this class. */
    static JellyViewCheck fromData() throws IOException {
        Map<String, Set<String>> tags = new HashMap<>();
        for (String[] row : rows("jelly-tags.tsv", 2)) {
            tags.computeIfAbsent(row[0], k -> new HashSet<>()).add(row[1]);
        }
        Map<String, String> exceptions = new HashMap<>();
        for (String[] row : rows("jelly-help-exceptions.tsv", 3)) {
            exceptions.put(row[0] + "#" + row[1], row[2]);
        }
        Map<String, String> omissions = new HashMap<>();
        for (String[] row : rows("jelly-form-omissions.tsv", 3)) {
            omissions.put(row[0] + "#" + row[1], row[2]);
        }
        return new JellyViewCheck(tags, exceptions, omissions);
    }

    private static List<String[]> rows(String resource, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = JellyViewCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing data file " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t", columns);
                if (row.length != columns) {
                    throw new IOException(resource + ": expected " + columns + " tab-separated columns in: " + line);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<Path> views(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    /** Well-formed, escaping by default, and only known tags of the declared libraries. */
    List<String> checkMarkup(Path view) {
        List<String> problems = new ArrayList<>();
        Document document;
        try {
            document = parse(Files.readString(view));
        } catch (Exception e) {
            problems.add(view + ": not well-formed XML: " + e.getMessage());
            return problems;
        }
        if (!escapesByDefault(document)) {
            problems.add(view + ": lacks <?jelly escape-by-default='true'?>");
        }
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String namespace = element.getNamespaceURI();
            if (namespace == null || insideDocumentation(element)) {
                continue;
            }
            Set<String> known = tagsByNamespace.get(namespace);
            if (known == null) {
                problems.add(view + ": <" + element.getTagName() + "> is in tag library '" + namespace
                        + "', which the list of known tag libraries does not hold");
            } else if (!known.contains(element.getLocalName())) {
                problems.add(view + ": <" + element.getTagName() + "> is not a tag of '" + namespace + "'");
            }
        }
        return problems;
    }

    /**
     * In a form view, each {@code field} names a property of the describable whose binary name is the view's folder,
     * and has a {@code help-<field>.html} beside it or a recorded reason not to; and each property the describable
     * binds ({@code @DataBoundSetter} or {@code @DataBoundConstructor} parameter) appears in the form or has a
     * recorded reason not to (the Snippet Generator draws the form, so what it lacks cannot be generated).
     */
    List<String> checkFields(Path root, Path view, ClassLoader loader) {
        List<String> problems = new ArrayList<>();
        if (!FORM_VIEWS.contains(view.getFileName().toString())) {
            return problems;
        }
        String className = view.getParent().getFileName().toString();
        Path folder = view.getParent();
        String binaryName = binaryName(root, folder);
        Class<?> type;
        try {
            type = Class.forName(binaryName, false, loader);
        } catch (ClassNotFoundException e) {
            problems.add(view + ": no class " + binaryName + " for its folder");
            return problems;
        }
        Set<String> properties = properties(type);
        Set<String> bound = new TreeSet<>();
        collect(type, bound, true);
        Set<String> fields;
        try {
            fields = fieldsOf(view);
        } catch (IOException e) {
            problems.add(e.getMessage());
            return problems;
        }
        for (String field : fields) {
            if (!properties.contains(field)) {
                problems.add(view + ": field '" + field + "' names no property of " + className
                        + " (no @DataBoundSetter, @DataBoundConstructor parameter or getter)");
            }
            if (!Files.exists(folder.resolve("help-" + field + ".html"))
                    && !helpExceptions.containsKey(binaryName + "#" + field)) {
                problems.add(view + ": field '" + field + "' has no help-" + field
                        + ".html and no reason in jelly-help-exceptions.tsv");
            }
        }
        for (String property : bound) {
            if (!fields.contains(property) && !formOmissions.containsKey(binaryName + "#" + property)) {
                problems.add(view + ": property '" + property + "' of " + className
                        + " is bound but not in the form and has no reason in jelly-form-omissions.tsv");
            }
        }
        return problems;
    }

    /**
     * The recorded reasons still apply: each omission names a bound property its form still leaves out, and each help
     * exception names a field its form still has without a help file. A stale entry would hide the next real gap.
     */
    List<String> staleEntries(Path root, ClassLoader loader) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String entry : new TreeSet<>(formOmissions.keySet())) {
            String[] parts = entry.split("#", 2);
            Path view = formOf(root, parts[0]);
            Set<String> bound = new TreeSet<>();
            try {
                collect(Class.forName(parts[0], false, loader), bound, true);
            } catch (ClassNotFoundException e) {
                problems.add("jelly-form-omissions.tsv: no class " + parts[0]);
                continue;
            }
            if (!bound.contains(parts[1]) || view == null || fieldsOf(view).contains(parts[1])) {
                problems.add(
                        "jelly-form-omissions.tsv: " + entry + " is no longer a bound property left out of a form");
            }
        }
        for (String entry : new TreeSet<>(helpExceptions.keySet())) {
            String[] parts = entry.split("#", 2);
            Path view = formOf(root, parts[0]);
            if (view == null
                    || !fieldsOf(view).contains(parts[1])
                    || Files.exists(view.resolveSibling("help-" + parts[1] + ".html"))) {
                problems.add("jelly-help-exceptions.tsv: " + entry + " is no longer a form field without help");
            }
        }
        return problems;
    }

    private static Path formOf(Path root, String binaryName) {
        Path folder = root.resolve(binaryName.replace('.', '/'));
        for (String name : FORM_VIEWS) {
            if (Files.exists(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        return null;
    }

    private static Set<String> fieldsOf(Path view) throws IOException {
        Set<String> fields = new LinkedHashSet<>();
        try {
            NodeList all = parse(Files.readString(view)).getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element element = (Element) all.item(i);
                if (element.hasAttribute("field")) {
                    fields.add(element.getAttribute("field"));
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(view + ": not well-formed XML: " + e.getMessage(), e);
        }
        return fields;
    }

    /**
     * A message key that cannot stand as its own text (a camelCase key, or the conventional {@code description}) is
     * defined in the view's own properties; every key of the view's properties is used by the view.
     */
    List<String> checkMessages(Path view) throws IOException {
        List<String> problems = new ArrayList<>();
        String name = view.getFileName().toString().replaceFirst("\\.jelly$", "");
        Path propertiesFile = view.resolveSibling(name + ".properties");
        Properties defined = new Properties();
        if (Files.exists(propertiesFile)) {
            try (InputStream in = Files.newInputStream(propertiesFile)) {
                defined.load(in);
            }
        }
        Set<String> used = new TreeSet<>();
        Matcher matcher = MESSAGE.matcher(Files.readString(view));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        for (String key : used) {
            boolean mustBeDefined = CAMEL_CASE.matcher(key).matches() || CONVENTIONAL_KEYS.contains(key);
            if (mustBeDefined && !defined.containsKey(key)) {
                problems.add(view + ": message key '" + key + "' is not defined in " + propertiesFile.getFileName());
            }
        }
        for (String key : defined.stringPropertyNames()) {
            if (!used.contains(key)) {
                problems.add(propertiesFile + ": key '" + key + "' is not used by " + view.getFileName());
            }
        }
        return problems;
    }

    /** Every key of a {@code Messages.properties} is called in the Java sources as {@code Messages.Key_Name}. */
    static List<String> unusedMessages(Path messagesFile, String javaSources) throws IOException {
        Properties defined = new Properties();
        try (InputStream in = Files.newInputStream(messagesFile)) {
            defined.load(in);
        }
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(defined.stringPropertyNames())) {
            String method = key.replace('.', '_');
            if (!Pattern.compile("\\bMessages\\._?" + Pattern.quote(method) + "\\s*\\(")
                    .matcher(javaSources)
                    .find()) {
                problems.add(messagesFile + ": key '" + key + "' is used by no Messages." + method + "() call");
            }
        }
        return problems;
    }

    private static String binaryName(Path root, Path folder) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(folder)) {
            parts.add(part.toString());
        }
        return String.join(".", parts);
    }

    private static Set<String> properties(Class<?> type) {
        Set<String> names = new HashSet<>();
        collect(type, names, false);
        return names;
    }

    private static void collect(Class<?> type, Set<String> names, boolean boundOnly) {
        for (Method method : type.getMethods()) {
            String name = method.getName();
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (boundOnly && !name.startsWith("set")) {
                continue;
            }
            if (method.getParameterCount() == 0 && name.startsWith("get") && name.length() > 3) {
                names.add(decapitalize(name.substring(3)));
            } else if (method.getParameterCount() == 0
                    && name.startsWith("is")
                    && name.length() > 2
                    && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
                names.add(decapitalize(name.substring(2)));
            } else if (method.getParameterCount() == 1
                    && name.startsWith("set")
                    && annotated(method.getAnnotations(), "org.kohsuke.stapler.DataBoundSetter")) {
                names.add(decapitalize(name.substring(3)));
            }
        }
        for (Constructor<?> constructor : type.getConstructors()) {
            if (annotated(constructor.getAnnotations(), "org.kohsuke.stapler.DataBoundConstructor")) {
                for (Parameter parameter : constructor.getParameters()) {
                    if (parameter.isNamePresent()) {
                        names.add(parameter.getName());
                    }
                }
            }
        }
    }

    private static boolean annotated(java.lang.annotation.Annotation[] annotations, String name) {
        for (java.lang.annotation.Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static boolean escapesByDefault(Document document) {
        for (Node node = document.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof ProcessingInstruction instruction
                    && "jelly".equals(instruction.getTarget())
                    && instruction
                            .getData()
                            .replace('"', '\'')
                            .replaceAll("\\s", "")
                            .equals("escape-by-default='true'")) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideDocumentation(Element element) {
        for (Node node = element.getParentNode(); node instanceof Element parent; node = parent.getParentNode()) {
            if ("jelly:stapler".equals(parent.getNamespaceURI()) && "documentation".equals(parent.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    private static Document parse(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler() {
            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder.parse(new InputSource(new StringReader(text)));
    }
}
