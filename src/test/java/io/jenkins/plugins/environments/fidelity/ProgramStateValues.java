package io.jenkins.plugins.environments.fidelity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a step may hand back to the Groovy script: a value the script keeps in its program state, so River writes it at
 * every save and the script may change it. Only plain data passes: {@code null}, strings, booleans, numbers, and
 * modifiable maps with string keys and lists of the same. A live object (a run, a client, a result record of the
 * plugin), an enum, or an unmodifiable collection (whose {@code add} or {@code put} fails in the script) is refused.
 */
public final class ProgramStateValues {

    private static final Set<Class<?>> LEAVES = Set.of(
            String.class,
            Boolean.class,
            Integer.class,
            Long.class,
            Short.class,
            Byte.class,
            Double.class,
            Float.class,
            BigInteger.class,
            BigDecimal.class);

    private static final Set<Class<?>> MAPS = Set.of(LinkedHashMap.class, HashMap.class, TreeMap.class);

    private static final Set<Class<?>> LISTS = Set.of(ArrayList.class, LinkedList.class);

    private ProgramStateValues() {}

    /** @return one line per value the script should not get, {@code path: reason}; empty when all is plain */
    public static List<String> problems(Object value) {
        List<String> problems = new ArrayList<>();
        walk(value, "result", problems);
        return List.copyOf(problems);
    }

    private static void walk(Object value, String path, List<String> problems) {
        if (value == null || LEAVES.contains(value.getClass())) {
            return;
        }
        if (MAPS.contains(value.getClass())) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    problems.add(path + ": the key " + entry.getKey() + " is not a string");
                    continue;
                }
                walk(entry.getValue(), path + "." + key, problems);
            }
        } else if (LISTS.contains(value.getClass())) {
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", problems);
            }
        } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problems.add(path + ": " + value.getClass().getName() + " cannot be changed by the script; return a"
                    + " LinkedHashMap, HashMap, TreeMap, ArrayList or LinkedList");
        } else {
            problems.add(path + ": " + value.getClass().getName() + " is not a map, a list, a string, a number or a"
                    + " boolean");
        }
    }
}
