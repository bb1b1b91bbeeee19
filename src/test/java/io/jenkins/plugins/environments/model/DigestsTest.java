package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestsTest {

    static final String VALID = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void digestIsSha256AndSixtyFourLowerCaseHexDigits() {
        assertTrue(Digests.isDigest(VALID));
        assertEquals(VALID, Digests.checkDigest("digest", "Digest", VALID));
        assertEquals("0123456789abcdef".repeat(4), Digests.hex(VALID));
    }

    @ParameterizedTest(name = "digestIsSha256AndSixtyFourLowerCaseHexDigits: rejects ''{0}''")
    @ValueSource(
            strings = {
                "sha256:abc",
                "sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
                "sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
                "registry/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            })
    void digestIsSha256AndSixtyFourLowerCaseHexDigits(String value) {
        assertFalse(Digests.isDigest(value));
        assertRejected(
                () -> Digests.checkDigest("digest", "Digest", value),
                "digest",
                "Digest " + Names.quote(value) + " is not an image digest: " + Digests.RULE);
    }

    @Test
    void digestIsRequired() {
        assertRejected(() -> Digests.checkDigest("digest", "Digest", " "), "digest", "Digest is required");
    }

    @Test
    void digestOfBytesIsTheirSha256() {
        assertEquals(
                "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                Digests.of("hello".getBytes(StandardCharsets.UTF_8)));
    }
}
