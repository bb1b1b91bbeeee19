package io.jenkins.plugins.environments.kubernetes;

import java.util.regex.Pattern;

/**
 * Checks untrusted values (names, pull request numbers, label values) before they reach a cluster. Every check throws
 * an {@link IllegalArgumentException} whose message quotes the rejected value with control and non-ASCII characters
 * escaped, so a hostile value cannot forge log lines.
 */
public final class PreviewInputs {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?)?");
    private static final Pattern POSITIVE_INTEGER = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?");
    private static final int MAX_LABEL = 63;
    private static final int MAX_QUOTED = 80;

    private PreviewInputs() {}

    /**
     * @return {@code name} if it is a namespace name (an RFC 1123 label)
     * @throws IllegalArgumentException otherwise
     */
    public static String namespace(String name) {
        return dnsLabel("Namespace name", name);
    }

    /**
     * @return {@code name} if it can name an application: an RFC 1123 label, so it fits namespace names, host names
     *     and label values
     * @throws IllegalArgumentException otherwise
     */
    public static String app(String name) {
        return dnsLabel("App name", name);
    }

    /**
     * @return the pull request number written in {@code text}
     * @throws IllegalArgumentException unless it is a positive decimal integer without sign or leading zeros
     */
    public static int pullRequest(String text) {
        if (text == null || !POSITIVE_INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("Pull request number must be a positive integer, not " + quote(text));
        }
        return Integer.parseInt(text);
    }

    /**
     * @return {@code number} if it is positive
     * @throws IllegalArgumentException otherwise
     */
    public static int pullRequest(int number) {
        if (number <= 0) {
            throw new IllegalArgumentException("Pull request number must be a positive integer, not " + number);
        }
        return number;
    }

    /**
     * @param what what the value is, for the message
     * @return {@code value} if it is a non-empty Kubernetes label value
     * @throws IllegalArgumentException otherwise
     */
    public static String labelValue(String what, String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LABEL
                || !LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " " + quote(value)
                    + " is not a valid label value: 1 to 63 letters, digits, '-', '_' or '.', starting and ending"
                    + " with a letter or digit");
        }
        return value;
    }

    /**
     * @return {@code value} if it is a plain resource quantity such as {@code 500m}, {@code 2} or {@code 512Mi}
     * @throws IllegalArgumentException otherwise
     */
    static String quantity(String what, String value) {
        if (value == null || !QUANTITY.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " " + quote(value) + " is not a resource quantity");
        }
        return value;
    }

    private static String dnsLabel(String what, String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LABEL
                || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " " + quote(value)
                    + " is not a valid RFC 1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending"
                    + " with a letter or digit");
        }
        return value;
    }

    /**
     * The value in single quotes, characters outside printable ASCII as {@code \\uXXXX}, long values shortened and
     * followed by their length.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("'");
        int shown = Math.min(value.length(), MAX_QUOTED);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                quoted.append(c);
            } else {
                quoted.append(String.format("\\u%04x", (int) c));
            }
        }
        if (shown < value.length()) {
            quoted.append("...");
        }
        quoted.append('\'');
        if (value.length() > MAX_LABEL) {
            quoted.append(" (").append(value.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
