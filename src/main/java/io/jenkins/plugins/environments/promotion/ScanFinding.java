package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.OneLine;
import io.jenkins.plugins.environments.model.Severity;
import java.util.Objects;

/**
 * One vulnerability, or one secret, a scan report lists.
 *
 * @param id the finding's id, such as {@code CVE-2024-1234} (Trivy's {@code VulnerabilityID}, SARIF's
 *     {@code ruleId}) or {@code secret:aws-access-key-id} for a secret (Trivy's {@code RuleID}); one line of at most
 *     {@value #MAX_ID_LENGTH} characters
 * @param severity how severe the report says it is
 * @param packageName the affected package, or {@code null} when the report does not say
 * @param secret whether the scanner found a secret in the image rather than a vulnerable package
 */
public record ScanFinding(String id, Severity severity, String packageName, boolean secret) {

    /** The longest finding id read; ids are short (CVE-2024-12345, GHSA-xxxx-xxxx-xxxx). */
    public static final int MAX_ID_LENGTH = 200;

    /** What a secret finding's id starts with. */
    public static final String SECRET_PREFIX = "secret:";

    public ScanFinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("a finding id is " + id.length() + " characters long; at most "
                    + MAX_ID_LENGTH + " are read (" + OneLine.of(id, 40) + ")");
        }
        if (OneLine.hasUnsafe(id)) {
            throw new IllegalArgumentException("the finding id " + OneLine.of(id, 40)
                    + " contains a control, line-separator, bidirectional or zero-width character");
        }
    }

    /** A vulnerability finding. */
    public ScanFinding(String id, Severity severity, String packageName) {
        this(id, severity, packageName, false);
    }
}
