package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.Severity;
import java.util.Objects;

/**
 * One vulnerability a scan report lists.
 *
 * @param id the vulnerability's id, such as {@code CVE-2024-1234} (Trivy's {@code VulnerabilityID}, SARIF's
 *     {@code ruleId})
 * @param severity how severe the report says it is
 * @param packageName the affected package, or {@code null} when the report does not say
 */
public record ScanFinding(String id, Severity severity, String packageName) {

    public ScanFinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
    }
}
