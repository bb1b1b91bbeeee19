package io.jenkins.plugins.environments.fidelity;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.XStreamException;
import com.thoughtworks.xstream.converters.ConversionException;
import com.thoughtworks.xstream.converters.Converter;
import com.thoughtworks.xstream.converters.MarshallingContext;
import com.thoughtworks.xstream.converters.UnmarshallingContext;
import com.thoughtworks.xstream.converters.collections.CollectionConverter;
import com.thoughtworks.xstream.converters.reflection.ReflectionConverter;
import com.thoughtworks.xstream.converters.reflection.ReflectionProvider;
import com.thoughtworks.xstream.core.MapBackedDataHolder;
import com.thoughtworks.xstream.core.util.Primitives;
import com.thoughtworks.xstream.core.util.SerializationMembers;
import com.thoughtworks.xstream.io.HierarchicalStreamReader;
import com.thoughtworks.xstream.io.HierarchicalStreamWriter;
import com.thoughtworks.xstream.io.xml.PrettyPrintWriter;
import com.thoughtworks.xstream.io.xml.StandardStaxDriver;
import com.thoughtworks.xstream.mapper.Mapper;
import com.thoughtworks.xstream.security.AnyTypePermission;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;

/**
 * XStream 1.4.21, the library Jenkins core 2.568.x serialises with, set up the way core's {@code hudson.util.XStream2}
 * and {@code hudson.XmlFile} use it for what this plugin persists ({@code environment-management.xml}, the actions in
 * a build's {@code build.xml}, the view in {@code config.xml}). Read from core's sources at {@code jenkins-2.568.2}
 * ({@code XStream2}, {@code RobustReflectionConverter}, {@code RobustCollectionConverter}, {@code XmlFile},
 * {@code jenkins.security.ClassFilterImpl}); written here in our own words. What it reproduces:
 *
 * <ul>
 *   <li><b>The file's form</b>: {@code <?xml version='1.1' encoding='UTF-8'?>} and a line break, then XStream's
 *       pretty printer in XML 1.1 mode with two-space indentation and no final line break, as {@code XmlFile.write};
 *       reading through StAX without namespaces or external entities, as {@code XStream2}'s driver. The owning
 *       plugin is marked on the outermost element of each of its objects ({@code plugin="environment-management@…"}),
 *       which reading ignores.
 *   <li><b>Robust reading</b> ({@code RobustReflectionConverter}): an element whose field no longer exists, or
 *       whose value cannot be read (a class that is gone, a bad enum constant), is skipped and the rest of the object
 *       loads; what was skipped is collected in {@link Loaded#problems()}, where Jenkins lists it under <em>Manage
 *       Old Data</em>. The same for one element of a list ({@code RobustCollectionConverter}). Values are written into
 *       fields directly: no constructor runs for a nested object, so field initialisers are not applied, and a field
 *       missing from the file keeps Java's default (an object loaded into an existing instance, as a global
 *       configuration is, keeps what it had).
 *   <li><b>{@code readResolve}</b> is called after an object's fields are read, as XStream calls it: a method of
 *       that name without parameters, whatever it returns ({@link XStreamPersistedClasses} checks the form Java and
 *       River need too).
 *   <li><b>Transient fields are not written</b> (XStream's rule; reading would fill one if a file named it, as
 *       Jenkins does).
 *   <li><b>Security</b>: Jenkins' class filter (JEP-200) refuses to write or read any class that is not from Jenkins
 *       core or a plugin, unless it is on core's list of allowed classes ({@code xstream/jep-200-allowed-classes.txt},
 *       e.g. {@code String}, {@code ArrayList}, boxed numbers), an enum, an array or a {@code Throwable}: so a field
 *       of type {@code java.time.Instant}, a library class (fabric8, JGit, Jackson) or a live object is refused,
 *       with core's wording. Plugin and core classes are told apart by package here (the plugin's {@code
 *       io.jenkins.plugins.environments}, the stand-ins' {@code hudson}, {@code jenkins}, {@code org.jenkinsci},
 *       {@code com.cloudbees}), where Jenkins looks at the jar a class came from. A field declared {@code Object} is
 *       refused on reading, as {@code RobustReflectionConverter} does from core 2.57x on. Dynamic proxies and {@code
 *       void} are refused as in {@code XStream2}; the collection update limit is core's 5 seconds.
 * </ul>
 *
 * <p>Not reproduced: {@code hudson.util.Secret}'s converter (the plugin keeps no {@code Secret}; it stores
 * credentials ids only, which {@link XStreamPersistedClasses} checks), the maps and Guava collections core also
 * converts robustly (no persisted class has one), {@code ConverterImpl} classes nested in a persisted class (none
 * has one) and the read-compatibility of Hudson 1.106's class names.
 */
final class XStreamLikeJenkins {

    /** The plugin as Jenkins marks its elements; the version is the one the fixtures say wrote them. */
    static final String OWNER = "environment-management@1.0";

