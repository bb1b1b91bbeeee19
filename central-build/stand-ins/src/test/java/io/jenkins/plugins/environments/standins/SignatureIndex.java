package io.jenkins.plugins.environments.standins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Jenkins API as listed in {@code jenkins-api.sigs.tsv} (types and members) and {@code annotations.tsv}
 * (retention, targets and meta-annotations of annotation types). Both are tab-separated; {@code #} starts a comment.
 */
final class SignatureIndex {
    /** One line of {@code jenkins-api.sigs.tsv}; {@link #key()} identifies a member within its type. */
    record Row(
            String kind,
            String type,
            String signature,
            Set<String> modifiers,
            String annotations,
            List<String> exceptions) {
        boolean has(String modifier) {
            return modifiers.contains(modifier);
        }

        String key() {
            return kind + ' ' + signature;
        }
    }

    /** One line of {@code annotations.tsv}; {@code metaAnnotations} are fully qualified names. */
    record AnnotationRow(String retention, String targets, List<String> metaAnnotations) {}

    private static final Pattern ANNOTATION_NAME = Pattern.compile("@([\\w.$]+)");

    private final Map<String, Row> types = new HashMap<>();
    private final Map<String, Map<String, Row>> members = new HashMap<>();
    private final Map<String, AnnotationRow> annotationTypes = new HashMap<>();

    /** The signature lists on the test class path: the real Jenkins API, and the few other plugins' types stood in. */
    static final List<String> SIGNATURE_FILES =
            List.of("/jenkins-api.sigs.tsv", "/configuration-as-code.sigs.tsv", "/remoting.sigs.tsv");

    static final String ANNOTATION_FILE = "/jenkins-api.annotations.tsv";

    /** Reads {@link #SIGNATURE_FILES} and {@link #ANNOTATION_FILE} from the class path. */
    static SignatureIndex load() {
        Stream<String> signatures = SIGNATURE_FILES.stream().flatMap(name -> lines(name).stream());
        return parse(signatures, lines(ANNOTATION_FILE).stream());
    }

    private static List<String> lines(String resource) {
        InputStream in = SignatureIndex.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the test class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SignatureIndex parse(Stream<String> signatureLines, Stream<String> annotationLines) {
        SignatureIndex index = new SignatureIndex();
        columns(signatureLines).map(SignatureIndex::row).forEach(index::add);
        columns(annotationLines).forEach(c -> index.annotationTypes.put(c[0], annotationRow(c)));
        return index;
    }

    Row type(String name) {
        return types.get(name);
    }

    Row member(String type, String key) {
        return members.getOrDefault(type, Map.of()).get(key);
    }

    Collection<Row> members(String type) {
        return members.getOrDefault(type, Map.of()).values();
    }

    AnnotationRow annotationType(String name) {
        return annotationTypes.get(name);
    }

    private void add(Row row) {
        if (row.kind().equals("type")) {
            types.put(row.type(), row);
        } else {
            members.computeIfAbsent(row.type(), t -> new TreeMap<>()).put(row.key(), row);
        }
    }

    private static Stream<String[]> columns(Stream<String> lines) {
        return lines.filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split("\t", -1));
    }

    private static Row row(String[] c) {
        return new Row(c[0], c[1], c[2], Set.of(c[3].split(",")), c[4], list(c.length > 7 ? c[7] : ""));
    }

    private static AnnotationRow annotationRow(String[] c) {
        Matcher names = ANNOTATION_NAME.matcher(c[6]);
        return new AnnotationRow(
                c[2], c[3], names.results().map(m -> m.group(1)).toList());
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated.isEmpty() ? List.of() : Arrays.asList(commaSeparated.split(","));
    }
}
