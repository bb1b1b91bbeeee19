package io.jenkins.plugins.environments.fidelity;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Result;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What structs' {@code DescribableModel} (structs 362.va_b_695ef4fdf9) needs of a class to describe, bind and read
 * back its parameters, which is what Pipeline's argument binding, the Snippet Generator and Declarative's linter
 * build on. Written from its rules, since the library itself only comes from Jenkins' repository:
 *
 * <ul>
 *   <li>The parameters are the {@code @DataBoundConstructor}'s (a public constructor, names compiled in) and every
 *       {@code @DataBoundSetter}: a field, or a method named {@code setX} with one parameter.
 *   <li>Each parameter is read back (to uninstantiate) from a public field of its name, else a public no-argument
 *       {@code getX()}, else {@code isX()}, tried in that order; the one found must return the parameter's type, or
 *       the snippet written back would not bind again.
 *   <li>A parameter's type is one {@code ParameterType.of} categorises usefully: a String, a primitive or its
 *       wrapper, an enum, {@code URL}, {@code Result}, an array or parameterized {@code Collection} of such, or a
 *       data-bound class. {@code Object} and abstract types without describable implementations come out as
 *       "heterogeneous" types that bind anything unchecked and that no form can draw; a raw {@code Map} or
 *       {@code List} is taken as such an object, not a collection; a parameterized type that is not a collection
 *       ({@code Map<String, String>}), a wildcard, a type variable and a generic array are errors.
 *   <li>A nested class is checked the same way, recursively; since the Snippet Generator draws it with its
 *       descriptor's form, it must be a {@code Describable} with an {@code @Extension} descriptor nested in it.
 * </ul>
 */
final class DescribableModelCheck {

    private static final Set<Class<?>> WRAPPERS = Set.of(
            Boolean.class,
            Byte.class,
            Character.class,
            Short.class,
            Integer.class,
            Long.class,
            Float.class,
            Double.class);

    /** Classes of the plugin, for the implementations of an abstract describable parameter type. */
    private final Collection<Class<?>> known;

    private final Set<Class<?>> checked = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    private DescribableModelCheck(Collection<Class<?>> known) {
        this.known = known;
    }

    /**
     * @param roots the classes to check, with every data-bound class their parameters reach
     * @param known the plugin's classes, searched for implementations of abstract describable parameter types
     * @return one line per problem, naming the class and the parameter; empty when structs can handle them all
     */
    static List<String> check(Collection<Class<?>> roots, Collection<Class<?>> known) {
        DescribableModelCheck check = new DescribableModelCheck(known);
        for (Class<?> root : roots) {
            check.model(root);
        }
        return check.problems;
    }

    /** @return every concrete {@code Describable} (steps, configuration, views) among the compiled classes */
    static List<Class<?>> describables(Collection<Class<?>> classes) {
        return classes.stream()
                .filter(Describable.class::isAssignableFrom)
                .filter(c -> !c.isInterface() && !Modifier.isAbstract(c.getModifiers()))
                .toList();
    }

