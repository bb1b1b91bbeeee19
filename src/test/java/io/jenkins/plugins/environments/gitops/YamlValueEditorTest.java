package io.jenkins.plugins.environments.gitops;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@link YamlValueEditor}: one scalar changes, every other byte stays. */
class YamlValueEditorTest {

    static final String OLD = "sha256:" + "a".repeat(64);
    static final String NEW = "sha256:" + "b".repeat(64);
    static final String FILE = "deploy/prod/values.yaml";

    /** A values file as teams write them: comments, nested keys, quotes of both kinds, lists, blank lines. */
    static final String VALUES = """
            # Values for the shop in production.
            # Owned by the platform team; the digest below is written by Jenkins.

            replicaCount: 3   # scaled by hand
            image:
              repository: "registry.example.com/shop/web"   # double-quoted on purpose
              # pinned by promoteDigest
              digest: %s    # do not edit by hand
              pullPolicy: 'IfNotPresent'
            sidecars:
              - name: proxy
                image: {repository: registry.example.com/proxy, digest: "%s"}
              - name: logs
                image:
                  digest: '%s'
            ingress:
              hosts: [shop.example.com, "www.shop.example.com"]
            """.formatted(OLD, OLD, OLD);

    /**
     * The rule "only the value's characters change", on bytes: before {@code at} and after the value both texts are
     * byte for byte the same, and in between the old text holds {@code oldWritten}, the new one {@code newWritten}.
     *
     * @param at where the value starts, as an index into {@code before}'s characters
     */
    static void assertOnlyValueChanged(String before, String after, int at, String oldWritten, String newWritten) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] b = after.getBytes(StandardCharsets.UTF_8);
        int from = before.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        byte[] oldBytes = oldWritten.getBytes(StandardCharsets.UTF_8);
        byte[] newBytes = newWritten.getBytes(StandardCharsets.UTF_8);
        assertAll(
                () -> assertEquals(a.length - oldBytes.length, b.length - newBytes.length, "length outside the value"),
                () -> assertArrayEquals(Arrays.copyOfRange(a, 0, from), Arrays.copyOfRange(b, 0, from), "before"),
                () -> assertArrayEquals(oldBytes, Arrays.copyOfRange(a, from, from + oldBytes.length), "old value"),
                () -> assertArrayEquals(newBytes, Arrays.copyOfRange(b, from, from + newBytes.length), "new value"),
                () -> assertArrayEquals(
                        Arrays.copyOfRange(a, from + oldBytes.length, a.length),
                        Arrays.copyOfRange(b, from + newBytes.length, b.length),
                        "after"));
    }

    private static Object load(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @Test
    void changesOnlyThePlainValueAndKeepsItsComment() {
        YamlValueEditor.Edit edit = YamlValueEditor.replace(VALUES, "image.digest", NEW, FILE);
        assertTrue(edit.changed());
        assertEquals(OLD, edit.previousValue());
        assertEquals(VALUES.replace("digest: " + OLD + "    #", "digest: " + NEW + "    #"), edit.text());
        assertOnlyValueChanged(VALUES, edit.text(), VALUES.indexOf("digest: " + OLD) + 8, OLD, NEW);
    }

    @Test
    void keepsDoubleQuotesInAFlowMappingInsideAList() {
        YamlValueEditor.Edit edit = YamlValueEditor.replace(VALUES, "sidecars[0].image.digest", NEW, FILE);
        assertEquals(VALUES.replace("digest: \"" + OLD + "\"}", "digest: \"" + NEW + "\"}"), edit.text());
        int at = VALUES.indexOf("\"" + OLD + "\"}");
        assertOnlyValueChanged(VALUES, edit.text(), at, "\"" + OLD + "\"", "\"" + NEW + "\"");
    }

    @Test
    void keepsSingleQuotes() {
        YamlValueEditor.Edit edit = YamlValueEditor.replace(VALUES, "sidecars[1].image.digest", NEW, FILE);
        assertEquals(VALUES.replace("digest: '" + OLD + "'", "digest: '" + NEW + "'"), edit.text());
    }

    @Test
    void theParsedFileDiffersOnlyInTheKey() {
        String edited =
                YamlValueEditor.replace(VALUES, "image.digest", NEW, FILE).text();
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = (Map<String, Object>) load(VALUES);
        @SuppressWarnings("unchecked")
        Map<String, Object> image = (Map<String, Object>) expected.get("image");
        image.put("digest", NEW);
        assertEquals(expected, load(edited));
    }

    @Test
    void keepsCrlfLineEndingsAndAMissingFinalLineBreak() {
        String crlf = VALUES.replace("\n", "\r\n").stripTrailing();
        String edited = YamlValueEditor.replace(crlf, "image.digest", NEW, FILE).text();
        assertEquals(crlf.replace(OLD + "    #", NEW + "    #"), edited);
        assertFalse(edited.endsWith("\n"));
        assertEquals(crlf.split("\r\n", -1).length, edited.split("\r\n", -1).length);
        assertFalse(edited.replace("\r\n", "").contains("\n"), "no bare LF was introduced");
    }

    @Test
    void positionsAreCountedInCodePointsSoCharactersOutsideTheBmpBeforeTheValueDoNoHarm() {
        String text = "# 🚀 rocket, ünïcödé\nname: \"🐳\"\nimage:\n  digest: " + OLD + "\n  tag: x\n";
        String edited = YamlValueEditor.replace(text, "image.digest", NEW, FILE).text();
        assertEquals(text.replace(OLD, NEW), edited);
    }

    @Test
    void keepsAByteOrderMark() {
        String text = "\uFEFFimage:\n  digest: " + OLD + "\n";
        assertEquals(
                text.replace(OLD, NEW),
                YamlValueEditor.replace(text, "image.digest", NEW, FILE).text());
    }

    @Test
    void fillsAnEmptyOrNullValue() {
        assertEquals(
                "image:\n  digest: " + NEW + "\n  tag: x\n",
                YamlValueEditor.replace("image:\n  digest:\n  tag: x\n", "image.digest", NEW, FILE)
                        .text());
        assertEquals(
                "image:\n  digest: " + NEW + " # later\n",
                YamlValueEditor.replace("image:\n  digest: ~ # later\n", "image.digest", NEW, FILE)
                        .text());
        assertEquals(
                "image: {digest: " + NEW + "}\n",
                YamlValueEditor.replace("image: {digest: null}\n", "image.digest", NEW, FILE)
                        .text());
    }

    @Test
    void aPlainValueThatWouldReadBackAsAnotherTypeIsDoubleQuoted() {
        assertEquals(
                "replicas: \"true\"\n",
                YamlValueEditor.replace("replicas: 3\n", "replicas", "true", FILE)
                        .text());
        assertEquals(
                "note: \"two words: here\" # kept\n",
                YamlValueEditor.replace("note: old # kept\n", "note", "two words: here", FILE)
                        .text());
        assertEquals(
                "note: \"line\\none \\\"q\\\" \\\\\"\n",
                YamlValueEditor.replace("note: 'x'\n", "note", "line\none \"q\" \\", FILE)
                        .text());
        assertEquals(
                "note: 'it''s'\n",
                YamlValueEditor.replace("note: 'x'\n", "note", "it's", FILE).text());
    }

    @Test
    void aValueWrittenOverSeveralLinesBecomesOneLine() {
        String text = "image:\n  digest: \"sha256:\n    aaa\"\n  tag: x\n";
        assertEquals(
                "image:\n  digest: \"" + NEW + "\"\n  tag: x\n",
                YamlValueEditor.replace(text, "image.digest", NEW, FILE).text());
    }

    @Test
    void aKeyThatAlreadyHoldsTheValueIsNotChanged() {
        YamlValueEditor.Edit edit = YamlValueEditor.replace(VALUES, "sidecars[1].image.digest", OLD, FILE);
        assertFalse(edit.changed());
        assertSame(VALUES, edit.text());
        assertEquals(OLD, edit.previousValue());
    }

    @Test
    void quotedKeysAndTopLevelKeysAreFound() {
        assertEquals(
                "\"image\":\n  'digest': " + NEW + "\n",
                YamlValueEditor.replace("\"image\":\n  'digest': " + OLD + "\n", "image.digest", NEW, FILE)
                        .text());
        assertEquals(
                "digest: " + NEW,
                YamlValueEditor.replace("digest: x", "digest", NEW, FILE).text());
    }

    @Test
    void anchorsAndAliasesElsewhereInTheFileAreFine() {
        String text = "defaults: &defaults\n  pullPolicy: Always\nweb:\n  <<: *defaults\n  digest: " + OLD + "\n";
        assertEquals(
                text.replace(OLD, NEW),
                YamlValueEditor.replace(text, "web.digest", NEW, FILE).text());
    }

    @Test
    void readReturnsTheValueWithoutQuotes() {
        assertEquals(OLD, YamlValueEditor.read(VALUES, "sidecars[0].image.digest", FILE));
        assertEquals("IfNotPresent", YamlValueEditor.read(VALUES, "image.pullPolicy", FILE));
    }

    static Stream<Arguments> refusals() {
        String k = "Key 'image.digest' ";
        return Stream.of(
                Arguments.argumentSet(
                        "a missing key names the missing segment",
                        "image:\n  tag: x\n",
                        "image.digest",
                        k + "not found in " + FILE + ": 'image' has no key 'digest'"),
                Arguments.argumentSet(
                        "a missing top-level key",
                        "other: 1\n",
                        "image.digest",
                        k + "not found in " + FILE + ": the document has no key 'image'"),
                Arguments.argumentSet(
                        "keys merged in are not followed",
                        "base: &b\n  digest: x\nimage:\n  <<: *b\n",
                        "image.digest",
                        k + "not found in " + FILE + ": 'image' has no key 'digest' of its own (keys merged in with"
                                + " '<<' are not followed)"),
                Arguments.argumentSet(
                        "a path through a list",
                        "image:\n  - digest: x\n",
                        "image.digest",
                        k + "cannot be followed in " + FILE + ": 'image' is a list, not a mapping"),
                Arguments.argumentSet(
                        "a path through a single value",
                        "image: registry.example.com/app\n",
                        "image.digest",
                        k + "cannot be followed in " + FILE + ": 'image' is a single value, not a mapping"),
                Arguments.argumentSet(
                        "a document that is not a mapping",
                        "- a\n- b\n",
                        "image.digest",
                        k + "cannot be followed in " + FILE + ": the document is a list, not a mapping"),
                Arguments.argumentSet(
                        "an index into a mapping",
                        "images:\n  web: x\n",
                        "images[0].digest",
                        "Key 'images[0].digest' cannot be followed in " + FILE + ": 'images' is a mapping, not a list"),
                Arguments.argumentSet(
                        "an index past the end",
                        "images:\n  - digest: x\n  - digest: y\n",
                        "images[2].digest",
                        "Key 'images[2].digest' not found in " + FILE + ": 'images' has 2 items, so there is no [2]"),
                Arguments.argumentSet(
                        "a target that is a mapping",
                        "image:\n  digest:\n    value: x\n",
                        "image.digest",
                        k + "in " + FILE + " holds a mapping, not a single value"),
                Arguments.argumentSet(
                        "a target that is a list",
                        "image:\n  digest: [a, b]\n",
                        "image.digest",
                        k + "in " + FILE + " holds a list, not a single value"),
                Arguments.argumentSet(
                        "a literal block scalar",
                        "image:\n  digest: |\n    sha256:aaa\n",
                        "image.digest",
                        k + "in " + FILE + " is a block scalar (| or >): write its value on the key's line to let it"
                                + " be edited"),
                Arguments.argumentSet(
                        "a folded block scalar",
                        "image:\n  digest: >-\n    sha256:aaa\n",
                        "image.digest",
                        k + "in " + FILE + " is a block scalar (| or >): write its value on the key's line to let it"
                                + " be edited"),
                Arguments.argumentSet(
                        "an anchor on the target",
                        "image:\n  digest: &d sha256:aaa\nother: *d\n",
                        "image.digest",
                        k + "in " + FILE + " cannot be edited: 'image.digest' carries the anchor &d, and a change to it"
                                + " would also change every alias of it"),
                Arguments.argumentSet(
                        "an alias as the target",
                        "base: &d sha256:aaa\nimage:\n  digest: *d\n",
                        "image.digest",
                        k + "in " + FILE + " cannot be edited: 'image.digest' is an alias (*d), and a change through it"
                                + " would change every use of &d"),
                Arguments.argumentSet(
                        "an anchor on the way",
                        "image: &img\n  digest: sha256:aaa\ncopy: *img\n",
                        "image.digest",
                        k + "in " + FILE
                                + " cannot be edited: 'image' carries the anchor &img, and a change to it would"
                                + " also change every alias of it"),
                Arguments.argumentSet(
                        "an alias on the way",
                        "base: &b\n  digest: x\nimage: *b\n",
                        "image.digest",
                        k + "in " + FILE + " cannot be edited: 'image' is an alias (*b), and a change through it would"
                                + " change every use of &b"),
                Arguments.argumentSet(
                        "an explicit tag",
                        "image:\n  digest: !!str sha256:aaa\n",
                        "image.digest",
                        k + "in " + FILE + " carries an explicit tag (!!str): remove the tag to let the value be"
                                + " edited"),
                Arguments.argumentSet(
                        "a key written twice",
                        "image:\n  digest: a\n  digest: b\n",
                        "image.digest",
                        k + "is ambiguous in " + FILE + ": 'image' has the key 'digest' 2 times"),
                Arguments.argumentSet(
                        "several documents",
                        "image:\n  digest: a\n---\nimage:\n  digest: b\n",
                        "image.digest",
                        FILE + " holds 2 YAML documents: only a file with a single document can be edited"),
                Arguments.argumentSet(
                        "an empty file", "# nothing here\n", "image.digest", FILE + " holds no YAML document"),
                Arguments.argumentSet(
                        "text that is not YAML",
                        "image:\n  digest: \"unterminated\n",
                        "image.digest",
                        FILE + " is not valid YAML: found unexpected end of stream (line 3, column 1)"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesWithAnExactMessage(String text, String keyPath, String message) {
        GitOpsException e =
                assertThrows(GitOpsException.class, () -> YamlValueEditor.replace(text, keyPath, NEW, FILE));
        assertEquals(message, e.getMessage());
    }

    @Test
    void keyPathsMustFollowTheGrammar() {
        for (String bad : new String[] {"", "image..digest", ".image", "image.", "image digest", "a[x]", "a[0][1]"}) {
            InvalidConfigurationException e = assertThrows(
                    InvalidConfigurationException.class, () -> YamlValueEditor.replace(VALUES, bad, NEW, FILE));
            String expected = bad.isEmpty()
                    ? "Key path is required"
                    : "Key path '" + bad + "' is not a valid key path: use dot-separated keys of letters, digits, '_'"
                            + " and '-', each optionally followed by an index such as [0], e.g. 'image.digest' or"
                            + " 'app.images[0].digest'";
            assertEquals(expected, e.getMessage(), bad);
        }
    }

    @Test
    void listItemsAreReachedByIndex() {
        assertEquals(
                VALUES.replace("\"www.shop.example.com\"", "\"www.shop.example.org\""),
                YamlValueEditor.replace(VALUES, "ingress.hosts[1]", "www.shop.example.org", FILE)
                        .text());
        assertEquals(
                "images:\n  - a\n  - " + NEW + " # second\n",
                YamlValueEditor.replace("images:\n  - a\n  - b # second\n", "images[1]", NEW, FILE)
                        .text());
    }

    @Test
    void aSingleDocumentWithMarkersIsOneDocument() {
        String text = "%YAML 1.1\n---\nimage:\n  digest: " + OLD + "\n...\n";
        assertEquals(
                text.replace(OLD, NEW),
                YamlValueEditor.replace(text, "image.digest", NEW, FILE).text());
    }

    @Test
    void aFileOfNestedAliasesIsRefusedBeforeAnyExpansion() {
        StringBuilder text = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "*l" + (level - 1);
            text.append("l")
                    .append(level)
                    .append(": &l")
                    .append(level)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous)))
                    .append("]\n");
        }
        text.append("image:\n  digest: ").append(OLD).append('\n');
        GitOpsException e = assertThrows(
                GitOpsException.class, () -> YamlValueEditor.replace(text.toString(), "image.digest", NEW, FILE));
        assertEquals(
                FILE + " is not valid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50",
                e.getMessage());
    }

    @Test
    void anIndexTooLargeForAListIsRefused() {
        GitOpsException e = assertThrows(
                GitOpsException.class, () -> YamlValueEditor.replace(VALUES, "sidecars[12345678901].name", NEW, FILE));
        assertEquals("Key path 'sidecars[12345678901].name' has an index that is too large", e.getMessage());
    }

    @Test
    void onlyTheValueBytesChangeInACrlfFileWithMultiByteCharacters() {
        String text = ("# Café ☕ and 🚀\n" + VALUES).replace("\n", "\r\n");
        String edited = YamlValueEditor.replace(text, "sidecars[1].image.digest", NEW, FILE)
                .text();
        int at = text.indexOf("'" + OLD + "'");
        assertOnlyValueChanged(text, edited, at, "'" + OLD + "'", "'" + NEW + "'");
    }

    // --- setKustomizeImage: a key added and a key removed, at the entry's indentation ---

    private static final String REPO = "registry.example.com/shop/web";
    private static final String KUSTOMIZATION_FILE = "overlays/prod/kustomization.yaml";

    @Test
    void kustomizeAddsTheDigestAtTheIndentationOfAZeroIndentedList() {
        String before = "images:\n- name: " + REPO + "\n  newTag: v1 # old\npatches:\n- path: replicas.yaml\n";
        YamlValueEditor.Edit edit = YamlValueEditor.setKustomizeImage(before, REPO, REPO, NEW, KUSTOMIZATION_FILE);
        assertEquals(
                "images:\n- name: " + REPO + "\n  digest: " + NEW + "\npatches:\n- path: replicas.yaml\n", edit.text());
        assertEquals(REPO + ":v1", edit.previousValue());
    }

    @Test
    void kustomizeInsertsInsideTheEntryBeforeTheNextEntryAndItsComment() {
        String before = "images:\n    - name: a\n      newName: " + REPO + "\n    # the next one\n    - name: b\n";
        YamlValueEditor.Edit edit = YamlValueEditor.setKustomizeImage(before, "a", REPO, NEW, KUSTOMIZATION_FILE);
        assertEquals(
                "images:\n    - name: a\n      newName: " + REPO + "\n      digest: " + NEW
                        + "\n    # the next one\n    - name: b\n",
                edit.text());
        assertEquals(REPO, edit.previousValue(), "no tag and no digest before");
    }

    @Test
    void kustomizeFillsAnEmptyDigest() {
        String before = "images:\n  - name: " + REPO + "\n    digest:\n    newName: " + REPO + "\n";
        YamlValueEditor.Edit edit = YamlValueEditor.setKustomizeImage(before, REPO, REPO, NEW, KUSTOMIZATION_FILE);
        assertEquals(
                "images:\n  - name: " + REPO + "\n    digest: " + NEW + "\n    newName: " + REPO + "\n", edit.text());
    }

    @Test
    void kustomizeRemovesANumericTagAndKeepsOtherKeysAsTheyWere() {
        String before = "images:\n  - name: app\n    newName: " + REPO + "\n    newTag: 1.4\n";
        YamlValueEditor.Edit edit = YamlValueEditor.setKustomizeImage(before, "app", REPO, NEW, KUSTOMIZATION_FILE);
        assertEquals("images:\n  - name: app\n    newName: " + REPO + "\n    digest: " + NEW + "\n", edit.text());
    }

    @Test
    void kustomizeAtTheDigestReturnsTheSameText() {
        String before = "images:\n  - name: " + REPO + "\n    digest: " + NEW + "\n";
        YamlValueEditor.Edit edit = YamlValueEditor.setKustomizeImage(before, REPO, REPO, NEW, KUSTOMIZATION_FILE);
        assertFalse(edit.changed());
        assertSame(before, edit.text());
    }

    @Test
    void kustomizeEntriesAreAddressedByNameNotByNewName() {
        String before = "images:\n  - name: app\n    newName: " + REPO + "\n";
        GitOpsException e = assertThrows(
                GitOpsException.class,
                () -> YamlValueEditor.setKustomizeImage(before, REPO, REPO, NEW, KUSTOMIZATION_FILE));
        assertEquals(
                "No images entry with name '" + REPO + "' in " + KUSTOMIZATION_FILE + "; names present: app",
                e.getMessage());
    }

    @Test
    void kustomizeRefusesAnAnchoredEntry() {
        String before = "images:\n  - &web\n    name: app\n    newTag: v1\nextra: *web\n";
        GitOpsException e = assertThrows(
                GitOpsException.class,
                () -> YamlValueEditor.setKustomizeImage(before, "app", REPO, NEW, KUSTOMIZATION_FILE));
        assertEquals(
                "The images entry 'app' in " + KUSTOMIZATION_FILE + " is anchored or an alias: write it as a block"
                        + " mapping, one key per line, to let it be edited",
                e.getMessage());
    }
}