    /** The first line {@code XmlFile.write} puts before the XML. */
    static final String HEADER = "<?xml version='1.1' encoding='UTF-8'?>\n";

    private static final String PLUGIN_PACKAGE = "io.jenkins.plugins.environments.";
    private static final List<String> CORE_PACKAGES =
            List.of("hudson.", "jenkins.", "org.jenkinsci.", "com.cloudbees.");
    private static final String PROBLEMS = XStreamLikeJenkins.class.getName() + ".problems";
    private static final Set<String> ALLOWED = allowedClasses();

    private final XStream xstream;

    private XStreamLikeJenkins() {
        xstream = new XStream(new Driver());
        xstream.setCollectionUpdateLimit(5);
        xstream.denyTypes(new Class<?>[] {void.class, Void.class});
        // As core: XStream's own type permissions are opened, the class filter below decides.
        xstream.addPermission(AnyTypePermission.ANY);
        xstream.registerConverter(new RobustCollection(xstream.getMapper()), 10);
        xstream.registerConverter(
                new RobustReflection(xstream.getMapper(), xstream.getReflectionProvider()),
                XStream.PRIORITY_VERY_LOW + 1);
        xstream.registerConverter(new ClassFilter(), XStream.PRIORITY_VERY_HIGH);
    }

    static XStreamLikeJenkins create() {
        return new XStreamLikeJenkins();
    }

    /** @return the file Jenkins would write for the object: header and XML */
    String toXml(Object object) {
        StringWriter out = new StringWriter();
        out.write(HEADER);
        xstream.toXML(object, out);
        return out.toString();
    }

    /** Reads a file into a new object, as a build's actions and a folder's views are read. */
    <T> Loaded<T> fromXml(String xml, Class<T> type) {
        return read(xml, null, type);
    }

    /** Reads a file into an existing object, as {@code XmlFile.unmarshal(this)} loads a global configuration. */
    @SuppressWarnings("unchecked")
    <T> Loaded<T> fromXml(String xml, T into) {
        return read(xml, into, (Class<T>) into.getClass());
    }

    private <T> Loaded<T> read(String xml, Object root, Class<T> type) {
        List<String> problems = new ArrayList<>();
        MapBackedDataHolder data = new MapBackedDataHolder();
        data.put(PROBLEMS, problems);
        Object value = xstream.unmarshal(new Driver().createReader(new StringReader(xml)), root, data);
        return new Loaded<>(value == null ? null : type.cast(value), List.copyOf(problems));
    }

    /**
     * An object read from a file.
     *
     * @param value the object, or {@code null} when its {@code readResolve} returned nothing
     * @param problems what was skipped, as Jenkins' <em>Manage Old Data</em> would list it; empty when all was read
     */
    record Loaded<T>(T value, List<String> problems) {}

    /** @return whether Jenkins' class filter lets XStream write and read the class */
    static boolean allowed(Class<?> type) {
        return type.isPrimitive()
                || type.isArray()
                || Enum.class.isAssignableFrom(type)
                || Throwable.class.isAssignableFrom(type)
                || isPlugin(type)
                || isCore(type)
                || ALLOWED.contains(type.getName());
    }

    /** @return whether the class is the plugin's own, from its main or its test tree */
    static boolean isPlugin(Class<?> type) {
        return type.getName().startsWith(PLUGIN_PACKAGE);
    }

    private static boolean isCore(Class<?> type) {
        return type.getClassLoader() != null
                && CORE_PACKAGES.stream().anyMatch(p -> type.getName().startsWith(p));
    }

    /** @return the words of core's class filter for a refused class */
    static String refusal(String verb, String what) {
        return "Refusing to " + verb + " " + what
                + " for security reasons; see https://www.jenkins.io/redirect/class-filter/";
    }

