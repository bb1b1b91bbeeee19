package io.jenkins.plugins.environments.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The shared field rules: required and optional text, ids that Kubernetes accepts as names (RFC 1123
 * labels, at most 63 lower-case letters, digits and {@code -}), host names (RFC 1123 DNS subdomains:
 * dot-separated labels, at most 253 characters), IPv4 literals, loopback hosts, credentials ids, ports and
 * regular expressions. Every check takes the field name and a human name for it ({@code what}, such as
 * {@code "Cluster id"}) so that one rule gives consistent messages wherever it is used. A {@code require…}
 * function rejects a blank value; an {@code optional…} function turns a blank value into {@code null}.
 */
public final class Names {

    /** How the label rule is explained in messages. */
    public static final String LABEL_RULE = "use at most 63 lower-case letters, digits and '-', starting and"
            + " ending with a letter or digit (RFC 1123 label)";

    /** How the host name rule is explained in messages. */
    public static final String SUBDOMAIN_RULE = "use at most 253 characters of dot-separated RFC 1123 labels"
            + " (lower-case letters, digits and '-', each starting and ending with a letter or digit)";

    public static final int MAX_CREDENTIALS_ID_LENGTH = 256;

    /** Helm's limit for a release name, which is the app's name when a chart is deployed. */
    public static final int MAX_RELEASE_NAME = 53;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private Names() {}

    /** @return whether the value is an RFC 1123 label */
    public static boolean isLabel(String value) {
        return value != null && LABEL.matcher(value).matches();
    }

