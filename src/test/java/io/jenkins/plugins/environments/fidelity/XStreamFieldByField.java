package io.jenkins.plugins.environments.fidelity;

import com.thoughtworks.xstream.converters.reflection.SunUnsafeReflectionProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Objects of the plugin built and inspected field by field, the way XStream sees them (compared by {@link KeptFields}): only persisted fields (see
 * {@link XStreamPersistedClasses#persistedFields}), through reflection.
 *
 * <p>Building goes through reflection because the plugin's configuration classes trim their values with core's
 * {@code Util}, and the global configuration's constructor calls {@code load()}: both are stand-ins here, which
 * throw. {@link #allocate} creates an object without running a constructor, as XStream does when it reads one.
 */
final class XStreamFieldByField {

    private static final SunUnsafeReflectionProvider REFLECTION = new SunUnsafeReflectionProvider();

    private XStreamFieldByField() {}

    /** @return a new object of the class whose fields all hold Java's defaults; no constructor runs */
    static <T> T allocate(Class<T> type) {
        return type.cast(REFLECTION.newInstance(type));
    }

    /** Sets a field (declared by the class or a superclass) and returns the object, for building samples. */
    static <T> T set(T object, String field, Object value) {
        try {
            Field f = field(object.getClass(), field);
            f.setAccessible(true);
            f.set(object, value);
            return object;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the value of a field, declared by the class or a superclass */
    static Object get(Object object, String field) {
        try {
            Field f = field(object.getClass(), field);
            f.setAccessible(true);
            return f.get(object);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return an object made with the class's constructor of that many parameters, accessible or not */
    static <T> T construct(Class<T> type, Object... arguments) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == arguments.length) {
                try {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(arguments));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no constructor of " + arguments.length);
    }

    /** Calls a method of the object by name, accessible or not. */
    static Object call(Object object, String method, Object... arguments) {
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == arguments.length) {
                    try {
                        m.setAccessible(true);
                        return m.invoke(object, arguments);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        throw new IllegalArgumentException(object.getClass().getName() + " has no method " + method);
    }

    /**
     * @return the persisted fields of plugin classes that hold Java's default ({@code null}, {@code 0}, {@code false},
     *     an empty list) in every object of the graph, as {@code Class.field}: what a sample leaves untested
     */
    static Set<String> neverFilled(Object root) {
        Set<String> all = new LinkedHashSet<>();
        Set<String> filled = new LinkedHashSet<>();
        visit(root, all, filled, new IdentityHashMap<>());
        all.removeAll(filled);
        return all;
    }

    private static void visit(Object object, Set<String> all, Set<String> filled, Map<Object, Boolean> seen) {
        if (object == null || seen.put(object, Boolean.TRUE) != null) {
            return;
        }
        if (object instanceof Collection<?> c) {
            c.forEach(element -> visit(element, all, filled, seen));
            return;
        }
        if (!XStreamLikeJenkins.isPlugin(object.getClass()) || object.getClass().isEnum()) {
            return;
        }
        for (Field field : XStreamPersistedClasses.persistedFields(object.getClass())) {
            String name = field.getDeclaringClass().getSimpleName() + "." + field.getName();
            all.add(name);
            field.setAccessible(true);
            Object value;
            try {
                value = field.get(object);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (!isDefault(value)) {
                filled.add(name);
            }
            visit(value, all, filled, seen);
        }
    }

    private static boolean isDefault(Object value) {
        return value == null
                || Boolean.FALSE.equals(value)
                || value instanceof Number n && n.longValue() == 0
                || value instanceof Collection<?> c && c.isEmpty();
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
