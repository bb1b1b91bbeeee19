package io.jenkins.plugins.environments.model;

import java.util.regex.Pattern;

/**
 * The rule for image digests as this plugin moves them between environments: {@code sha256:} followed by 64
 * lower-case hex digits, the form registries answer in {@code Docker-Content-Digest}. Upper-case hex, other
 * algorithms and short forms are refused, so that one image always has one spelling.
 */
public final class Digests {

    /** How the rule is explained in messages. */
    public static final String DIGEST_RULE = "use 'sha256:' followed by 64 lower-case hex digits";

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {}

    /** @return whether the value is {@code sha256:} followed by 64 lower-case hex digits */
    public static boolean isDigest(String value) {
        return value != null && DIGEST.matcher(value).matches();
    }

    /** @return the value, which must be a digest as {@link #isDigest} defines it */
    public static String requireDigest(String field, String what, String value) {
        Names.require(field, what, value);
        if (!isDigest(value)) {
            throw Names.invalid(field, what, value, "is not an image digest: " + DIGEST_RULE);
        }
        return value;
    }

    /** @return the digest, checked; problems are reported for field {@code digest} */
    public static String checkDigest(String digest) {
        return requireDigest("digest", "Digest", digest);
    }
}
