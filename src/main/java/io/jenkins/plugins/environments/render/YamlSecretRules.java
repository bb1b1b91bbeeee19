package io.jenkins.plugins.environments.render;

import io.jenkins.plugins.environments.model.SecretKeys;
import io.jenkins.plugins.environments.model.SecretValues;
import io.jenkins.plugins.environments.model.TokenFormats;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The rules over YAML and JSON read as data with SnakeYAML's composer: the node tree keeps the line of every key and
 * value, follows flow mappings, explicit keys ({@code ? key}), anchors and aliases (each node is visited once, so an
 * alias costs nothing and cannot loop) and every document of a stream. A byte order mark is dropped and tabs in JSON
 * are read as spaces. Text that does not parse is scanned line by line instead.
 *
 * <p>Inside ExternalSecret, SealedSecret and similar documents the key-name rules are off: their keys name secrets
 * kept elsewhere. Credential shapes are looked for everywhere.
 */
final class YamlSecretRules {

    private static final Set<String> REFERENCE_KINDS = Set.of(
            "ExternalSecret",
            "ClusterExternalSecret",
            "SealedSecret",
            "SecretProviderClass",
            "PushSecret",
            "VaultStaticSecret",
            "VaultDynamicSecret",
            "OnePasswordItem",
            "InfisicalSecret",
            "DopplerSecret");

    private final SecretScanner out;
    private final String file;
    private final TextSecretRules text;
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Node, Boolean> literalLongValues = new IdentityHashMap<>();
    private boolean keyRules;

    YamlSecretRules(SecretScanner out, String file) {
        this.out = out;
        this.file = file;
        this.text = new TextSecretRules(out, file);
    }

    void scan(String source) {
        String yaml = source.startsWith("\uFEFF") ? source.substring(1) : source;
        if (file.toLowerCase(Locale.ROOT).endsWith(".json")) {
            yaml = yaml.replace('\t', ' ');
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(true);
        options.setNestingDepthLimit(200);
        Yaml parser = new Yaml(options);
        try {
            for (Node document : parser.composeAll(new StringReader(yaml))) {
                keyRules = !REFERENCE_KINDS.contains(kindOf(document));
                walk(document);
            }
        } catch (YAMLException | StackOverflowError e) {
            // not YAML (or a template in a values file): the line rules still apply
            text.lines(1, source);
        }
        out.work(yaml.length());
    }

    private void walk(Node node) {
        if (node == null || !visited.add(node)) {
            return;
        }
        if (node instanceof ScalarNode scalar) {
            scalar(scalar);
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(this::walk);
        } else if (node instanceof MappingNode mapping) {
            mapping(mapping);
        }
    }

    private void mapping(MappingNode mapping) {
        String envName = null;
        ScalarNode envValue = null;
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Node valueNode = tuple.getValueNode();
            walk(keyNode);
            String key = keyNode instanceof ScalarNode k ? k.getValue() : null;
            if (key != null && valueNode instanceof ScalarNode v) {
                if (keyRules && SecretKeys.isSecretKey(key) && isLiteral(key, v, visited.contains(v))) {
                    out.add(file, line(keyNode), "generic-secret", "literal value for key '" + key + "'");
                }
                if (key.equals(".dockerconfigjson") || key.equals(".dockercfg")) {
                    dockerConfig(v);
                }
                if (key.equals("name") && SecretKeys.isSecretKey(v.getValue())) {
                    envName = v.getValue();
                } else if (key.equals("value")) {
                    envValue = v;
                }
            }
            walk(valueNode);
        }
        if (keyRules
                && envName != null
                && envValue != null
                && !envValue.getTag().equals(Tag.NULL)
                && SecretValues.isLiteralVariableValue(envName, envValue.getValue())) {
            out.add(file, line(envValue), "env-secret", "literal value for variable '" + envName + "'");
        }
    }

    private void scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        if (value.length() < 8) {
            return;
        }
        DumperOptions.ScalarStyle style = scalar.getScalarStyle();
        boolean block = style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
        text.value(line(scalar) + (block ? 1 : 0), value);
    }

    /**
     * @param alias whether the node was seen before (an alias): the answer for a long value is then remembered, so
     *     that a thousand aliases of one long value cost one reading of it
     */
    private boolean isLiteral(String key, ScalarNode value, boolean alias) {
        Tag tag = value.getTag();
        if (tag.equals(Tag.NULL) || tag.equals(Tag.BOOL) || tag.equals(Tag.TIMESTAMP)) {
            return false;
        }
        boolean remember = value.getValue().length() > 256;
        if (alias && remember && literalLongValues.containsKey(value)) {
            return literalLongValues.get(value);
        }
        out.work(value.getValue().length());
        boolean literal = SecretValues.isLiteralSecret(key, value.getValue());
        if (remember) {
            literalLongValues.put(value, literal);
        }
        return literal;
    }

    private void dockerConfig(ScalarNode value) {
        String v = value.getValue().strip();
        String json = v;
        if (!v.startsWith("{")) {
            try {
                json = new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return;
            }
        }
        out.work(v.length());
        if (TokenFormats.hasDockerCredentials(json)) {
            out.add(file, line(value), "docker-config-auth", "Docker config with registry credentials");
        }
    }

    private static String kindOf(Node document) {
        if (document instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k
                        && k.getValue().equals("kind")
                        && tuple.getValueNode() instanceof ScalarNode v) {
                    return v.getValue();
                }
            }
        }
        return "";
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
