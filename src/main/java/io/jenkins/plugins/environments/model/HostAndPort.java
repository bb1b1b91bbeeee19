package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Names.quote;

/**
 * A network address written {@code host[:port]}, with no scheme and no path: a DNS name of RFC 1123 labels
 * ({@code registry.example.com}), {@code localhost}, an IPv4 address ({@code 127.0.0.1:5000}) or an IPv6
 * address in brackets ({@code [::1]:5000}). The port, when given, is between 1 and 65535.
 *
 * @param host the host as written, with brackets for IPv6
 * @param port the port, or {@code -1} when none is given
 */
public record HostAndPort(String host, int port) {

    private static final String EXAMPLE =
            "give only host[:port], for example 'registry.example.com' or '127.0.0.1:5000'";

    /**
     * Parses and checks {@code host[:port]}.
     *
     * @throws InvalidConfigurationException for {@code field}, naming the value as {@code what}
     */
    public static HostAndPort parse(String field, String what, String value) {
        Names.rejectControlCharacters(field, what, Names.require(field, what, value));
        if (value.contains("://")) {
            throw Names.invalid(field, what, value, "must not include a scheme: " + EXAMPLE);
        }
        if (value.contains("/")) {
            throw Names.invalid(field, what, value, "must not include a path: " + EXAMPLE);
        }
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            String rest = close < 0 ? "" : value.substring(close + 1);
            if (close < 0 || !Names.isIpv6(value.substring(1, close)) || !(rest.isEmpty() || rest.startsWith(":"))) {
                throw Names.invalid(
                        field, what, value, "has an invalid IPv6 address: write it in brackets, e.g. '[::1]:5000'");
            }
            host = value.substring(0, close + 1);
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = value.lastIndexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
            if (host.contains(":")) {
                throw Names.invalid(
                        field, what, value, "looks like an IPv6 address: put it in brackets, e.g. '[::1]:5000'");
            }
            checkHost(field, what, value, host);
        }
        return new HostAndPort(host, port == null ? -1 : Names.requirePort(field, what, value, port));
    }

    private static void checkHost(String field, String what, String value, String host) {
        if (host.matches("[0-9.]+")) {
            if (!Names.isIpv4(host)) {
                throw Names.invalid(
                        field,
                        what,
                        value,
                        "has an invalid IPv4 address " + quote(host) + ": use four numbers from 0 to 255");
            }
        } else if (!Names.isSubdomain(host)) {
            throw Names.invalid(field, what, value, "has an invalid host " + quote(host) + ": " + Names.SUBDOMAIN_RULE);
        }
    }

    /** @return whether a port was given */
    public boolean hasPort() {
        return port > 0;
    }

    /** @return whether the host is this machine, as {@link Names#isLoopback} decides */
    public boolean isLoopback() {
        return Names.isLoopback(host);
    }

    /** @return {@code host[:port]} as it would be written */
    @Override
    public String toString() {
        return hasPort() ? host + ":" + port : host;
    }
}
