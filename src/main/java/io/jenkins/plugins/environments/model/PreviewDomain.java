package io.jenkins.plugins.environments.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The DNS domain that preview hosts live under, such as {@code preview.example.com}, and the rules for a preview's
 * host name. Rule: a preview host is one or more labels followed by {@code .}<i>domain</i>; never an IP address
 * (dotted, short, octal or hexadecimal forms such as {@code 0x7f.1}, or IPv6), never a name with a cluster-internal
 * or private suffix ({@code .svc}, {@code .cluster.local}, {@code .local}, {@code .internal}, {@code localhost} …),
 * never a wildcard. An Ingress pointed at such a name would route traffic the administrator never gave to previews.
 *
 * <p>The administrator sets the domain ({@code previewDomain}), or it is taken from the host template: what follows
 * the first dot after the template's last placeholder ({@code pr-{number}.preview.example.com} gives {@code
 * preview.example.com}). A template must end in {@code .}<i>domain</i> as fixed text, so no value of a placeholder
 * can move the host out of the domain.
 *
 * @param name the domain, a DNS name of at least two labels
 */
public record PreviewDomain(String name) {

    /** The configuration field of an explicit domain. */
    public static final String FIELD = "previewDomain";

    private static final String WHAT = "Preview domain";
    private static final String EXAMPLE = "such as 'preview.example.com'";

    /**
     * Last labels that name no public DNS domain: cluster DNS ({@code svc}, {@code cluster.local}), mDNS and other
     * private-use suffixes, the loopback name and reverse lookup.
     */
    static final Set<String> INTERNAL_SUFFIXES = Set.of(
            "localhost",
            "local",
            "localdomain",
            "internal",
            "intranet",
            "private",
            "corp",
            "home",
            "lan",
            "svc",
            "cluster",
            "arpa");

    public PreviewDomain {
        name = check(FIELD, WHAT, name);
    }

    /**
     * @param explicit the domain the administrator set, or blank to take it from the template
     * @param hostTemplate a checked host template ({@link NameTemplate#check})
     * @return the preview domain; problems with an explicit domain are reported for {@code previewDomain}, with a
     *     taken one for {@code hostTemplate}
     */
    public static PreviewDomain of(String explicit, String hostTemplate) {
        if (!Names.isBlank(explicit)) {
            return new PreviewDomain(explicit);
        }
        String field = NameTemplate.Kind.PREVIEW_HOST.field();
        int close = hostTemplate.lastIndexOf('}');
        int dot = hostTemplate.indexOf('.', close + 1);
        if (dot < 0 || dot == hostTemplate.length() - 1) {
            throw Names.invalid(
                    field,
                    "Host template",
                    hostTemplate,
                    "has no domain after its placeholders: end it with the preview domain, such as"
                            + " 'pr-{number}.preview.example.com', or set previewDomain");
        }
        String derived = hostTemplate.substring(dot + 1);
        try {
            return new PreviewDomain(derived);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(
                    field, e.getMessage() + " (taken from host template " + Names.quote(hostTemplate) + ")");
        }
    }

    /**
     * Checks a domain for a form field.
     *
     * @return the domain
     * @throws InvalidConfigurationException for {@code field}
     */
    public static String check(String field, String what, String domain) {
        Names.rejectControlCharacters(field, what, Names.require(field, what, domain));
        String problem = hostProblem(domain);
        if (problem != null) {
            throw Names.invalid(field, what, domain, problem + ": use a public DNS domain, " + EXAMPLE);
        }
        if (!Names.isSubdomain(domain)) {
            throw Names.invalid(field, what, domain, "is not a valid domain: " + Names.SUBDOMAIN_RULE);
        }
        if (domain.indexOf('.') < 0) {
            throw Names.invalid(
                    field,
                    what,
                    domain,
                    "is a single label: use a domain of at least two labels, " + EXAMPLE
                            + ", so that previews cannot take names directly under a top-level domain");
        }
        return domain;
    }

    /**
     * What makes a name unfit as a preview's host whatever the domain, or {@code null}: a wildcard, a trailing dot,
     * an IP address in any form a resolver accepts, a cluster-internal or private suffix. Used for the results of
     * host templates and for domains alike, so that each gets the same words.
     */
    public static String hostProblem(String name) {
        String problem = templateProblem(name);
        if (problem == null && isIpLiteral(name)) {
            problem = "is an IP address, not a DNS name";
        }
        return problem;
    }

    /**
     * What makes a host template unfit before any placeholder is filled in, or {@code null}: a wildcard, a trailing
     * dot, a fixed cluster-internal or private suffix.
     */
    public static String templateProblem(String template) {
        if (template.indexOf('*') >= 0) {
            return "is a wildcard, but a preview gets one host of its own";
        }
        if (template.endsWith(".")) {
            return "ends with a dot: write the name without the trailing dot";
        }
        String suffix = internalSuffix(template);
        if (suffix != null) {
            return "ends in " + Names.quote(suffix) + ", a cluster-internal or private name that is not reached"
                    + " through the preview Ingress";
        }
        return null;
    }

    /**
     * Whether resolvers would read the name as an IP address: IPv6 (hex digits, ':' and '.', in brackets or not,
     * with or without a zone), or a last label that is a number in decimal, octal or hexadecimal ({@code 127.0.0.1},
     * {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}), as the WHATWG URL standard and {@code inet_aton} read
     * them. No top-level domain is numeric.
     */
    static boolean isIpLiteral(String name) {
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        int zone = bare.indexOf('%');
        String address = zone < 0 ? bare : bare.substring(0, zone);
        if (address.indexOf(':') >= 0
                && address.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return true;
        }
        String[] labels = name.split("\\.", -1);
        String last = labels[labels.length - 1];
        if (last.isEmpty() && labels.length > 1) {
            last = labels[labels.length - 2];
        }
        String lower = last.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            return lower.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return !lower.isEmpty() && lower.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String internalSuffix(String name) {
        List<String> labels = List.of(name.toLowerCase(Locale.ROOT).split("\\."));
        if (labels.isEmpty()) {
            return null;
        }
        String last = labels.get(labels.size() - 1);
        if (!INTERNAL_SUFFIXES.contains(last)) {
            return null;
        }
        return labels.size() > 1
                        && last.equals("local")
                        && labels.get(labels.size() - 2).equals("cluster")
                ? ".cluster.local"
                : labels.size() == 1 ? last : "." + last;
    }

    /**
     * Rule: a host template ends in {@code .}<i>domain</i> as fixed text, with at least one label before it.
     *
     * @param field the field or parameter the template came from
     * @throws InvalidConfigurationException for {@code field} otherwise
     */
    public String requireUnder(String field, String template) {
        if (!template.endsWith("." + name) || template.length() == name.length() + 1) {
            throw Names.invalid(
                    field,
                    "Host template",
                    template,
                    "is not under the preview domain " + Names.quote(name) + ": a preview host is one or more labels"
                            + " followed by '." + name + "', such as 'pr-{number}." + name + "'");
        }
        return template;
    }

    /**
     * Rule: the host a template gave is a name of one or more labels under the domain.
     *
     * @throws InvalidConfigurationException for {@code field} otherwise
     */
    public String requireHost(String field, String host) {
        if (!host.endsWith("." + name) || host.length() == name.length() + 1 || hostProblem(host) != null) {
            throw Names.invalid(field, "Preview host", host, "is not under the preview domain " + Names.quote(name));
        }
        return host;
    }
}
