package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.LABEL_RULE;
import static io.jenkins.plugins.environments.model.Rejections.SUBDOMAIN_RULE;
import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryTest {

    private static final String EXAMPLE =
            "give only host[:port], for example 'registry.example.com' or '127.0.0.1:5000'";

    private static Executable withHost(String host) {
        return () -> new Registry("internal", host, null, false, false);
    }

    private static String host(String value, String rule) {
        return "Registry host '" + value + "' " + rule;
    }

    static Stream<Arguments> badValues() {
        String port = ": use a number from 1 to 65535";
        String brackets = "has an invalid IPv6 address: write it in brackets, e.g. '[::1]:5000'";
        return Stream.of(
                bad(
                        "registryIdMustBeLabel",
                        () -> new Registry("GHCR", "ghcr.io", null, false, false),
                        "id",
                        "Registry id 'GHCR' is not a valid name: " + LABEL_RULE),
                bad("hostIsRequired", withHost(null), "host", "Registry host is required"),
                bad(
                        "hostMustNotHaveScheme",
                        withHost("https://registry.example.com"),
                        "host",
                        host("https://registry.example.com", "must not include a scheme: " + EXAMPLE)),
                bad(
                        "hostMustNotHavePath",
                        withHost("registry.example.com/library"),
                        "host",
                        host("registry.example.com/library", "must not include a path: " + EXAMPLE)),
                bad(
                        "portAtLeast1",
                        withHost("registry.example.com:0"),
                        "host",
                        host("registry.example.com:0", "has an invalid port '0'" + port)),
                bad(
                        "portAtMost65535",
                        withHost("127.0.0.1:65536"),
                        "host",
                        host("127.0.0.1:65536", "has an invalid port '65536'" + port)),
                bad(
                        "portMustBeNumber",
                        withHost("registry.example.com:http"),
                        "host",
                        host("registry.example.com:http", "has an invalid port 'http'" + port)),
                bad(
                        "portMustNotBeEmpty",
                        withHost("registry.example.com:"),
                        "host",
                        host("registry.example.com:", "has an invalid port ''" + port)),
                bad(
                        "ipv4NumbersAtMost255",
                        withHost("256.1.1.1:5000"),
                        "host",
                        host(
                                "256.1.1.1:5000",
                                "has an invalid IPv4 address '256.1.1.1': use four numbers from 0 to 255")),
                bad(
                        "ipv4NeedsFourNumbers",
                        withHost("127.0.1"),
                        "host",
                        host("127.0.1", "has an invalid IPv4 address '127.0.1': use four numbers from 0 to 255")),
                bad(
                        "hostMustBeLowerCaseDnsName",
                        withHost("Registry.Example.com"),
                        "host",
                        host("Registry.Example.com", "has an invalid host 'Registry.Example.com': " + SUBDOMAIN_RULE)),
                bad(
                        "hostMustNotContainUnderscore",
                        withHost("my_registry:5000"),
                        "host",
                        host("my_registry:5000", "has an invalid host 'my_registry': " + SUBDOMAIN_RULE)),
                bad(
                        "hostMustNotBeEmptyBeforePort",
                        withHost(":5000"),
                        "host",
                        host(":5000", "has an invalid host '': " + SUBDOMAIN_RULE)),
                bad(
                        "ipv6MustBeBracketed",
                        withHost("::1:5000"),
                        "host",
                        host("::1:5000", "looks like an IPv6 address: put it in brackets, e.g. '[::1]:5000'")),
                bad("ipv6BracketMustClose", withHost("[::1"), "host", host("[::1", brackets)),
                bad("ipv6MustBeValid", withHost("[fe80::zz]:5000"), "host", host("[fe80::zz]:5000", brackets)),
                bad("ipv6PortNeedsColon", withHost("[::1]5000"), "host", host("[::1]5000", brackets)),
                bad(
                        "insecureOnlyForLoopbackUnlessForced",
                        () -> new Registry("internal", "registry.example.com", null, true, false),
                        "insecure",
                        host(
                                "registry.example.com",
                                "is not a loopback host, so plain HTTP is not allowed: use HTTPS, or also set force"
                                        + " insecure if credentials and images may cross the network unprotected")),
                bad(
                        "credentialsIdMustNotContainControlCharacters",
                        () -> new Registry("internal", "registry.example.com", "a\nb", false, false),
                        "credentialsId",
                        "Credentials id 'a\\u000Ab' must not contain control characters such as line breaks"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @ParameterizedTest(name = "hostAndPortAccepted: {0}")
    @CsvSource({
        "registry.example.com,  registry.example.com, -1",
        "ghcr.io,               ghcr.io,              -1",
        "127.0.0.1:5000,        127.0.0.1,            5000",
        "localhost:5000,        localhost,            5000",
        "[::1]:5000,            [::1],                5000",
        "[2001:db8::1],         [2001:db8::1],        -1",
        "10.0.0.1:65535,        10.0.0.1,             65535",
    })
    void hostAndPortAccepted(String value, String host, int port) {
        HostAndPort address = new Registry("r", value, null, false, false).address();
        assertEquals(new HostAndPort(host, port), address);
        assertEquals(value, address.toString());
    }

    @ParameterizedTest(name = "insecureAllowedForLoopback: {0}")
    @CsvSource({"127.0.0.1:5000", "localhost:5000", "[::1]:5000"})
    void insecureAllowedForLoopbackWithoutWarning(String host) {
        assertEquals(List.of(), new Registry("local", host, null, true, false).warnings());
    }

    @Test
    void forcedInsecureIsAllowedButWarned() {
        Registry forced = new Registry("internal", "registry.example.com", "push", true, true);
        assertEquals(
                List.of(
                        "Registry 'internal' uses plain HTTP to 'registry.example.com': credentials and images cross the"
                                + " network unprotected"),
                forced.warnings());
    }

    @Test
    void credentialsIdIsOptionalForAnonymousPull() {
        assertNull(new Registry("hub", "docker.io", "", false, false).credentialsId());
    }
}
