package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.RepositoryNames;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Changes one scalar value of a YAML file in place, leaving every other character of the text as it was: comments,
 * key order, indentation, blank lines, line endings ({@code LF} or {@code CRLF}) and whether the file ends with a
 * line break.
 *
 * <p>The file is composed with SnakeYAML into nodes that know where in the text they start and end; the key path
 * leads to one scalar node, and exactly that node's characters are replaced. The value keeps the quoting style it
 * had where it can: a double-quoted value stays double-quoted, a single-quoted one single-quoted, and a plain one
 * plain if the new value reads back as the same string without quotes, otherwise it is written double-quoted. An
 * empty value ({@code digest:}) gets a space before the new value. The result is parsed again and compared with the
 * original node by node; anything but the one intended change is refused.
 *
 * <p>Key paths are dot-separated keys, each optionally followed by one list index, as {@link
 * RepositoryNames#requireYamlKeyPath} defines them: {@code image.digest}, {@code app.images[0].digest}. Keys are
 * matched exactly against the file's keys as written, quoted or not. Refused, with a message naming the key path and
 * the file:
 *
 * <ul>
 *   <li>a key that is not there, or that appears twice in one mapping; keys merged in with {@code <<} are not
 *       followed;
 *   <li>a path that goes through a list or a single value where it needs a mapping, or through a mapping or a single
 *       value where it has an index; an index past the end of the list;
 *   <li>a target that is a mapping or a list, or a block scalar ({@code |} or {@code >});
 *   <li>an anchor ({@code &name}) or an alias ({@code *name}) on the target or on the way to it, since the change
 *       would then also show wherever the anchored node is used; an explicit tag ({@code !!str}) on the target;
 *   <li>a file with more than one document ({@code ---}), a file without a document, and text that is not YAML.
 * </ul>
 *
 * <p>{@link #setKustomizeImage} edits one entry of a kustomization's {@code images:} list, found by its {@code name:}:
 * it replaces a value as above, removes a key with its line, and adds a key as a new line at the indentation of the
 * entry's other keys, with the file's line ending; the same check after the edit applies.
 */
public final class YamlValueEditor {

    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./:@+=-]*");
    private static final Resolver RESOLVER = new Resolver();

    private YamlValueEditor() {}

    /**
     * The outcome of {@link #replace}.
     *
     * @param text the new text of the file; the original text when nothing changed
     * @param previousValue the value the key held before, as YAML reads it (without quotes or escapes)
     * @param changed whether the value was different and has been replaced
     */
    public record Edit(String text, String previousValue, boolean changed) {}

    /**
     * Reads one scalar value.
     *
     * @param text the YAML text
     * @param keyPath the key path, such as {@code image.digest}
     * @param fileName the file's name for messages, such as {@code deploy/prod/values.yaml}
     * @return the value as YAML reads it, without quotes or escapes
     * @throws io.jenkins.plugins.environments.model.InvalidConfigurationException if the key path breaks the grammar
     * @throws GitOpsException if the file does not hold a single value at that key path
     */
    public static String read(String text, String keyPath, String fileName) {
        List<Segment> path = Segment.parse(keyPath);
        Node root = parseSingleDocument(text, fileName);
        return locate(root, path, keyPath, fileName, text).getValue();
    }

    /**
     * Replaces one scalar value.
     *
     * @param text the YAML text
     * @param keyPath the key path, such as {@code image.digest}
     * @param newValue the value to write; it is written as a string
     * @param fileName the file's name for messages, such as {@code deploy/prod/values.yaml}
     * @return the new text, the previous value, and whether anything changed (nothing does when the key already holds
     *     {@code newValue} as a string)
     * @throws io.jenkins.plugins.environments.model.InvalidConfigurationException if the key path breaks the grammar
     * @throws GitOpsException if the file does not hold a single, editable value at that key path
     */
    public static Edit replace(String text, String keyPath, String newValue, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(newValue, "newValue");
        Objects.requireNonNull(fileName, "fileName");
        List<Segment> path = Segment.parse(keyPath);
        Node root = parseSingleDocument(text, fileName);
        ScalarNode target = locate(root, path, keyPath, fileName, text);
        String previous = target.getValue();
        if (previous.equals(newValue) && Tag.STR.equals(target.getTag())) {
            return new Edit(text, previous, false);
        }
        int start = offset(text, target.getStartMark());
        int end = offset(text, target.getEndMark());
        for (String written : renderings(target.getScalarStyle(), newValue)) {
            String replacement = start == end ? " " + written : written;
            String edited = text.substring(0, start) + replacement + text.substring(end);
            if (onlyTargetChanged(root, target, edited, after -> holdsString(after, newValue))) {
                return new Edit(edited, previous, true);
            }
        }
        throw new GitOpsException("Key " + quote(keyPath) + " in " + fileName
                + " could not be changed without changing the meaning of the file around it");
    }

    /**
     * Points one entry of a kustomization's {@code images:} list at a digest, as {@code kustomize edit set image
     * name=repository@digest} does: the entry whose {@code name:} is {@code name} gets {@code digest:} (replaced, or
     * added as the entry's last key when missing), loses {@code newTag:}, and gets {@code newName:} only when it has
     * none and its name is not {@code repository} already; an existing {@code newName:} is kept as written. Keys
     * are added and removed as whole lines at the indentation of the entry's other keys; every other byte of the
     * file stays. The result is parsed again and compared with the original node by node.
     *
     * @param text the text of the kustomization file
     * @param name the entry's {@code name:}
     * @param repository the promoted repository, {@code host/path}
     * @param digest the digest to write
     * @param fileName the file's name for messages
     * @return the new text, the reference the entry made before (such as {@code name:1.4} or {@code name@sha256:…}),
     *     and whether anything changed
     * @throws GitOpsException if there is no such entry, or it cannot be edited without changing anything else
     */
    public static Edit setKustomizeImage(String text, String name, String repository, String digest, String fileName) {
        Objects.requireNonNull(text, "text");
        Node root = parseSingleDocument(text, fileName);
        String entryName = "images entry " + quote(name) + " in " + fileName;
        if (!(root instanceof MappingNode document)) {
            throw new GitOpsException(fileName + " is " + kind(root) + ", not a kustomization");
        }
        NodeTuple images = single(document, "images", fileName, "the document");
        if (images == null) {
            throw new GitOpsException(fileName + " has no 'images:' list: add an entry '- name: " + name + "'");
        }
        if (!(images.getValueNode() instanceof SequenceNode list)
                || images.getValueNode().getAnchor() != null) {
            throw new GitOpsException("'images' in " + fileName + " is "
                    + (images.getValueNode().getAnchor() != null ? "anchored or an alias" : kind(images.getValueNode()))
                    + ", not a plain list of entries");
        }
        List<MappingNode> found = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (Node item : list.getValue()) {
            if (item instanceof MappingNode entry) {
                NodeTuple entryNameTuple = single(entry, "name", fileName, "an images entry");
                if (entryNameTuple != null && entryNameTuple.getValueNode() instanceof ScalarNode value) {
                    present.add(value.getValue());
                    if (value.getValue().equals(name)) {
                        found.add(entry);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new GitOpsException("No images entry with name " + quote(name) + " in " + fileName
                    + (present.isEmpty()
                            ? ": the list has no named entries"
                            : "; names present: " + String.join(", ", present)));
        }
        if (found.size() > 1) {
            throw new GitOpsException(
                    "The " + entryName + " is ambiguous: " + found.size() + " entries have that name");
        }
        MappingNode entry = found.get(0);
        if (entry.getFlowStyle() == FlowStyle.FLOW || entry.getAnchor() != null) {
            throw new GitOpsException("The " + entryName + " is "
                    + (entry.getAnchor() != null ? "anchored or an alias" : "written in flow style {…}")
                    + ": write it as a block mapping, one key per line, to let it be edited");
        }
        Map<String, ScalarNode> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : entry.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)
                    || !(tuple.getValueNode() instanceof ScalarNode value)
                    || value.getAnchor() != null
                    || Tag.MERGE.equals(key.getTag())) {
                throw new GitOpsException("The " + entryName + " holds something other than plain 'key: value'"
                        + " lines (a nested value, an anchor or a merge): it cannot be edited safely");
            }
            if (keys.put(key.getValue(), value) != null) {
                throw new GitOpsException("The " + entryName + " has the key " + quote(key.getValue()) + " twice");
            }
        }
        ScalarNode oldDigest = keys.get("digest");
        ScalarNode oldTag = keys.get("newTag");
        ScalarNode oldNewName = keys.get("newName");
        String previous = (oldNewName == null ? name : oldNewName.getValue())
                + (oldDigest != null && !oldDigest.getValue().isEmpty()
                        ? "@" + oldDigest.getValue()
                        : oldTag != null && !oldTag.getValue().isEmpty() ? ":" + oldTag.getValue() : "");
        boolean addNewName = oldNewName == null && !name.equals(repository);
        if (oldDigest != null && oldDigest.getValue().equals(digest) && oldTag == null && !addNewName) {
            return new Edit(text, previous, false);
        }
        String lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
        List<Splice> splices = new ArrayList<>();
        NodeTuple last = entry.getValue().get(entry.getValue().size() - 1);
        int column = entry.getValue().get(0).getKeyNode().getStartMark().getColumn();
        String indent = " ".repeat(column);
        StringBuilder added = new StringBuilder();
        if (addNewName) {
            added.append(indent)
                    .append("newName: ")
                    .append(plainOrQuoted(repository))
                    .append(lineBreak);
        }
        if (oldDigest != null) {
            splices.add(replaceScalar(text, oldDigest, digest));
        } else {
            added.append(indent)
                    .append("digest: ")
                    .append(plainOrQuoted(digest))
                    .append(lineBreak);
        }
        if (oldTag != null) {
            splices.add(removeKey(text, entry, "newTag", entryName));
        }
        if (!added.isEmpty()) {
            int lineEnd = lineEnd(text, offset(text, last.getValueNode().getEndMark()));
            String insertion = added.toString();
            if (lineEnd == text.length() && !text.endsWith("\n")) {
                insertion = lineBreak + insertion.substring(0, insertion.length() - lineBreak.length());
            }
            splices.add(new Splice(lineEnd, lineEnd, insertion));
        }
        String edited = Splice.apply(text, splices);
        // What the entry must read as afterwards: its other keys as they were (value and tag), the new ones as strings.
        Map<String, ScalarNode> expected = new LinkedHashMap<>(keys);
        expected.remove("newTag");
        if (addNewName) {
            expected.put("newName", new ScalarNode(Tag.STR, repository, null, null, ScalarStyle.PLAIN));
        }
        expected.put("digest", new ScalarNode(Tag.STR, digest, null, null, ScalarStyle.PLAIN));
        if (!onlyTargetChanged(root, entry, edited, after -> holdsEntries(after, expected))) {
            throw new GitOpsException(
                    "The " + entryName + " could not be changed without changing the meaning of the file around it");
        }
        return new Edit(edited, previous, true);
    }

    /** The one tuple of a mapping with this key, or {@code null}; a key written twice is refused. */
    private static NodeTuple single(MappingNode mapping, String key, String fileName, String where) {
        NodeTuple match = null;
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar
                    && scalar.getValue().equals(key)) {
                if (match != null) {
                    throw new GitOpsException(
                            "Key " + quote(key) + " is ambiguous in " + fileName + ": " + where + " has it twice");
                }
                match = tuple;
            }
        }
        return match;
    }

    /** Whether a node is a mapping of exactly these keys, each with the same value and tag, in any order. */
    private static boolean holdsEntries(Node node, Map<String, ScalarNode> expected) {
        if (!(node instanceof MappingNode mapping) || mapping.getValue().size() != expected.size()) {
            return false;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            ScalarNode wanted = tuple.getKeyNode() instanceof ScalarNode key ? expected.get(key.getValue()) : null;
            if (wanted == null
                    || !(tuple.getValueNode() instanceof ScalarNode value)
                    || !value.getValue().equals(wanted.getValue())
                    || !value.getTag().equals(wanted.getTag())) {
                return false;
            }
        }
        return true;
    }

    private static String plainOrQuoted(String value) {
        return isPlainSafe(value) ? value : doubleQuoted(value);
    }

    /** Replaces a scalar's characters, keeping its style where it can carry the value. */
    private static Splice replaceScalar(String text, ScalarNode scalar, String value) {
        int start = offset(text, scalar.getStartMark());
        int end = offset(text, scalar.getEndMark());
        String written = renderings(scalar.getScalarStyle(), value).get(0);
        return new Splice(start, end, start == end ? " " + written : written);
    }

    /**
     * Removes one key of a block mapping with its value: the whole line when the key starts its line, or, for the
     * first key of a list item ({@code - newTag: 1.4}), everything up to the next key, which moves up behind the dash.
     */
    private static Splice removeKey(String text, MappingNode mapping, String key, String where) {
        List<NodeTuple> tuples = mapping.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple tuple = tuples.get(i);
            if (!(tuple.getKeyNode() instanceof ScalarNode scalar)
                    || !scalar.getValue().equals(key)) {
                continue;
            }
            int keyStart = offset(text, scalar.getStartMark());
            int valueEnd = offset(text, tuple.getValueNode().getEndMark());
            if (text.substring(keyStart, valueEnd).indexOf('\n') >= 0) {
                throw new GitOpsException(
                        "The key " + quote(key) + " of the " + where + " spans lines: write it on one line");
            }
            int lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
            if (text.substring(lineStart, keyStart).isBlank()) {
                int end = lineEnd(text, valueEnd);
                return new Splice(lineStart, end, "");
            }
            if (i + 1 < tuples.size()) {
                return new Splice(
                        keyStart, offset(text, tuples.get(i + 1).getKeyNode().getStartMark()), "");
            }
            throw new GitOpsException("The key " + quote(key) + " of the " + where
                    + " shares its line with the list's dash and is the entry's only key: it cannot be removed");
        }
        throw new IllegalStateException("no key " + key);
    }

    /** The index just after the line break that ends the line holding {@code at}, or the end of the text. */
    private static int lineEnd(String text, int at) {
        int newline = text.indexOf('\n', at);
        return newline < 0 ? text.length() : newline + 1;
    }

    /** One change of the text: the characters from {@code start} to {@code end} become {@code replacement}. */
    private record Splice(int start, int end, String replacement) {

        static String apply(String text, List<Splice> splices) {
            List<Splice> ordered = new ArrayList<>(splices);
            ordered.sort((a, b) -> Integer.compare(b.start, a.start));
            String result = text;
            int limit = text.length();
            for (Splice splice : ordered) {
                if (splice.end > limit) {
                    throw new GitOpsException("overlapping edits");
                }
                result = result.substring(0, splice.start) + splice.replacement + result.substring(splice.end);
                limit = splice.start;
            }
            return result;
        }
    }

    private static Node parseSingleDocument(String text, String fileName) {
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : yaml().composeAll(new StringReader(text))) {
                documents.add(document);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where =
                    mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
            throw new GitOpsException(fileName + " is not valid YAML: " + e.getProblem() + where, e);
        } catch (YAMLException e) {
            throw new GitOpsException(fileName + " is not valid YAML: " + e.getMessage(), e);
        }
        if (documents.size() > 1) {
            throw new GitOpsException(fileName + " holds " + documents.size()
                    + " YAML documents: only a file with a single document can be edited");
        }
        if (documents.isEmpty()) {
            throw new GitOpsException(fileName + " holds no YAML document");
        }
        return documents.get(0);
    }

    private static Yaml yaml() {
        return new Yaml(new LoaderOptions());
    }

    private static ScalarNode locate(Node root, List<Segment> path, String keyPath, String fileName, String text) {
        String notFound = "Key " + quote(keyPath) + " not found in " + fileName + ": ";
        String cannotFollow = "Key " + quote(keyPath) + " cannot be followed in " + fileName + ": ";
        String refused = "Key " + quote(keyPath) + " in " + fileName + " cannot be edited: ";
        Node current = root;
        String walked = null;
        int reachedAt = -1; // where the reference to current was written; -1 for the root
        for (Segment segment : path) {
            refuseShared(current, walked, reachedAt, refused, text);
            if (!(current instanceof MappingNode mapping)) {
                throw new GitOpsException(cannotFollow + describe(walked) + " is " + kind(current) + ", not a mapping");
            }
            List<NodeTuple> matches = new ArrayList<>();
            boolean merges = false;
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    merges |= Tag.MERGE.equals(key.getTag());
                    if (key.getValue().equals(segment.key())) {
                        matches.add(tuple);
                    }
                }
            }
            if (matches.isEmpty()) {
                String has = walked == null ? "the document has no key " : quote(walked) + " has no key ";
                String merged = merges ? " of its own (keys merged in with '<<' are not followed)" : "";
                throw new GitOpsException(notFound + has + quote(segment.key()) + merged);
            }
            if (matches.size() > 1) {
                throw new GitOpsException("Key " + quote(keyPath) + " is ambiguous in " + fileName + ": "
                        + describe(walked) + " has the key " + quote(segment.key()) + " " + matches.size()
                        + " times");
            }
            current = matches.get(0).getValueNode();
            reachedAt = matches.get(0).getKeyNode().getEndMark().getIndex();
            walked = walked == null ? segment.key() : walked + "." + segment.key();
            if (segment.index() != null) {
                refuseShared(current, walked, reachedAt, refused, text);
                if (!(current instanceof SequenceNode list)) {
                    throw new GitOpsException(cannotFollow + quote(walked) + " is " + kind(current) + ", not a list");
                }
                int index = segment.index();
                int size = list.getValue().size();
                if (index >= size) {
                    throw new GitOpsException(notFound + quote(walked) + " has " + size
                            + (size == 1 ? " item" : " items") + ", so there is no [" + index + "]");
                }
                reachedAt = list.getStartMark().getIndex();
                current = list.getValue().get(index);
                walked = walked + "[" + index + "]";
            }
        }
        refuseShared(current, walked, reachedAt, refused, text);
        if (!(current instanceof ScalarNode scalar)) {
            throw new GitOpsException(
                    "Key " + quote(keyPath) + " in " + fileName + " holds " + kind(current) + ", not a single value");
        }
        if (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
            throw new GitOpsException("Key " + quote(keyPath) + " in " + fileName
                    + " is a block scalar (| or >): write its value on the key's line to let it be edited");
        }
        int start = offset(text, scalar.getStartMark());
        if (start < text.length() && text.charAt(start) == '!') {
            int tagEnd = start;
            while (tagEnd < text.length() && !Character.isWhitespace(text.charAt(tagEnd))) {
                tagEnd++;
            }
            throw new GitOpsException("Key " + quote(keyPath) + " in " + fileName + " carries an explicit tag ("
                    + text.substring(start, tagEnd) + "): remove the tag to let the value be edited");
        }
        return scalar;
    }

    /**
     * Refuses a node that is shared: one with an anchor, reached directly or through an alias. An alias resolves to
     * the anchored node itself, which starts before the place that refers to it.
     */
    private static void refuseShared(Node node, String walked, int reachedAt, String refused, String text) {
        String anchor = node.getAnchor();
        if (anchor == null) {
            return;
        }
        String where = describe(walked);
        if (node.getStartMark().getIndex() < reachedAt) {
            throw new GitOpsException(refused + where + " is an alias (*" + anchor + "), and a change through it would"
                    + " change every use of &" + anchor);
        }
        throw new GitOpsException(refused + where + " carries the anchor &" + anchor
                + ", and a change to it would also change every alias of it");
    }

    private static String describe(String walked) {
        return walked == null ? "the document" : quote(walked);
    }

    private static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "a mapping";
            case sequence -> "a list";
            case scalar -> "a single value";
            default -> "an alias";
        };
    }

    /** The ways to write the value, best first: the original style if it can carry the value, then double quotes. */
    private static List<String> renderings(ScalarStyle style, String value) {
        List<String> candidates = new ArrayList<>();
        if (style == ScalarStyle.PLAIN && isPlainSafe(value)) {
            candidates.add(value);
        } else if (style == ScalarStyle.SINGLE_QUOTED && value.chars().noneMatch(YamlValueEditor::needsEscape)) {
            candidates.add("'" + value.replace("'", "''") + "'");
        }
        candidates.add(doubleQuoted(value));
        return candidates;
    }

    private static boolean isPlainSafe(String value) {
        return PLAIN_SAFE.matcher(value).matches()
                && !value.endsWith(":")
                && Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, value, true));
    }

    private static boolean needsEscape(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF';
    }

    private static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static boolean holdsString(Node node, String value) {
        return node instanceof ScalarNode scalar && scalar.getValue().equals(value) && Tag.STR.equals(scalar.getTag());
    }

    /** Whether the edited text has the same tree as the original, but for the target, which now passes the check. */
    private static boolean onlyTargetChanged(Node original, Node target, String edited, Predicate<Node> changed) {
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : yaml().composeAll(new StringReader(edited))) {
                documents.add(document);
            }
        } catch (YAMLException e) {
            return false;
        }
        return documents.size() == 1 && new TreeComparison(target, changed).same(original, documents.get(0));
    }

    /** Compares two node graphs, following aliases once: a node of one must always pair with the same node of the other. */
    private static final class TreeComparison {

        private final Node target;
        private final Predicate<Node> changed;
        private final Map<Node, Node> paired = new IdentityHashMap<>();

        TreeComparison(Node target, Predicate<Node> changed) {
            this.target = target;
            this.changed = changed;
        }

        boolean same(Node before, Node after) {
            Node earlier = paired.get(before);
            if (earlier != null) {
                return earlier == after;
            }
            paired.put(before, after);
            if (before == target) {
                return changed.test(after);
            }
            if (before.getNodeId() != after.getNodeId() || !before.getTag().equals(after.getTag())) {
                return false;
            }
            return switch (before) {
                case ScalarNode scalar -> scalar.getValue().equals(((ScalarNode) after).getValue());
                case SequenceNode list -> sameItems(list.getValue(), ((SequenceNode) after).getValue());
                case MappingNode mapping -> sameEntries(mapping.getValue(), ((MappingNode) after).getValue());
                default -> false;
            };
        }

        private boolean sameItems(List<Node> before, List<Node> after) {
            if (before.size() != after.size()) {
                return false;
            }
            for (int i = 0; i < before.size(); i++) {
                if (!same(before.get(i), after.get(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean sameEntries(List<NodeTuple> before, List<NodeTuple> after) {
            if (before.size() != after.size()) {
                return false;
            }
            for (int i = 0; i < before.size(); i++) {
                if (!same(before.get(i).getKeyNode(), after.get(i).getKeyNode())
                        || !same(before.get(i).getValueNode(), after.get(i).getValueNode())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** SnakeYAML counts positions in code points; Java strings index UTF-16 units. */
    private static int offset(String text, Mark mark) {
        return text.offsetByCodePoints(0, mark.getIndex());
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }

    /** One step of a key path: a key, and optionally an index into the list it holds. */
    private record Segment(String key, Integer index) {

        private static final Pattern WITH_INDEX = Pattern.compile("([A-Za-z0-9_-]+)\\[([0-9]+)]");

        static List<Segment> parse(String keyPath) {
            RepositoryNames.requireYamlKeyPath("keyPath", "Key path", keyPath);
            List<Segment> segments = new ArrayList<>();
            for (String part : keyPath.split("\\.")) {
                var matcher = WITH_INDEX.matcher(part);
                if (matcher.matches()) {
                    String digits = matcher.group(2);
                    if (digits.length() > 9) {
                        throw new GitOpsException("Key path " + quote(keyPath) + " has an index that is too large");
                    }
                    segments.add(new Segment(matcher.group(1), Integer.parseInt(digits)));
                } else {
                    segments.add(new Segment(part, null));
                }
            }
            return segments;
        }
    }
}
