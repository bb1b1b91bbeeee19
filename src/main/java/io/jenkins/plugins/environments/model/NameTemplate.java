package io.jenkins.plugins.environments.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A Kubernetes name built from placeholders, such as {@code {app}-{env}} or {@code pr-{number}.preview.example.com}.
 * Which placeholders are allowed, which one is mandatory and what the result must be depends on the
 * {@link Kind}: a namespace must be an RFC 1123 label, a host name an RFC 1123 DNS subdomain. Braces must
 * pair up as {@code {name}}. To catch a template that can never give a valid name, it is rendered with
 * {@link #SAMPLE_VALUES} when it is created; {@link #render} checks the result again with the real values.
 * A blank template means the kind's default. A host template and its result must also pass
 * {@link PreviewDomain#templateProblem} and {@link PreviewDomain#hostProblem} (no wildcard, IP address or
 * cluster-internal name); that it lies under the preview domain is checked by {@link PreviewDomain#requireUnder}.
 */
public record NameTemplate(String template, Kind kind) {

    /** The values a template is tried with when it is created. */
    public static final Map<String, String> SAMPLE_VALUES = Map.of("app", "myapp", "env", "staging", "number", "1842");

    /** Where a template is used, and so what it may contain and must give. */
    public enum Kind {
        /** The namespace of an application in an environment: {@code {app}}, {@code {env}}. */
        ENVIRONMENT_NAMESPACE(
                "namespacePattern", "Namespace pattern", "{app}-{env}", List.of("app", "env"), null, false),
        /** The namespace of a pull-request preview: {@code {number}} (mandatory), {@code {app}}. */
        PREVIEW_NAMESPACE(
                "namespacePattern", "Namespace pattern", "pr-{number}", List.of("number", "app"), "number", false),
        /** The host name a preview is reached at: {@code {number}} (mandatory), {@code {app}}. */
        PREVIEW_HOST(
                "hostTemplate",
                "Host template",
                "pr-{number}.preview.example.com",
                List.of("number", "app"),
                "number",
                true);

        private final String field;
        private final String what;
        private final String defaultTemplate;
        private final List<String> placeholders;
        private final String mandatory;
        private final boolean host;

        Kind(
                String field,
                String what,
                String defaultTemplate,
                List<String> placeholders,
                String mandatory,
                boolean host) {
            this.field = field;
            this.what = what;
            this.defaultTemplate = defaultTemplate;
            this.placeholders = placeholders;
            this.mandatory = mandatory;
            this.host = host;
        }

        /** @return the configuration field that holds a template of this kind */
        public String field() {
            return field;
        }

        /** @return the template used when none is given */
        public String defaultTemplate() {
            return defaultTemplate;
        }

        /** @return the placeholder names allowed, without braces */
        public List<String> placeholders() {
            return placeholders;
        }

        private String noun() {
            return host ? "host name" : "namespace";
        }

        private Predicate<String> rule() {
            return host ? Names::isSubdomain : Names::isLabel;
        }

        private String ruleText() {
            return host ? Names.SUBDOMAIN_RULE : Names.LABEL_RULE;
        }
    }

    public NameTemplate {
        Objects.requireNonNull(kind, "kind");
        template = check(kind, template);
    }

    /** @return a namespace template for an environment; blank means {@code {app}-{env}} */
    public static NameTemplate environmentNamespace(String template) {
        return new NameTemplate(template, Kind.ENVIRONMENT_NAMESPACE);
    }

    /** @return a namespace template for previews; blank means {@code pr-{number}} */
    public static NameTemplate previewNamespace(String template) {
        return new NameTemplate(template, Kind.PREVIEW_NAMESPACE);
    }

    /** @return a host name template for previews; blank means {@code pr-{number}.preview.example.com} */
    public static NameTemplate previewHost(String template) {
        return new NameTemplate(template, Kind.PREVIEW_HOST);
    }

    /**
     * Checks a template for a form field.
     *
     * @return the template, or the kind's default when blank
     * @throws InvalidConfigurationException for the kind's field
     */
    public static String check(Kind kind, String template) {
        if (Names.isBlank(template)) {
            return kind.defaultTemplate;
        }
        Names.rejectControlCharacters(kind.field, kind.what, template);
        String problem = kind.host ? PreviewDomain.templateProblem(template) : null;
        if (problem != null) {
            throw Names.invalid(kind.field, kind.what, template, problem);
        }
        String sample = fill(kind, template, SAMPLE_VALUES);
        if (kind.mandatory != null && !template.contains("{" + kind.mandatory + "}")) {
            throw Names.invalid(
                    kind.field,
                    kind.what,
                    template,
                    "must contain {" + kind.mandatory + "}: without it, every pull request would get the same "
                            + kind.noun());
        }
        requireValidResult(kind, template, SAMPLE_VALUES, sample);
        return template;
    }

    /**
     * Fills in the placeholders.
     *
     * @param values a value for each placeholder the template uses, keyed by name without braces
     * @return a valid namespace or host name
     * @throws InvalidConfigurationException when a value is missing or the result is not a valid name
     */
    public String render(Map<String, String> values) {
        return requireValidResult(kind, template, values, fill(kind, template, values));
    }

    /** Replaces the placeholders, checking that braces pair up and every placeholder is allowed and given. */
    private static String fill(Kind kind, String template, Map<String, String> values) {
        StringBuilder result = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw Names.invalid(kind.field, kind.what, template, "has a '}' without a matching '{'");
            }
            if (c != '{') {
                result.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            int nextOpen = template.indexOf('{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                throw Names.invalid(
                        kind.field, kind.what, template, "has a '{' that is not closed: write placeholders as {name}");
            }
            String name = template.substring(i + 1, close);
            if (!kind.placeholders.contains(name)) {
                throw Names.invalid(
                        kind.field,
                        kind.what,
                        template,
                        "uses the unknown placeholder {" + name + "}: allowed are " + list(kind.placeholders));
            }
            String value = values.get(name);
            if (value == null) {
                throw Names.invalid(kind.field, kind.what, template, "needs a value for {" + name + "}");
            }
            result.append(value);
            i = close + 1;
        }
        return result.toString();
    }

    private static String requireValidResult(Kind kind, String template, Map<String, String> values, String name) {
        String problem = kind.host ? PreviewDomain.hostProblem(name) : null;
        if (problem == null && !kind.rule().test(name)) {
            problem = "is not a valid " + kind.noun() + ": " + kind.ruleText();
        }
        if (problem != null) {
            String with = kind.placeholders.stream()
                    .filter(p -> template.contains("{" + p + "}"))
                    .map(p -> "{" + p + "}=" + values.get(p))
                    .collect(Collectors.joining(", "));
            throw Names.invalid(
                    kind.field,
                    kind.what,
                    template,
                    "gives " + Names.quote(name) + (with.isEmpty() ? "" : " for " + with) + ", which " + problem);
        }
        return name;
    }

    private static String list(List<String> placeholders) {
        return placeholders.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", "));
    }
}
