package io.jenkins.plugins.environments.fidelity;

import hudson.model.Action;
import hudson.model.Descriptor;
import hudson.model.RootAction;
import hudson.model.Saveable;
import hudson.model.View;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plugin's classes as XStream sees them: which classes a saved object reaches through its persisted fields
 * (neither {@code static} nor {@code transient}), and the rules every such class must keep so that Jenkins can write
 * and read it:
 *
 * <ul>
 *   <li>every persisted field has a type Jenkins' class filter lets through ({@link XStreamLikeJenkins#allowed}), or
 *       one of Java's collection interfaces whose value is checked when written; none is declared {@code Object};
 *   <li>a {@code readResolve} is one that XStream, Java serialisation and River all call: {@code Object
 *       readResolve()}, not static, without parameters;
 *   <li>no secret in plain text: no {@code String}, {@code char[]} or {@code byte[]} field whose name ends like a
 *       password, token, secret or private key ({@link #namesASecret}); credentials are kept as ids only (a {@code
 *       String} named {@code …CredentialsId}).
 * </ul>
 *
 * It also finds what Jenkins saves among the plugin's compiled classes (actions on a run, views, descriptors with
 * persisted fields, classes with {@code readResolve}), so that a new one cannot escape the round trips.
 */
final class XStreamPersistedClasses {

    private static final Set<Class<?>> COLLECTION_INTERFACES =
            Set.of(List.class, Set.class, Collection.class, Map.class);
    /** Last word of a field name that holds a secret ({@code password}, {@code apiToken}, {@code clientSecret}). */
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase", "secret", "token");
    /** Last two words of one ({@code privateKey}, {@code accessKey}); {@code digestKey} is a YAML path. */
    private static final Set<String> SECRET_PAIRS = Set.of("privatekey", "apikey", "secretkey", "accesskey");

    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|_");

    private XStreamPersistedClasses() {}

    /** @return the plugin classes that saving the roots writes, roots first */
    static List<Class<?>> reachableFrom(Collection<Class<?>> roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        List<Class<?>> todo = new ArrayList<>(roots);
        while (!todo.isEmpty()) {
            Class<?> type = todo.remove(0);
            if (!XStreamLikeJenkins.isPlugin(type) || type.isEnum() || !seen.add(type)) {
                continue;
            }
            for (Field field : persistedFields(type)) {
                todo.addAll(classesIn(field.getGenericType()));
            }
        }
        return List.copyOf(seen);
    }

