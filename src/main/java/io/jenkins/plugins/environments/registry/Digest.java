package io.jenkins.plugins.environments.registry;

import static io.jenkins.plugins.environments.model.Names.quote;

import io.jenkins.plugins.environments.model.Digests;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest as the OCI image and distribution specs write it, restricted to what this plugin moves:
 * {@code sha256:} followed by 64 lower-case hex digits.
 *
 * @param value the digest as written, such as {@code sha256:e3b0c442…}
 */
public record Digest(String value) {

    private static final Pattern ANY_ALGORITHM = Pattern.compile("([a-z0-9]+(?:[+._-][a-z0-9]+)*):.*");

    public Digest {
        Objects.requireNonNull(value, "value");
        if (!Digests.isDigest(value)) {
            throw new IllegalArgumentException(problem(value));
        }
    }

    /**
     * @return the digest
     * @throws IllegalArgumentException with a message quoting the value and saying what is expected
     */
    public static Digest parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A digest is required: 'sha256:' followed by 64 lower-case hex digits");
        }
        return new Digest(value);
    }

    /** @return the sha256 digest of the bytes */
    public static Digest of(byte[] bytes) {
        MessageDigest sha256 = newSha256();
        return fromHash(sha256.digest(bytes));
    }

    /** @return the digest whose hash is the 32 bytes given, as {@link MessageDigest#digest()} returns them */
    public static Digest fromHash(byte[] hash) {
        return new Digest("sha256:" + HexFormat.of().formatHex(hash));
    }

    /** @return a new SHA-256 {@link MessageDigest}, to hash a stream with */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** @return the 64 hex digits after {@code sha256:} */
    public String hex() {
        return value.substring("sha256:".length());
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problem(String value) {
        var algorithm = ANY_ALGORITHM.matcher(value);
        if (algorithm.matches() && !algorithm.group(1).equals("sha256")) {
            return "Digest " + quote(value) + " uses the algorithm " + quote(algorithm.group(1))
                    + "; only sha256 digests are moved";
        }
        return "Digest " + quote(value) + " is not 'sha256:' followed by 64 lower-case hex digits";
    }
}