    /** @return the classes compiled into a folder, loaded without initialising them */
    static List<Class<?>> classesIn(Path folder, ClassLoader loader) throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        folder.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.endsWith("package-info") && !name.endsWith("module-info")) {
                    classes.add(Class.forName(name, false, loader));
                }
            }
        }
        return classes;
    }

    private void model(Class<?> type) {
        if (!checked.add(type)) {
            return;
        }
        Map<String, Type> parameters = new LinkedHashMap<>();
        Constructor<?> constructor = dataBoundConstructor(type);
        if (constructor != null) {
            for (Parameter parameter : constructor.getParameters()) {
                if (!parameter.isNamePresent()) {
                    problems.add(name(type) + ": the @DataBoundConstructor's parameter names are not compiled in"
                            + " (javac -parameters or Stapler's annotation processor), so structs cannot bind it");
                    break;
                }
                parameters.put(parameter.getName(), parameter.getParameterizedType());
                readBack(type, "constructor parameter", parameter.getName(), parameter.getParameterizedType());
            }
        } else if (!Descriptor.class.isAssignableFrom(type)) {
            // A global configuration is its own descriptor: Jenkins makes it, and only its setters are bound.
            problems.add(name(type) + ": no public @DataBoundConstructor, so DescribableModel cannot instantiate it");
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(DataBoundSetter.class)) {
                    parameters.putIfAbsent(field.getName(), field.getGenericType());
                    readBack(type, "setter", field.getName(), field.getGenericType());
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(DataBoundSetter.class)) {
                    continue;
                }
                if (!method.getName().startsWith("set") || method.getParameterCount() != 1) {
                    problems.add(name(type) + "." + method.getName()
                            + "(): a @DataBoundSetter must be named setX and take one parameter");
                    continue;
                }
                String name = decapitalize(method.getName().substring(3));
                Type parameterType = method.getGenericParameterTypes()[0];
                parameters.putIfAbsent(name, parameterType);
                readBack(type, "setter", name, parameterType);
            }
        }
        parameters.forEach((name, parameterType) -> type(name(type) + "." + name, parameterType));
    }

    /** Structs reads a parameter back from a public field, else {@code getX()}, else {@code isX()}. */
    private void readBack(Class<?> type, String kind, String name, Type parameterType) {
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Type found;
        String where;
        try {
            found = type.getField(name).getGenericType();
            where = "public field " + name;
        } catch (NoSuchFieldException noField) {
            Method getter = getter(type, "get" + capitalized);
            if (getter == null) {
                getter = getter(type, "is" + capitalized);
            }
            if (getter == null) {
                problems.add(name(type) + "." + name + ": " + kind + " without a getter (get" + capitalized + "/is"
                        + capitalized + ") or public field, so the Snippet Generator and Declarative cannot read it"
                        + " back");
                return;
            }
            found = getter.getGenericReturnType();
            where = getter.getName() + "()";
        }
        if (!found.equals(parameterType)) {
            problems.add(name(type) + "." + name + ": " + kind + " takes " + parameterType.getTypeName() + " but "
                    + where + " gives " + found.getTypeName());
        }
    }

    private static Method getter(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The categories of structs' {@code ParameterType.of}, refusing those that bind unchecked or not at all. */
    private void type(String where, Type type) {
        if (type instanceof Class<?> c) {
            if (c == String.class || c.isPrimitive() || WRAPPERS.contains(c) || c.isEnum()) {
                return;
            }
            if (c == URL.class || c == Result.class) {
                return;
            }
            if (c.isArray()) {
                type(where + "[]", c.getComponentType());
            } else if (c == Object.class) {
                problems.add(where + ": Object, which DescribableModel takes for any describable at all: it binds"
                        + " whatever it is given unchecked and the Snippet Generator cannot draw it; use a String, a"
                        + " List<String> or a small describable");
            } else if (Map.class.isAssignableFrom(c)) {
                problems.add(where + ": raw " + c.getName() + ", which DescribableModel takes for an abstract object"
                        + " with no implementation, not a map; use a List<String> of key=value or a small"
                        + " describable");
            } else if (Collection.class.isAssignableFrom(c)) {
                problems.add(where + ": raw " + c.getName() + ", which DescribableModel takes for an object, not a"
                        + " collection; give the element type (List<String>)");
            } else if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
                abstractType(where, c);
            } else {
                nested(where, c);
            }
        } else if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (!Collection.class.isAssignableFrom(raw)) {
                problems.add(where + ": " + p.getTypeName() + ", a parameterized type that is not a collection,"
                        + " which DescribableModel cannot categorize; use a List<String> of key=value or a small"
                        + " describable");
            } else if (raw.getTypeParameters().length != 1) {
                problems.add(where + ": " + p.getTypeName() + ", a collection whose element type is not its only"
                        + " type argument");
            } else {
                type(where + "[]", p.getActualTypeArguments()[0]);
            }
        } else if (type instanceof WildcardType) {
            problems.add(where + ": the wildcard " + type.getTypeName()
                    + ", which DescribableModel cannot categorize; name the element type");
        } else if (type instanceof TypeVariable<?>) {
            problems.add(
                    where + ": the type variable " + type.getTypeName() + ", which DescribableModel cannot categorize");
        } else if (type instanceof GenericArrayType) {
            problems.add(where + ": the generic array " + type.getTypeName()
                    + ", which DescribableModel cannot categorize; use a List");
        } else {
            problems.add(where + ": " + type.getTypeName() + ", which DescribableModel cannot categorize");
        }
    }

    /** Structs lists the registered implementations; the plugin's own are checked as nested classes. */
    private void abstractType(String where, Class<?> c) {
        if (!Describable.class.isAssignableFrom(c)) {
            problems.add(where + ": " + c.getName() + ", an abstract type that is not a Describable, so no"
                    + " descriptor names an implementation DescribableModel could bind");
            return;
        }
        for (Class<?> implementation : known) {
            if (c.isAssignableFrom(implementation)
                    && !implementation.isInterface()
                    && !Modifier.isAbstract(implementation.getModifiers())) {
                nested(where, implementation);
            }
        }
    }

    private void nested(String where, Class<?> c) {
        if (dataBoundConstructor(c) == null) {
            problems.add(where + ": " + c.getName() + ", which is neither a String, a primitive, an enum, a"
                    + " collection of those, nor a data-bound class: DescribableModel cannot bind it");
            return;
        }
        if (!Describable.class.isAssignableFrom(c) || !hasRegisteredDescriptor(c)) {
            problems.add(where + ": " + c.getName() + " is data-bound but not a Describable with an @Extension"
                    + " descriptor nested in it, so the Snippet Generator has no form to draw it with");
        }
        model(c);
    }

    /** Jenkins takes a nested descriptor's describable from the class it is nested in. */
    private static boolean hasRegisteredDescriptor(Class<?> c) {
        for (Class<?> inner : c.getDeclaredClasses()) {
            if (Descriptor.class.isAssignableFrom(inner) && inner.isAnnotationPresent(Extension.class)) {
                return true;
            }
        }
        return false;
    }

    /** Stapler looks among the public constructors only. */
    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                return constructor;
            }
        }
        return null;
    }

    /** As {@code java.beans.Introspector.decapitalize}: {@code URL} stays, {@code Quota} becomes {@code quota}. */
    private static String decapitalize(String name) {
        if (name.isEmpty() || (name.length() > 1 && Character.isUpperCase(name.charAt(1)))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String name(Class<?> type) {
        String binary = type.getName();
        return binary.substring(binary.lastIndexOf('.') + 1);
    }
}
