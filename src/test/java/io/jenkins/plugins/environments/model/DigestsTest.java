package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DigestsTest {

    private static final String GOOD = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String RULE = "is not an image digest: use 'sha256:' followed by 64 lower-case hex digits";

    private static Executable digest(String value) {
        return () -> Digests.checkDigest(value);
    }

    private static Arguments badDigest(String rule, String value) {
        return bad(rule, digest(value), "digest", "Digest " + Names.quote(value) + " " + RULE);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("digestIsRequired", digest(" "), "digest", "Digest is required"),
                bad("digestIsRequired: null", digest(null), "digest", "Digest is required"),
                badDigest("digestMustBeLowerCase", GOOD.toUpperCase(java.util.Locale.ROOT)),
                badDigest("digestMustHave64HexDigits: short", "sha256:abc"),
                badDigest("digestMustHave64HexDigits: long", GOOD + "0"),
                badDigest("digestMustBeSha256", "sha512:" + "ab".repeat(64)),
                badDigest("digestMustHaveAlgorithm", "0123456789abcdef".repeat(4)),
                badDigest("digestMustNotBeAReference", "registry.example.com/app@" + GOOD),
                badDigest("digestMustNotContainLineBreaks", GOOD + "\n"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badDigestsAreRejected(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @Test
    void aSha256DigestIsAccepted() {
        assertEquals(GOOD, Digests.checkDigest(GOOD));
        assertTrue(Digests.isDigest(GOOD));
        assertFalse(Digests.isDigest(null));
    }

    @Test
    void digestOfBytesIsTheirSha256AndHexDropsTheAlgorithm() {
        String hello = Digests.of("hello".getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", hello);
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", Digests.hex(hello));
    }
}