    /** @return the fields XStream writes for the class that the plugin declares (its own and its plugin superclasses') */
    static List<Field> persistedFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && XStreamLikeJenkins.isPlugin(c); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** @return every broken rule of the classes, one line each, naming the class and field or method */
    static List<String> problems(Collection<Class<?>> classes) {
        List<String> problems = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Field field : persistedFields(type)) {
                typeProblem(field).ifPresent(problems::add);
                secretProblem(field).ifPresent(problems::add);
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals("readResolve")) {
                    readResolveProblem(method).ifPresent(problems::add);
                }
            }
        }
        return problems;
    }

    private static Optional<String> typeProblem(Field field) {
        String where = name(field);
        if (field.getType() == Object.class) {
            return Optional.of(where + " is declared Object: Jenkins refuses to read a value into an Object"
                    + " field (RobustReflectionConverter); give it the type it holds");
        }
        for (Class<?> used : classesIn(field.getGenericType())) {
            if (!XStreamLikeJenkins.allowed(used) && !COLLECTION_INTERFACES.contains(used)) {
                return Optional.of(where + " holds a " + used.getName()
                        + ", which Jenkins' class filter (JEP-200) refuses to write and read: keep a plugin class,"
                        + " a String, a number or a collection of them");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> secretProblem(Field field) {
        String where = name(field);
        String lower = field.getName().toLowerCase(Locale.ROOT);
        Class<?> type = field.getType();
        boolean text = type == String.class || type == char[].class || type == byte[].class;
        if (lower.contains("credential")) {
            boolean id = type == String.class && field.getName().endsWith("redentialsId");
            if (!id && type != boolean.class) {
                return Optional.of(where + " holds credentials as " + type.getName()
                        + ": keep only the id of a Jenkins credential, a String named ...CredentialsId");
            }
            return Optional.empty();
        }
        if (text && namesASecret(field.getName())) {
            return Optional.of(where + " would be written in plain text to the XML file: keep the id of a"
                    + " Jenkins credential (...CredentialsId) instead, or a hudson.util.Secret");
        }
        return Optional.empty();
    }

    /** @return whether a field name says it holds a secret: judged by its last words, so {@code secretFindingsAs} is not */
    static boolean namesASecret(String fieldName) {
        List<String> words = Stream.of(WORD_BOUNDARY.split(fieldName))
                .map(w -> w.toLowerCase(Locale.ROOT))
                .toList();
        String last = words.get(words.size() - 1);
        String lastTwo = words.size() > 1 ? words.get(words.size() - 2) + last : last;
        return SECRET_WORDS.contains(last) || SECRET_PAIRS.contains(lastTwo);
    }

    private static Optional<String> readResolveProblem(Method method) {
        String where = method.getDeclaringClass().getName() + ".readResolve";
        if (method.getParameterCount() > 0) {
            return Optional.of(where + " takes parameters, so it is never called after loading:"
                    + " declare Object readResolve()");
        }
        if (Modifier.isStatic(method.getModifiers())) {
            return Optional.of(where + "() is static, which Java serialisation ignores:"
                    + " declare an instance method Object readResolve()");
        }
        if (method.getReturnType() != Object.class) {
            return Optional.of(where + "() returns " + method.getReturnType().getName()
                    + ": XStream keeps what it returns (so a void one loads null) and Java serialisation ignores it;"
                    + " declare Object readResolve()");
        }
        return Optional.empty();
    }

    /**
     * @return the classes that Jenkins saves with XStream: actions that can be attached to a run (not root actions,
     *     which Jenkins creates), views, descriptors with persisted fields, and anything with a {@code readResolve}
     */
    static List<Class<?>> savedByJenkins(Collection<Class<?>> classes) {
        List<Class<?>> saved = new ArrayList<>();
        for (Class<?> type : classes) {
            boolean action = Action.class.isAssignableFrom(type) && !RootAction.class.isAssignableFrom(type);
            boolean view = View.class.isAssignableFrom(type);
            boolean descriptor = Descriptor.class.isAssignableFrom(type)
                    && !persistedFields(type).isEmpty();
            boolean resolves = Stream.of(type.getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals("readResolve"));
            boolean saveable = Saveable.class.isAssignableFrom(type) && !Descriptor.class.isAssignableFrom(type);
            if (!type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())
                    && (action || view || descriptor || resolves || saveable)) {
                saved.add(type);
            }
        }
        return saved;
    }

    /** @return every class compiled from {@code src/main/java}, loaded without running its static initialisers */
    static List<Class<?>> mainClasses() {
        Path root = Path.of(System.getProperty("environments.main.classes", "target/classes"));
        try (Stream<Path> files = Files.walk(root)) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                classes.add(Class.forName(name, false, XStreamPersistedClasses.class.getClassLoader()));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Field field) {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }

    /** @return the raw classes a declared type names: the type itself, its type arguments, its array components */
    private static List<Class<?>> classesIn(Type type) {
        List<Class<?>> classes = new ArrayList<>();
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                classes.addAll(classesIn(c.getComponentType()));
            } else {
                classes.add(c);
            }
        } else if (type instanceof ParameterizedType p) {
            classes.addAll(classesIn(p.getRawType()));
            for (Type argument : p.getActualTypeArguments()) {
                classes.addAll(classesIn(argument));
            }
        } else if (type instanceof GenericArrayType a) {
            classes.addAll(classesIn(a.getGenericComponentType()));
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                classes.addAll(classesIn(bound));
            }
        }
        return classes;
    }
}