    private static Set<String> allowedClasses() {
        try (InputStream in = XStreamLikeJenkins.class.getResourceAsStream("xstream/jep-200-allowed-classes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void problem(UnmarshallingContext context, String problem) {
        Object problems = context.get(PROBLEMS);
        if (problems instanceof List<?>) {
            ((List<String>) problems).add(problem);
        }
    }

    /** @return the first line of the root cause's message: what went wrong, without XStream's debugging lines */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** A refusal that no robust reading may skip: it fails the whole file, as core's critical errors do. */
    static final class Refused extends XStreamException {

        Refused(String message) {
            super(message);
        }

        static boolean in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Refused) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Core's StAX driver: XML 1.1 pretty printing, no namespaces, no external entities. */
    private static final class Driver extends StandardStaxDriver {

        @Override
        public HierarchicalStreamWriter createWriter(Writer out) {
            return new PrettyPrintWriter(out, PrettyPrintWriter.XML_1_1, getNameCoder());
        }

        @Override
        public HierarchicalStreamWriter createWriter(OutputStream out) {
            return createWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        }

        @Override
        protected XMLInputFactory createInputFactory() {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            return factory;
        }
    }

    /** Claims every class the filter refuses, so that writing or reading one fails loudly. */
    private static final class ClassFilter implements Converter {

        @Override
        public boolean canConvert(@SuppressWarnings("rawtypes") Class type) {
            return type != null && (java.lang.reflect.Proxy.isProxyClass(type) || !allowed(type));
        }

        @Override
        public void marshal(Object source, HierarchicalStreamWriter writer, MarshallingContext context) {
            throw new UnsupportedOperationException(
                    refusal("marshal", source.getClass().getName()));
        }

        @Override
        public Object unmarshal(HierarchicalStreamReader reader, UnmarshallingContext context) {
            throw new ConversionException(refusal("unmarshal", reader.getNodeName()));
        }
    }

    /** A list whose unreadable element is skipped and reported instead of failing the whole object. */
    private static final class RobustCollection extends CollectionConverter {

        RobustCollection(Mapper mapper) {
            super(mapper);
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected void addCurrentElementToCollection(
                HierarchicalStreamReader reader,
                UnmarshallingContext context,
                java.util.Collection collection,
                java.util.Collection target) {
            String element = reader.getNodeName();
            try {
                super.addCurrentElementToCollection(reader, context, collection, target);
            } catch (XStreamException | LinkageError e) {
                if (Refused.in(e)) {
                    throw e;
                }
                problem(context, "list element <" + element + "> skipped: " + describe(e));
            }
        }
    }

    /**
     * Writes an object's fields as XStream's reflection converter does, marking the owning plugin; reads them one by
     * one, skipping and reporting what cannot be read, then calls {@code readResolve}.
     */
    private static final class RobustReflection implements Converter {

        private final Mapper mapper;
        private final ReflectionProvider reflection;
        private final ReflectionConverter writer;
        private final SerializationMembers members = new SerializationMembers();

        RobustReflection(Mapper mapper, ReflectionProvider reflection) {
            this.mapper = mapper;
            this.reflection = reflection;
            this.writer = new ReflectionConverter(mapper, reflection);
        }

        @Override
        public boolean canConvert(@SuppressWarnings("rawtypes") Class type) {
            return type != null;
        }

        @Override
        public void marshal(Object source, HierarchicalStreamWriter out, MarshallingContext context) {
            @SuppressWarnings("unchecked")
            Deque<Boolean> owners = (Deque<Boolean>) context.get(Owners.class);
            if (owners == null) {
                owners = new ArrayDeque<>();
                context.put(Owners.class, owners);
            }
            boolean ours = isPlugin(source.getClass()) && !isTestSample(source.getClass());
            if (ours && !owners.contains(Boolean.TRUE)) {
                out.addAttribute("plugin", OWNER);
            }
            owners.push(ours);
            try {
                writer.marshal(source, out, context);
            } finally {
                owners.pop();
            }
        }

        @Override
        public Object unmarshal(HierarchicalStreamReader reader, UnmarshallingContext context) {
            Object current = context.currentObject();
            Class<?> type = context.getRequiredType();
            Object result = current != null && type.isInstance(current) ? current : reflection.newInstance(type);
            while (reader.hasMoreChildren()) {
                reader.moveDown();
                readField(result, reader, context);
                reader.moveUp();
            }
            return members.callReadResolve(result);
        }

        private void readField(Object result, HierarchicalStreamReader reader, UnmarshallingContext context) {
            String element = reader.getNodeName();
            String where = "<" + element + "> of " + result.getClass().getName();
            String name = mapper.realMember(result.getClass(), element);
            Field field = reflection.getFieldOrNull(result.getClass(), name);
            if (field == null) {
                problem(context, where + " skipped: no such field");
                return;
            }
            if (field.getType() == Object.class) {
                throw new Refused("Refusing to unmarshal " + where + " to Object typed field '" + field.getName()
                        + "' in '" + field.getDeclaringClass().getName() + "'");
            }
            try {
                Class<?> valueType = mapper.defaultImplementationOf(field.getType());
                String named = reader.getAttribute(mapper.aliasForSystemAttribute("class"));
                if (named != null) {
                    Class<?> specified = mapper.realClass(named);
                    if (field.getType().isAssignableFrom(specified)) {
                        valueType = specified;
                    }
                }
                Object value = context.convertAnother(result, valueType);
                Class<?> expected = field.getType().isPrimitive() ? Primitives.box(field.getType()) : field.getType();
                if (value != null && !expected.isInstance(value)) {
                    problem(
                            context,
                            where + " skipped: a " + value.getClass().getName() + " is no "
                                    + field.getType().getName());
                    return;
                }
                reflection.writeField(result, name, value, field.getDeclaringClass());
            } catch (XStreamException | LinkageError e) {
                if (Refused.in(e)) {
                    throw e;
                }
                problem(context, where + " skipped: " + describe(e));
            }
        }

        private static boolean isTestSample(Class<?> type) {
            return type.getName().startsWith(XStreamLikeJenkins.class.getPackageName() + ".");
        }

        /** Key of the stack of "owned by the plugin" marks of the objects being written. */
        private static final class Owners {}
    }
}
