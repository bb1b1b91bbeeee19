package io.jenkins.plugins.environments.model;

import java.util.Objects;

/**
 * How the scan gate counts what a report cannot rate on its own, and how strictly a report must name the image.
 *
 * @param unknownAs the severity a finding of {@link Severity#UNKNOWN} severity counts as (a scanner that cannot rate
 *     a vulnerability has not shown it harmless): {@code HIGH} unless the administrator says otherwise
 * @param secretsAs the severity a secret the scanner found in the image (Trivy's {@code Secrets}) counts as, whatever
 *     severity the scanner gave it: {@code CRITICAL} unless the administrator says otherwise
 * @param reportMayOmitDigest whether a report that names no image digest at all is accepted (some SARIF producers
 *     have no place for it); a report that names another digest, or an image by tag only, never is
 */
public record ScanPolicy(Severity unknownAs, Severity secretsAs, boolean reportMayOmitDigest) {

    /** Fail closed: unknown counts as high, a secret as critical, and the report must name the digest. */
    public static final ScanPolicy DEFAULT = new ScanPolicy(Severity.HIGH, Severity.CRITICAL, false);

    public ScanPolicy {
        Objects.requireNonNull(unknownAs, "unknownAs");
        Objects.requireNonNull(secretsAs, "secretsAs");
        if (unknownAs == Severity.UNKNOWN || secretsAs == Severity.UNKNOWN) {
            throw new InvalidConfigurationException(
                    unknownAs == Severity.UNKNOWN ? "unknownSeverityAs" : "secretFindingsAs",
                    "Count as 'unknown' says nothing: choose low, medium, high or critical");
        }
    }

    /** @return the severity a finding counts as under this policy */
    public Severity counted(Severity reported, boolean secret) {
        if (secret) {
            return secretsAs;
        }
        return reported == Severity.UNKNOWN ? unknownAs : reported;
    }
}
