package io.jenkins.plugins.environments.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for the chart values a pipeline gives ({@code set} entries and values files) and for the values the
 * plugin itself hands a chart, such as the preview's host.
 *
 * The three map parameters {@code set}, {@code setString} and {@code setFile} share the key rules, the entry bounds and
 * the reserved keys; their values differ (see {@link #checkTyped}, {@link #checkSet}, {@link #checkFileContent}).
 *
 * <ul>
 *   <li>Rule: a key is a value path of at most {@value #MAX_KEY} characters: names of ASCII letters, digits,
 *       {@code _}, {@code -} and {@code /} separated by dots (a dot inside a name is written {@code \.}, as helm
 *       reads it: {@code podAnnotations.prometheus\.io/scrape}), each optionally followed by one list index from 0
 *       to {@value #MAX_INDEX} ({@code image.tag}, {@code hosts[0].name}).
 *   <li>Rule: a value (of {@code set} and {@code setString}, and the content of a {@code setFile} file) has at most
 *       {@value #MAX_VALUE} characters and no control character other than tab, line feed and carriage return (no
 *       NUL, no C1 control), and is well-formed Unicode (no lone surrogate).
 *   <li>Rule: at most {@value #MAX_ENTRIES} entries and {@value #MAX_TOTAL} characters in all, per parameter.
 *   <li>Rule: a {@code set} value is one helm {@code --set} value: at most {@value #MAX_TYPED_VALUE} characters
 *       ({@value #MAX_TYPED_TOTAL} for all {@code set} values), because it travels on helm's command line; a comma
 *       that would start another entry is escaped ({@code \,}) unless it separates the items of a list
 *       {@code {a,b}}, and nothing follows the list's closing brace.
 *   <li>Rule: no key of {@code set}, {@code setString} or {@code setFile} and no key path in a values file may
 *       override a value the plugin hands the chart:
 *       not the key itself, not a key above it (which would replace it) and not one below it. A values file's key
 *       path is checked nested ({@code preview: {host: …}}) and dotted ({@code "preview.host": …}).
 *   <li>Rule: a list parameter ({@code values}, the keys and values of {@code set} and {@code quota}) holds no
 *       {@code null}.
 * </ul>
 */
public final class ChartValues {

    public static final int MAX_KEY = 256;
    public static final int MAX_INDEX = 999;
    public static final int MAX_VALUE = 512 * 1024;
    public static final int MAX_ENTRIES = 500;
    public static final int MAX_TOTAL = 1024 * 1024;
    /**
     * Longest typed {@code set} value: one command-line argument, so that it stays far below Linux's limit of 128 KiB
     * per argument even when every character takes 3 bytes in UTF-8.
     */
    public static final int MAX_TYPED_VALUE = 32 * 1024;
    /** Most characters of all typed {@code set} values together (at most 768 KiB of arguments, under 2 MiB). */
    public static final int MAX_TYPED_TOTAL = 256 * 1024;

    private static final Pattern SEGMENT =
            Pattern.compile("((?:[A-Za-z0-9_]|\\\\\\.)(?:[A-Za-z0-9_/-]|\\\\\\.)*)(?:\\[([0-9]+)])?");
    private static final Pattern UNESCAPED_DOT = Pattern.compile("(?<!\\\\)\\.");

    private ChartValues() {}

    /** One step of a value path: a map key, and the list index after it or {@code -1}. */
    public record Step(String name, int index) {}

    /**
     * Checks the {@code set} entries of a step, whose values helm reads as it reads {@code --set key=value}: typed
     * ({@code true}, {@code 42}, {@code null}, lists {@code {a,b}}), with its backslash escapes.
     *
     * @param parameter the step parameter, {@code set}
     * @return the entries, in their order
     * @throws InvalidConfigurationException for {@code parameter}, naming the key and never repeating a value
     */
    public static Map<String, String> checkTyped(String parameter, Map<String, String> set) {
        if (set.size() > MAX_ENTRIES) {
            return checkSet(parameter, set); // refuses the count
        }
        requireNoNulls(parameter, set);
        long total = 0;
        for (Map.Entry<String, String> entry : set.entrySet()) {
            String value = entry.getValue();
            if (value.length() > MAX_TYPED_VALUE) {
                throw new InvalidConfigurationException(
                        parameter,
                        parameter + " value of " + Names.quote(entry.getKey()) + " is " + value.length()
                                + " characters long: at most " + MAX_TYPED_VALUE + " are allowed in " + parameter
                                + ", which goes on helm's command line; pass a long string with setString, or a"
                                + " file's content with setFile");
            }
            total += value.length();
        }
        checkSet(parameter, set);
        for (Map.Entry<String, String> entry : set.entrySet()) {
            oneEntry(parameter, parameter + " value of " + Names.quote(entry.getKey()), entry.getValue());
        }
        if (total > MAX_TYPED_TOTAL) {
            throw new InvalidConfigurationException(
                    parameter,
                    parameter + " values hold " + total + " characters in all: at most " + MAX_TYPED_TOTAL
                            + " are allowed in " + parameter + ", which goes on helm's command line; pass long"
                            + " strings with setString, or files' content with setFile");
        }
        return set;
    }

    /**
     * Rule: a typed value is read by helm as exactly one value. Helm's {@code --set} reads a value up to the first
     * comma not escaped by a backslash; a value that starts with <code>{</code> is a list up to the first unescaped
     * <code>}</code>, its items separated by unescaped commas. Whatever would come after is another entry, which
     * would escape the key checks: refused.
     */
    private static void oneEntry(String parameter, String where, String value) {
        int i = 0;
        if (value.startsWith("{")) {
            i = 1;
            boolean closed = false;
            while (i < value.length()) {
                char c = value.charAt(i++);
                if (c == '\\') {
                    i++;
                } else if (c == '}') {
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                throw new InvalidConfigurationException(
                        parameter,
                        where + " starts a list with '{' but never closes it with '}'; escape the brace as '\\{'"
                                + " or pass the text with setString");
            }
            if (i < value.length()) {
                throw new InvalidConfigurationException(
                        parameter,
                        where + " has text after the list's closing '}' at position " + (i + 1)
                                + ", which helm would read as another entry; pass the text with setString");
            }
            return;
        }
        while (i < value.length()) {
            char c = value.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                throw new InvalidConfigurationException(
                        parameter,
                        where + " has a comma at position " + i + " that helm would read as the start of another"
                                + " entry: escape it as '\\,' or pass the text with setString");
            }
        }
    }

    /**
     * Checks the {@code setString} entries of a step (and the values the plugin hands the chart), whose values reach
     * the chart as strings, literally.
     *
     * @param parameter the step parameter, {@code setString}
     * @return the entries, in their order
     * @throws InvalidConfigurationException for {@code parameter}, naming the key and never repeating a value
     */
    public static Map<String, String> checkSet(String parameter, Map<String, String> set) {
        if (set.size() > MAX_ENTRIES) {
            throw new InvalidConfigurationException(
                    parameter, parameter + " has " + set.size() + " entries: at most " + MAX_ENTRIES + " are allowed");
        }
        requireNoNulls(parameter, set);
        long total = 0;
        for (Map.Entry<String, String> entry : set.entrySet()) {
            String key = entry.getKey();
            path(parameter, key);
            String value = entry.getValue();
            checkValue(parameter, key, value);
            total += key.length() + value.length();
        }
        if (total > MAX_TOTAL) {
            throw new InvalidConfigurationException(
                    parameter,
                    parameter + " holds " + total + " characters in all: at most " + MAX_TOTAL
                            + " are allowed; put large configuration in a values file");
        }
        return set;
    }

    /**
     * Checks the {@code setFile} entries of a step: value paths as keys, and for each a file in the workspace (whose
     * path the workspace's own rules check, and whose content {@link #checkFileContent} checks when it is read).
     *
     * @param parameter the step parameter, {@code setFile}
     * @return the entries, in their order
     * @throws InvalidConfigurationException for {@code parameter}, naming the key
     */
    public static Map<String, String> checkFiles(String parameter, Map<String, String> files) {
        if (files.size() > MAX_ENTRIES) {
            throw new InvalidConfigurationException(
                    parameter,
                    parameter + " has " + files.size() + " entries: at most " + MAX_ENTRIES + " are allowed");
        }
        requireNoNulls(parameter, files);
        for (Map.Entry<String, String> entry : files.entrySet()) {
            path(parameter, entry.getKey());
            if (entry.getValue().isBlank()) {
                throw new InvalidConfigurationException(
                        parameter,
                        parameter + " value of " + Names.quote(entry.getKey())
                                + " is empty: give the path of a file in the workspace");
            }
        }
        return files;
    }

    /**
     * @return the steps of a {@code set} key
     * @throws InvalidConfigurationException for {@code parameter} unless the key is a value path as the rule says
     */
    public static List<Step> path(String parameter, String key) {
        String shown = key.length() > MAX_KEY ? key.substring(0, 40) + "…" : key;
        if (key.length() > MAX_KEY) {
            throw Names.invalid(
                    parameter,
                    parameter + " key",
                    shown,
                    "is " + key.length() + " characters long: at most " + MAX_KEY + " are allowed");
        }
        List<Step> steps = new ArrayList<>();
        for (String segment : UNESCAPED_DOT.split(key, -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                throw Names.invalid(
                        parameter,
                        parameter + " key",
                        key,
                        "is not a value path: use names of letters, digits, '_', '-' and '/' separated by dots"
                                + " (a dot inside a name written '\\.'), each with at most one list index, such as"
                                + " 'image.tag' or 'hosts[0].name'");
            }
            int index = -1;
            if (m.group(2) != null) {
                String digits = m.group(2);
                long number = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
                if (number > MAX_INDEX) {
                    throw Names.invalid(
                            parameter,
                            parameter + " key",
                            key,
                            "has the list index " + digits + ": indexes go from 0 to " + MAX_INDEX);
                }
                index = (int) number;
            }
            steps.add(new Step(m.group(1).replace("\\.", "."), index));
        }
        return steps;
    }

    /**
     * Checks the content of a {@code setFile} file by the value rule.
     *
     * @param file the workspace path of the file, for the message
     * @throws InvalidConfigurationException for {@code parameter}, naming the key and the file
     */
    public static void checkFileContent(String parameter, String key, String file, String content) {
        checkText(parameter, parameter + " file " + Names.quote(file) + " of " + Names.quote(key), content);
    }

    private static void checkValue(String parameter, String key, String value) {
        checkText(parameter, parameter + " value of " + Names.quote(key), value);
    }

    private static void checkText(String parameter, String where, String value) {
        if (value.length() > MAX_VALUE) {
            throw new InvalidConfigurationException(
                    parameter,
                    where + " is " + value.length() + " characters long: at most " + MAX_VALUE
                            + " are allowed; put large configuration in a values file");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidConfigurationException(
                        parameter,
                        where + " contains the control character " + String.format("U+%04X", (int) c) + " at position "
                                + (i + 1) + ": only tab and line breaks are allowed");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidConfigurationException(
                        parameter, where + " is not valid Unicode: a lone surrogate at position " + (i + 1));
            }
        }
    }

    /**
     * Rule: no {@code set} key overrides a value the plugin hands the chart.
     *
     * @param reserved the keys the plugin sets, such as {@code preview.host}
     * @throws InvalidConfigurationException for {@code parameter}, naming the key
     */
    public static void refuseOverrides(String parameter, Collection<String> keys, Collection<String> reserved) {
        for (String key : keys) {
            for (String r : reserved) {
                if (overlaps(key, r)) {
                    throw overridden(parameter, parameter + " key " + Names.quote(key), r);
                }
            }
        }
    }

    /**
     * Rule: no key path in a values file overrides a value the plugin hands the chart, nested or dotted.
     *
     * @param file the values file, for the message
     * @param tree the file's parsed content; anything but a map holds no key
     * @throws InvalidConfigurationException for {@code values}, naming the file and the key path
     */
    public static void refuseOverridesInFile(String file, Object tree, Collection<String> reserved) {
        Map<String, Boolean> paths = new java.util.LinkedHashMap<>();
        keyPaths("", tree, paths, 0);
        for (Map.Entry<String, Boolean> path : paths.entrySet()) {
            for (String r : reserved) {
                // A map above a reserved key merges with it; anything else there replaces it.
                boolean mergingParent = path.getValue() && r.startsWith(path.getKey() + ".");
                if (!mergingParent && overlaps(path.getKey(), r)) {
                    throw overridden(
                            "values", "values file " + file + " sets " + Names.quote(path.getKey()) + ", which", r);
                }
            }
        }
    }

    private static InvalidConfigurationException overridden(String parameter, String subject, String reserved) {
        return new InvalidConfigurationException(
                parameter,
                subject + " would override " + Names.quote(reserved) + ", a value the plugin hands the chart itself:"
                        + " remove it (the chart reads the plugin's value as .Values." + reserved + ")");
    }

    /** Collects every key path of a parsed tree (keys joined with dots) and whether its value is a map. */
    private static void keyPaths(String prefix, Object node, Map<String, Boolean> paths, int depth) {
        if (depth > 64) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String path = prefix + entry.getKey();
                paths.put(path, entry.getValue() instanceof Map<?, ?>);
                keyPaths(path + ".", entry.getValue(), paths, depth + 1);
            }
        } else if (node instanceof List<?> list) {
            String bare = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
            for (Object item : list) {
                keyPaths(bare + "[].", item, paths, depth + 1);
            }
        }
    }

    /**
     * Whether writing {@code key} would change {@code reserved}: the same path, a parent or a child. An escaped dot
     * counts as a separator here, so that {@code preview\.host} is refused too.
     */
    private static boolean overlaps(String key, String reserved) {
        String bare = key.replaceAll("\\[[0-9]*]", "").replace("\\.", ".");
        return bare.equals(reserved) || reserved.startsWith(bare + ".") || bare.startsWith(reserved + ".");
    }

    /**
     * Rule: a map-shaped parameter ({@code set}, {@code quota}) holds no {@code null} key or value.
     *
     * @return the map
     * @throws InvalidConfigurationException for {@code parameter}, naming the key of a null value
     */
    public static <V> Map<String, V> requireNoNulls(String parameter, Map<String, V> map) {
        for (Map.Entry<String, V> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new InvalidConfigurationException(parameter, parameter + " has a null key");
            }
            if (entry.getValue() == null) {
                throw new InvalidConfigurationException(
                        parameter, parameter + " key " + Names.quote(entry.getKey()) + " has a null value");
            }
        }
        return map;
    }

    /**
     * Rule: a list parameter holds no {@code null}.
     *
     * @return the list
     * @throws InvalidConfigurationException for {@code parameter}, naming the position from 1
     */
    public static <T> List<T> requireNoNulls(String parameter, List<T> list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new InvalidConfigurationException(parameter, parameter + " entry " + (i + 1) + " is null");
            }
        }
        return list;
    }
}
