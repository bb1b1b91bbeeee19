package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The redaction rule: URL user information, header and parameter values, JSON fields and well-known token shapes are
 * masked; ordinary messages, digests and image references are left as they are; the work is linear in the input.
 */
class RedactionTest {

    private static final String GHP = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqZW5raW5zIn0.c2lnbmF0dXJlLXZhbHVl";

    static Stream<Arguments> table() {
        return Stream.of(
                // URL user information
                Arguments.of("https://user:s3cret@registry.example.com/v2/", "https://****@registry.example.com/v2/"),
                Arguments.of("https://ghtoken123@github.com/org/repo.git", "https://****@github.com/org/repo.git"),
                Arguments.of("ssh://git:pa55@git.example.com:22/r.git", "ssh://****@git.example.com:22/r.git"),
                Arguments.of(
                        "Image 'user:password@registry.example.com/app' bad",
                        "Image '****@registry.example.com/app' bad"),
                Arguments.of("url=admin:hunter22@db.example.com:5432/app", "url=****@db.example.com:5432/app"),
                Arguments.of("https://u:p%40ss@host.example/x", "https://****@host.example/x"),
                Arguments.of("http://u:pa@ss@10.0.0.1:5000/", "http://****@10.0.0.1:5000/"),
                Arguments.of(
                        "proxy https://a:b@p.example:3128, target https://c:d@t.example",
                        "proxy https://****@p.example:3128, target https://****@t.example"),
                // headers
                Arguments.of("Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: ****"),
                Arguments.of("Proxy-Authorization: Bearer abc.def.ghi", "Proxy-Authorization: ****"),
                Arguments.of("Cookie: session=abcdef123456; theme=dark", "Cookie: ****"),
                Arguments.of(
                        "invalid header value: \"Bearer Zm9vYmFyYmF6MTIz\"", "invalid header value: \"Bearer ****\""),
                Arguments.of("sent Basic dXNlcjpwYXNzd29yZA== to it", "sent Basic **** to it"),
                // parameters and fields
                Arguments.of(
                        "GET /token?service=r&access_token=abc123xyz&scope=pull",
                        "GET /token?service=r&access_token=****&scope=pull"),
                Arguments.of("password=hunter2 user=bob", "password=**** user=bob"),
                Arguments.of("DB_PASSWORD=topsecret", "DB_PASSWORD=****"),
                Arguments.of(
                        "{\"token\": \"abc.def\", \"expires_in\": 300}", "{\"token\": \"****\", \"expires_in\": 300}"),
                Arguments.of("{\"access_token\":\"tok-987\"}", "{\"access_token\":\"****\"}"),
                Arguments.of("{\\\"token\\\":\\\"tok-987\\\"}", "{\\\"token\\\":\\\"****\\\"}"),
                Arguments.of("password: hunter2", "password: ****"),
                Arguments.of("db_password = \"hunter2\"", "db_password = \"****\""),
                Arguments.of("--registry-password=hunter2 --user bob", "--registry-password=**** --user bob"),
                Arguments.of("client-secret: 'abc def'", "client-secret: '****'"),
                Arguments.of("X-Amz-Signature=0123abcd&X-Amz-Date=1", "X-Amz-Signature=****&X-Amz-Date=1"),
                // token shapes
                Arguments.of("token " + GHP + " leaked", "token **** leaked"),
                Arguments.of("gho_" + "x".repeat(36), "****"),
                Arguments.of("ghu_abcdefghijABCDEFGHIJ0123456789ab,", "****,"),
                Arguments.of("ghs_abcdefghijABCDEFGHIJ0123456789ab", "****"),
                Arguments.of("ghr_abcdefghijABCDEFGHIJ0123456789ab", "****"),
                Arguments.of("github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "****"),
                Arguments.of("glpat-AbCdEf0123456789xYz_", "****"),
                Arguments.of("xoxb-1234567890-abcdefghij", "****"),
                Arguments.of(
                        "https://hooks.slack.com/services/T000/B000/XXXXXXXX", "https://hooks.slack.com/services/****"),
                Arguments.of("key AKIAIOSFODNN7EXAMPLE here", "key **** here"),
                Arguments.of("ASIAIOSFODNN7EXAMPLE", "****"),
                Arguments.of("jwt " + JWT, "jwt ****"),
                Arguments.of("unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "unsigned ****"),
                Arguments.of("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "****"),
                Arguments.of("AIzaSyD-abcdefghijklmnopqrstuvwxyz012345", "****"),
                Arguments.of("npm_abcdefghijklmnopqrstuvwxyz0123456789", "****"),
                Arguments.of(
                        "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nnext",
                        "key: ****\nnext"),
                // control characters
                Arguments.of("line\r\nforged", "line\\u000D\nforged"),
                Arguments.of("bidi \u202Egnp.exe", "bidi \\u202Egnp.exe"),
                // left alone
                Arguments.of(
                        "registry.example.com/team/app@sha256:" + "ab".repeat(32),
                        "registry.example.com/team/app@sha256:" + "ab".repeat(32)),
                Arguments.of("127.0.0.1:5000/app:1.4@sha256:abc", "127.0.0.1:5000/app:1.4@sha256:abc"),
                Arguments.of("127.0.0.1:5000/../etc/passwd:prod", "127.0.0.1:5000/../etc/passwd:prod"),
                Arguments.of("https://u:pa/ss@r.example/app", "****@r.example/app"),
                Arguments.of("git@github.com:org/repo.git", "git@github.com:org/repo.git"),
                Arguments.of("mail jane@example.com", "mail jane@example.com"),
                Arguments.of(
                        "Registry 'hub' at r.example.com requires credentials (it asks for basic authentication)",
                        "Registry 'hub' at r.example.com requires credentials (it asks for basic authentication)"),
                Arguments.of("sent a Bearer challenge without a realm", "sent a Bearer challenge without a realm"),
                Arguments.of(
                        "Bearer realm=\"https://auth.example/token\"", "Bearer realm=\"https://auth.example/token\""),
                Arguments.of("secretKeyRef: db-creds", "secretKeyRef: db-creds"),
                Arguments.of(
                        "--set db.password: [generic-secret] literal value",
                        "--set db.password: [generic-secret] literal value"),
                Arguments.of("db: {password: hunter2, user: bob}", "db: {password: ****, user: bob}"),
                Arguments.of("enableToken=true", "enableToken=****"),
                Arguments.of("AKIAIOSFODNN7EXAMPLEX is not a key id", "AKIAIOSFODNN7EXAMPLEX is not a key id"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void masksSecretsAndLeavesTheRest(String text, String expected) {
        assertEquals(expected, Redaction.redact(text));
    }

    @Test
    void knownSecretsAreMaskedWhateverTheirShapeAlsoUrlEncoded() {
        char[] password = "pa ss/w0rd".toCharArray();
        Redaction redaction = Redaction.of(List.of(password, "tok"));

        assertEquals("body: **** and ****, tok", redaction.apply("body: pa ss/w0rd and pa+ss%2Fw0rd, tok"));
        Arrays.fill(password, '\0');
        assertEquals("pa ss/w0rd", redaction.apply("pa ss/w0rd"), "a wiped secret is no longer searched for");
    }

    @Test
    void aKnownSecretWithLineBreaksIsMaskedBeforeTheLineBreaksAreEscaped() {
        Redaction redaction = Redaction.of(List.of("abc\r\ndef-token"));

        assertEquals(
                "invalid header value: \"Bearer ****\"",
                redaction.apply("invalid header value: \"Bearer abc\r\ndef-token\""));
    }

    @Test
    void aSingleLineValueHasItsLineBreaksEscaped() {
        assertEquals("a\\u000Ab\\u0009c", Redaction.redactLine("a\nb\tc"));
        assertEquals("'a\\u000Ab'", Names.quote("a\nb"));
    }

    @Test
    void nullStaysNull() {
        assertNull(Redaction.redact((String) null));
        assertNull(Redaction.redact((Throwable) null));
    }

    @Test
    void aLongTextIsCutAndTheWordAtTheCutIsMasked() {
        String text = "x ".repeat(Redaction.MAX_INPUT / 2 - 3) + "ab" + GHP;

        String redacted = Redaction.redact(text);

        assertFalse(redacted.contains("ghp_A1b2"), redacted.substring(redacted.length() - 80));
        assertTrue(
                redacted.endsWith("x ****… (" + (text.length() - Redaction.MAX_INPUT) + " more characters not shown)"),
                redacted.substring(redacted.length() - 80));
    }

    /** Linear time: inputs of 1 MB built to make a backtracking matcher go quadratic take a bounded number of steps. */
    @ParameterizedTest(name = "linear on {0}")
    @MethodSource("adversarial")
    void workIsLinearInTheInput(String name, String text) {
        Redaction redaction = Redaction.of(List.of("aaaaaaaaab", GHP));

        Redaction.Scan scan = redaction.scan(text, Integer.MAX_VALUE, Redaction.Characters.MULTI_LINE);

        assertTrue(text.length() >= 1_000_000);
        assertTrue(scan.steps() <= 12L * text.length(), name + ": " + scan.steps() + " steps for " + text.length());
        // Capped as every caller uses it: at most MAX_INPUT characters are looked at.
        assertTrue(redaction
                        .scan(text, Redaction.MAX_INPUT, Redaction.Characters.MULTI_LINE)
                        .steps()
                <= 12L * Redaction.MAX_INPUT);
    }

    static Stream<Arguments> adversarial() {
        int n = 1_000_000;
        return Stream.of(
                Arguments.of("one long word", "a".repeat(n)),
                Arguments.of("colons and at signs", "a:".repeat(n / 2) + "@"),
                Arguments.of("at signs", "a:b@".repeat(n / 4)),
                Arguments.of("equals", "password=".repeat(n / 9 + 1)),
                Arguments.of("key colon", "token:".repeat(n / 6 + 1)),
                Arguments.of("dotless jwt starts", "eyJ-".repeat(n / 4)),
                Arguments.of("short gitlab starts", "glpat-".repeat(n / 6 + 1)),
                Arguments.of("bearer words", "Bearer abc ".repeat(n / 11 + 1)),
                Arguments.of("near misses of a known secret", "aaaaaaaaa".repeat(n / 9 + 1)),
                Arguments.of("schemes", "a://".repeat(n / 4)),
                Arguments.of("private key headers", "-----BEGIN X-----".repeat(n / 17 + 1)),
                Arguments.of("quotes after keys", "\"token\":\"".repeat(n / 9 + 1)),
                Arguments.of("long key", "k".repeat(n) + "=v"));
    }

    @Test
    void aCleanExceptionIsKeptAsItIs() {
        IOException e = new IOException("connection refused", new IllegalStateException("no route"));

        assertSame(e, Redaction.redact(e));
    }

    @Test
    void anExceptionChainWithASecretIsCopiedWithRedactedMessagesTypesAndStackTraces() {
        IllegalArgumentException root = new IllegalArgumentException("invalid header value: \"Bearer " + GHP + "\"");
        IOException middle = new IOException("GET https://bob:hunter22@r.example/v2/ failed", root);
        middle.addSuppressed(new IllegalStateException("password=hunter22"));
        RuntimeException top = new RuntimeException("wrapper", middle);

        Throwable safe = Redaction.redact(top);

        assertEquals("java.lang.RuntimeException: wrapper", safe.toString());
        assertEquals(
                "java.io.IOException: GET https://****@r.example/v2/ failed",
                safe.getCause().toString());
        assertEquals(
                "java.lang.IllegalStateException: password=****",
                safe.getCause().getSuppressed()[0].toString());
        assertEquals(
                "java.lang.IllegalArgumentException: invalid header value: \"Bearer ****\"",
                safe.getCause().getCause().toString());
        assertEquals(
                Arrays.asList(middle.getStackTrace()),
                Arrays.asList(safe.getCause().getStackTrace()));
    }
}
