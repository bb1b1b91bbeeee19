package io.jenkins.plugins.environments.fidelity;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an object read back (from program state by River, or from XML by XStream) is the one written: the same
 * class, and every field that is kept (neither static, transient nor synthetic) equal, compared field by field through the plugin's classes, element by element
 * through collections and maps, and with {@code equals} for JDK values. Classes of the plugin are compared this way
 * even when they have an {@code equals}, which may leave fields out.
 */
public final class KeptFields {

    private static final String PLUGIN = "io.jenkins.plugins.environments.";

    private final IdentityHashMap<Object, Object> compared = new IdentityHashMap<>();
    private final List<String> differences = new ArrayList<>();

    private KeptFields() {}

    /** @return one line per kept field that differs, {@code path: expected … but was …}; empty when equal */
    public static List<String> differences(Object expected, Object actual) {
        KeptFields equality = new KeptFields();
        equality.compare(expected, actual, expected == null ? "null" : ProgramStateFields.name(expected.getClass()));
        return List.copyOf(equality.differences);
    }

    private void compare(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                differences.add(path + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        if (expected.getClass() != actual.getClass()) {
            differences.add(path + ": expected a " + expected.getClass().getName() + " but was a "
                    + actual.getClass().getName());
            return;
        }
        if (compared.put(expected, actual) != null) {
            return;
        }
        if (expected instanceof Map<?, ?> map) {
            Map<?, ?> other = (Map<?, ?>) actual;
            if (!map.keySet().equals(other.keySet())) {
                differences.add(path + ": keys " + map.keySet() + " but were " + other.keySet());
                return;
            }
            map.forEach((key, value) -> compare(value, other.get(key), path + "[" + key + "]"));
        } else if (expected instanceof Collection<?> collection) {
            Collection<?> other = (Collection<?>) actual;
            if (collection.size() != other.size()) {
                differences.add(path + ": " + collection.size() + " elements but " + other.size());
                return;
            }
            Iterator<?> others = other.iterator();
            int i = 0;
            for (Object element : collection) {
                compare(element, others.next(), path + "[" + i++ + "]");
            }
        } else if (expected.getClass().getName().startsWith(PLUGIN)
                && !expected.getClass().isEnum()) {
            compareFields(expected, actual, path);
        } else if (!Objects.equals(expected, actual)) {
            differences.add(path + ": expected " + expected + " but was " + actual);
        }
    }

    private void compareFields(Object expected, Object actual, String path) {
        for (Class<?> declaring = expected.getClass();
                declaring != null && declaring.getName().startsWith(PLUGIN);
                declaring = declaring.getSuperclass()) {
            for (Field field : declaring.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    compare(field.get(expected), field.get(actual), path + "." + field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