    /** @return whether the value is an RFC 1123 DNS subdomain: dot-separated labels, at most 253 characters */
    public static boolean isSubdomain(String value) {
        if (value == null || value.isEmpty() || value.length() > 253) {
            return false;
        }
        for (String label : value.split("\\.", -1)) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the value is a dotted-decimal IPv4 address (four numbers 0–255, no leading zeros) */
    public static boolean isIpv4(String value) {
        if (value == null || !IPV4.matcher(value).matches()) {
            return false;
        }
        for (String part : value.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the value is an IPv6 literal, without brackets */
    public static boolean isIpv6(String value) {
        return ipv6(value) != null;
    }

    /**
     * Whether a host is this machine: {@code localhost}, an address in 127.0.0.0/8, or the IPv6 loopback
     * {@code ::1} (with or without brackets). Names are not resolved: only these literal forms count.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (isIpv4(bare)) {
            return bare.startsWith("127.");
        }
        InetAddress address = ipv6(bare);
        return address != null && address.isLoopbackAddress();
    }

    /**
     * Parses an IPv6 literal without ever asking DNS: only strings of hex digits, ':' and '.' that contain a
     * ':' and start with a hex digit or ':' get this far, and the JDK parses those as literals or rejects them.
     */
    private static InetAddress ipv6(String value) {
        if (value == null || !IPV6_CHARACTERS.matcher(value).matches()) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(value);
            return address instanceof Inet6Address || value.contains("::ffff:") ? address : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** @return the value, which must not be blank */
    public static String require(String field, String what, String value) {
        if (isBlank(value)) {
            throw new InvalidConfigurationException(field, what + " is required");
        }
        return value;
    }

    /** @return the value, or {@code null} when it is blank; it must not contain control characters */
    public static String optionalText(String field, String what, String value) {
        return isBlank(value) ? null : rejectControlCharacters(field, what, value);
    }

    /** @return the value, which must not contain control characters such as a line break */
    public static String rejectControlCharacters(String field, String what, String value) {
        if (OneLine.hasUnsafe(value)) {
            throw invalid(field, what, value, "must not contain control characters such as line breaks");
        }
        return value;
    }

    /** What {@link #truncate} appends: how many characters were left out. */
    private static final String TRUNCATED = "…[%d more characters]";

    /**
     * Bounds a value that is written somewhere (a ledger line, a message): the value as it is when it has at most
     * {@code max} characters, otherwise its first {@code max} characters followed by the marker {@code …[N more
     * characters]}. A surrogate pair is never split.
     */
    public static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end) + String.format(TRUNCATED, value.length() - end);
    }

    /** @return the value, which must be an RFC 1123 label */
    public static String requireLabel(String field, String what, String value) {
        require(field, what, value);
        if (!isLabel(value)) {
            throw invalid(field, what, value, "is not a valid name: " + LABEL_RULE);
        }
        return value;
    }

    /**
     * Rule: an app deployed from a chart names the Helm release, so it has at most {@value #MAX_RELEASE_NAME}
     * characters.
     *
     * @param field the step parameter, {@code app}
     * @return the app
     */
    public static String requireFitsReleaseName(String field, String app) {
        if (app.length() > MAX_RELEASE_NAME) {
            throw new InvalidConfigurationException(
                    field,
                    field + " " + quote(app) + " (" + app.length() + " characters) is too long: it becomes the Helm"
                            + " release name, which allows at most " + MAX_RELEASE_NAME
                            + " characters; use a shorter app name");
        }
        return app;
    }

    /** @return the value, or {@code null} when blank; otherwise it must be an RFC 1123 label */
    public static String optionalLabel(String field, String what, String value) {
        return isBlank(value) ? null : requireLabel(field, what, value);
    }

    /** @return the value, which must be an RFC 1123 DNS subdomain */
    public static String requireSubdomain(String field, String what, String value) {
        require(field, what, value);
        if (!isSubdomain(value)) {
            throw invalid(field, what, value, "is not a valid host name: " + SUBDOMAIN_RULE);
        }
        return value;
    }

    /** @return the id of Jenkins credentials: not blank, no control characters, at most 256 characters */
    public static String requireCredentialsId(String field, String what, String value) {
        rejectControlCharacters(field, what, require(field, what, value));
        if (value.length() > MAX_CREDENTIALS_ID_LENGTH) {
            throw new InvalidConfigurationException(
                    field,
                    what + " is " + value.length() + " characters long: use at most " + MAX_CREDENTIALS_ID_LENGTH);
        }
        return value;
    }

    /** @return {@code null} for a blank value, otherwise a credentials id as {@link #requireCredentialsId} checks */
    public static String optionalCredentialsId(String field, String what, String value) {
        return isBlank(value) ? null : requireCredentialsId(field, what, value);
    }

    /** @return the port, which must be between 1 and 65535; {@code value} is the text it came from */
    public static int requirePort(String field, String what, String value, String port) {
        int number = port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : 0;
        if (number < 1 || number > 65535) {
            throw invalid(field, what, value, "has an invalid port " + quote(port) + ": use a number from 1 to 65535");
        }
        return number;
    }

    /** @return {@code null} for a blank value, otherwise the compiled regular expression */
    public static Pattern optionalPattern(String field, String what, String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw invalid(field, what, value, "is not a valid regular expression: " + e.getDescription());
        }
    }

    /**
     * The common shape of a message: {@code what 'value' rule}, for example {@code Cluster id 'Dev' is not a
     * valid name: …}.
     */
    public static InvalidConfigurationException invalid(String field, String what, String value, String rule) {
        return new InvalidConfigurationException(field, what + " " + quote(value) + " " + rule);
    }

    /**
     * @return the value in single quotes, with secrets masked ({@link Redaction#redactLine(String)}) and control,
     *     separator, bidirectional and zero-width characters written as {@code \\uXXXX}: every value a message
     *     echoes goes through here
     */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder("'");
        Redaction.redactLine(value).chars().forEach(c -> {
            if (OneLine.isUnsafe(c)) {
                quoted.append(String.format("\\u%04X", c));
            } else {
                quoted.append((char) c);
            }
        });
        return quoted.append('\'').toString();
    }

    /** @return whether the value is {@code null}, empty or only white space */
    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
