package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @ParameterizedTest(name = "rfc1123Label: ''{0}'' = {1}")
    @CsvSource({
        "a, true",
        "dev-eu, true",
        "1a, true",
        "a1-b2-c3, true",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, true",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false",
        "-a, false",
        "a-, false",
        "A, false",
        "a_b, false",
        "a.b, false",
        "'', false",
    })
    void rfc1123Label(String value, boolean valid) {
        assertEquals(valid, Names.isLabel(value));
    }

    @ParameterizedTest(name = "rfc1123Subdomain: ''{0}'' = {1}")
    @CsvSource({
        "example.com, true",
        "pr-1.preview.example.com, true",
        "localhost, true",
        "example..com, false",
        ".example.com, false",
        "example.com., false",
        "ex_ample.com, false",
        "Example.com, false",
        "'', false",
    })
    void rfc1123Subdomain(String value, boolean valid) {
        assertEquals(valid, Names.isSubdomain(value));
    }

    @Test
    void rfc1123SubdomainAtMost253Characters() {
        String label = "a".repeat(63);
        String exactly253 = String.join(".", label, label, label, "a".repeat(61));
        assertEquals(253, exactly253.length());
        assertEquals(true, Names.isSubdomain(exactly253));
        assertFalse(Names.isSubdomain(exactly253 + "a"));
    }

    @ParameterizedTest(name = "ipv4Literal: ''{0}'' = {1}")
    @CsvSource({
        "127.0.0.1, true",
        "0.0.0.0, true",
        "255.255.255.255, true",
        "256.0.0.1, false",
        "127.0.1, false",
        "127.0.0.01, false",
        "1.2.3.4.5, false",
    })
    void ipv4Literal(String value, boolean valid) {
        assertEquals(valid, Names.isIpv4(value));
    }

    @ParameterizedTest(name = "loopbackHost: ''{0}'' = {1}")
    @CsvSource({
        "localhost, true",
        "LOCALHOST, true",
        "127.0.0.1, true",
        "127.255.255.254, true",
        "::1, true",
        "[::1], true",
        "0:0:0:0:0:0:0:1, true",
        "[::ffff:127.0.0.1], true",
        "128.0.0.1, false",
        "10.0.0.1, false",
        "::2, false",
        "localhost.example.com, false",
        "127.example.com, false",
        "'', false",
    })
    void loopbackHost(String host, boolean loopback) {
        assertEquals(loopback, Names.isLoopback(host));
    }

    @Test
    void loopbackOfNothingIsFalse() {
        assertFalse(Names.isLoopback(null));
    }

    @Test
    void requireSubdomainNamesTheValueAndTheRule() {
        assertEquals("pr-1.example.com", Names.requireSubdomain("host", "Host", "pr-1.example.com"));
        Rejections.assertRejected(
                () -> Names.requireSubdomain("host", "Host", "pr_1.example.com"),
                "host",
                "Host 'pr_1.example.com' is not a valid host name: " + Rejections.SUBDOMAIN_RULE);
    }

    @Test
    void quoteShowsControlCharactersAsEscapes() {
        assertEquals("'a\\u0009b\\u000A'", Names.quote("a\tb\n"));
    }

    @Test
    void optionalValuesTurnBlankIntoNull() {
        assertNull(Names.optionalLabel("f", "Thing", "  "));
        assertNull(Names.optionalText("f", "Thing", ""));
        assertNull(Names.optionalCredentialsId("f", "Thing", null));
        assertNull(Names.optionalPattern("f", "Thing", " "));
    }
}
