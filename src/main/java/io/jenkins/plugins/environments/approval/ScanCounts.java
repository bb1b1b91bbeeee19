package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.OneLine;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A scan report's findings counted by severity as the scanner rated them (each finding id once, at its most
 * severe), and the secrets found in the image.
 */
public final class ScanCounts implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String report;
    private final int critical;
    private final int high;
    private final int medium;
    private final int low;
    private final int unknown;
    private final int secrets;

    public ScanCounts(String report, int critical, int high, int medium, int low, int unknown, int secrets) {
        this.report = OneLine.of(report, ApprovalBriefing.MAX_LINE);
        this.critical = critical;
        this.high = high;
        this.medium = medium;
        this.low = low;
        this.unknown = unknown;
        this.secrets = secrets;
    }

    /** @return which report, such as {@code trivy.json (Trivy JSON)} */
    public String getReport() {
        return report;
    }

    public int getCritical() {
        return critical;
    }

    public int getHigh() {
        return high;
    }

    public int getMedium() {
        return medium;
    }

    public int getLow() {
        return low;
    }

    public int getUnknown() {
        return unknown;
    }

    public int getSecrets() {
        return secrets;
    }

    /** @return such as {@code critical 0, high 2, medium 5, low 9, unknown 0, secrets 0} */
    public String describe() {
        return "critical " + critical + ", high " + high + ", medium " + medium + ", low " + low + ", unknown "
                + unknown + ", secrets " + secrets;
    }

    @Serial
    private Object readResolve() {
        return new ScanCounts(report, critical, high, medium, low, unknown, secrets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanCounts that
                && report.equals(that.report)
                && describe().equals(that.describe());
    }

    @Override
    public int hashCode() {
        return Objects.hash(report, describe());
    }

    @Override
    public String toString() {
        return report + ": " + describe();
    }
}
