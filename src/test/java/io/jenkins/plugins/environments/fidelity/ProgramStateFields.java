package io.jenkins.plugins.environments.fidelity;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Walks, by reflection, every class that program state can reach through the declared types of its fields, and names
 * each field that River could not write or that could hold something it could not write. Marshalling an object proves
 * only the fields it happened to fill: a field added later and left {@code null} in a test would pass, and fail the
 * first build that fills it. This walk reads the declarations instead.
 *
 * <p>The rules: static and transient fields are skipped (River skips them too; what they hold must be found again on
 * resume). A field's type must be a primitive, a concrete serialisable JDK class ({@code String}, the boxes, {@code
 * Instant}, ...), a collection or map of the JDK whose type arguments follow these rules, or a class of the plugin
 * that is {@link Serializable}, declares a {@code serialVersionUID} (records and enums need none) and whose own fields
 * follow these rules; an interface or abstract class of the plugin must be {@code sealed}, and each permitted subclass
 * is walked. {@code Object}, a raw collection, a wildcard or type variable without a bound, and a JDK interface other
 * than a collection may hold anything, and are refused.
 */
public final class ProgramStateFields {

    private static final String PLUGIN = "io.jenkins.plugins.environments.";

    /** The JDK collections whose content is told by their type arguments. */
    private static final Set<Class<?>> COLLECTIONS = Set.of(
            Collection.class,
            List.class,
            ArrayList.class,
            LinkedList.class,
            Set.class,
            HashSet.class,
            LinkedHashSet.class,
            TreeSet.class,
            Map.class,
            HashMap.class,
            LinkedHashMap.class,
            TreeMap.class);

    private final Set<Class<?>> visited = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    private ProgramStateFields() {}

    /** @return one line per field that cannot be kept, {@code path: reason}; empty when every field can */
    public static List<String> problems(Class<?>... roots) {
        return walk(roots).problems;
    }

    /** @return every class of the plugin the walk from {@code roots} went through, for a test to see what it covered */
    public static Set<Class<?>> reached(Class<?>... roots) {
        return Set.copyOf(walk(roots).visited);
    }

    private static ProgramStateFields walk(Class<?>... roots) {
        ProgramStateFields walk = new ProgramStateFields();
        for (Class<?> root : roots) {
            walk.walkClass(root, name(root));
        }
        return walk;
    }

    /** @param path the fields that lead here from a root, or the root's name */
    private void walkClass(Class<?> type, String path) {
        if (!visited.add(type)) {
            return;
        }
        if (!Serializable.class.isAssignableFrom(type)) {
            problems.add(path + ": " + name(type) + " is not Serializable");
            return;
        }
        if (type.isEnum()) {
            return;
        }
        if (!type.isRecord() && !declaresSerialVersionUid(type)) {
            problems.add(path + ": " + name(type) + " declares no serialVersionUID, so a rebuild of the plugin can"
                    + " make the state of running builds unreadable");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            if (!type.isSealed()) {
                problems.add(path + ": " + name(type) + " is not sealed, so it may be any class");
                return;
            }
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                walkClass(permitted, path);
            }
        }
        boolean root = path.equals(name(type));
        for (Class<?> declaring = type;
                declaring != null && declaring.getName().startsWith(PLUGIN);
                declaring = declaring.getSuperclass()) {
            for (Field field : declaring.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                String label = name(declaring) + "." + field.getName();
                walkType(field.getGenericType(), root ? label : path + " → " + label);
            }
        }
    }

    private void walkType(Type type, String path) {
        if (type instanceof Class<?> cls) {
            walkRaw(cls, path);
        } else if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (COLLECTIONS.contains(raw)) {
                for (Type argument : parameterized.getActualTypeArguments()) {
                    walkType(argument, path);
                }
            } else {
                walkRaw(raw, path);
            }
        } else if (type instanceof GenericArrayType array) {
            walkType(array.getGenericComponentType(), path);
        } else if (type instanceof WildcardType wildcard && wildcard.getUpperBounds()[0] != Object.class) {
            walkType(wildcard.getUpperBounds()[0], path);
        } else {
            problems.add(path + ": declared as " + type.getTypeName() + ", which may hold anything");
        }
    }

    private void walkRaw(Class<?> type, String path) {
        if (type.isPrimitive()) {
            return;
        }
        if (type.isArray()) {
            walkType(type.getComponentType(), path);
        } else if (type.getName().startsWith(PLUGIN)) {
            walkClass(type, path);
        } else if (COLLECTIONS.contains(type)) {
            problems.add(path + ": a raw " + type.getName() + " may hold anything");
        } else if (type == Object.class || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            problems.add(path + ": declared as " + type.getName() + ", which may hold anything");
        } else if (!Serializable.class.isAssignableFrom(type)) {
            problems.add(path + ": " + type.getName() + " is not Serializable");
        }
    }

    private static boolean declaresSerialVersionUid(Class<?> type) {
        try {
            Field uid = type.getDeclaredField("serialVersionUID");
            return Modifier.isStatic(uid.getModifiers()) && uid.getType() == long.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** @return the class's name below the plugin's package, such as {@code jenkins.ApprovalsAction.Entry} */
    static String name(Class<?> type) {
        String name = type.getName().replace('$', '.');
        return name.startsWith(PLUGIN) ? name.substring(PLUGIN.length()) : name;
    }
}
