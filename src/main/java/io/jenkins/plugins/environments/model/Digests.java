package io.jenkins.plugins.environments.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content digests of OCI images, as promotions name them: {@code sha256:} followed by 64 lower-case hex digits.
 * Only SHA-256 is accepted: it is what registries compute and what a pipeline gets back from a push.
 */
public final class Digests {

    /** How the digest rule is explained in messages. */
    public static final String RULE = "use 'sha256:' followed by 64 lower-case hex digits";

    private static final String PREFIX = "sha256:";

    private Digests() {}

    /** @return whether the value is {@code sha256:} followed by 64 lower-case hex digits */
    public static boolean isDigest(String value) {
        // checked by hand rather than with a pattern: reading the ledger checks a digest on most lines
        if (value == null || value.length() != PREFIX.length() + 64 || !value.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** @return the digest, which is required and must follow {@link #RULE} */
    public static String checkDigest(String field, String what, String value) {
        Names.require(field, what, value);
        if (!isDigest(value)) {
            throw Names.invalid(field, what, value, "is not an image digest: " + RULE);
        }
        return value;
    }

    /** @return the digest, checked; problems are reported for field {@code digest} */
    public static String checkDigest(String digest) {
        return checkDigest("digest", "Digest", digest);
    }

    /** @return the 64 hex digits of a valid digest, without {@code sha256:} */
    public static String hex(String digest) {
        return checkDigest("digest", "Digest", digest).substring(PREFIX.length());
    }

    /** @return the digest of these bytes, as {@code sha256:…} */
    public static String of(byte[] bytes) {
        try {
            return PREFIX
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
