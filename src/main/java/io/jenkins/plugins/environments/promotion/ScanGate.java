package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.ScanPolicy;
import io.jenkins.plugins.environments.model.Severity;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The scan gate: the digest's vulnerability report must show no finding more severe than the environment's
 * {@code maxScanSeverity}, the highest severity it allows (a finding exactly at it passes). A finding above it is
 * let through only by a waiver for its id that has not expired. What a finding counts as follows the environment's
 * {@link ScanPolicy}: a finding of {@link Severity#UNKNOWN} severity counts as {@link ScanPolicy#unknownAs()} (high by
 * default) and a secret found in the image as {@link ScanPolicy#secretsAs()} (critical by default), whatever the
 * scanner said.
 *
 * <p>The report must be for the digest being promoted: one of the image digests it names (see
 * {@link VulnerabilityReport}) must be this one. A report that names no digest at all (an image by tag only, or a
 * SARIF report without Trivy's properties) fails unless the policy says {@link ScanPolicy#reportMayOmitDigest()};
 * the PASS line then says so.
 */
public final class ScanGate implements Gate {

    public static final String GATE = "scan";
    private static final int LISTED = 5;

    private final Severity maxSeverity;
    private final String digest;
    private final String reportName;
    private final String reportText;
    private final String waiversName;
    private final String waiversText;
    private final Clock clock;
    private final ScanPolicy policy;

    /**
     * @param maxSeverity the highest severity allowed, the environment's {@code maxScanSeverity}
     * @param digest the digest being promoted
     * @param reportName the report's name in messages, such as its workspace path
     * @param reportText the report (Trivy JSON or SARIF), or {@code null} when the pipeline gave none
     * @param waiversName the waiver file's name in messages, or {@code null} when there is none
     * @param waiversText the waiver file (see {@link ScanWaiver}), or {@code null} for no waivers
     * @param clock tells today's date (UTC), to expire waivers
     * @param policy how unknown severities and secrets count, and whether the report may omit the digest
     */
    public ScanGate(
            Severity maxSeverity,
            String digest,
            String reportName,
            String reportText,
            String waiversName,
            String waiversText,
            Clock clock,
            ScanPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.maxSeverity = Objects.requireNonNull(maxSeverity, "maxSeverity");
        this.digest = Digests.checkDigest("digest", "Digest", digest);
        this.reportName = reportName == null ? "the scan report" : reportName;
        this.reportText = reportText;
        this.waiversName = waiversName == null ? "the waiver file" : waiversName;
        this.waiversText = waiversText;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return GATE;
    }

    @Override
    public GateResult evaluate() {
        if (reportText == null) {
            return GateResult.fail(
                    GATE, "no scan report given; this environment needs one with no finding above " + maxSeverity);
        }
        VulnerabilityReport report;
        List<ScanWaiver> waivers;
        try {
            report = VulnerabilityReport.parse(reportText);
        } catch (IllegalArgumentException e) {
            return GateResult.fail(GATE, reportName + " cannot be read: " + e.getMessage());
        }
        try {
            waivers = ScanWaiver.parseAll(waiversText);
        } catch (IllegalArgumentException e) {
            return GateResult.fail(GATE, waiversName + " cannot be read: " + e.getMessage());
        }
        String forThisDigest = checkSubject(report);
        if (forThisDigest == null) {
            return GateResult.fail(GATE, mismatch(report));
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, ScanWaiver> waiverById =
                waivers.stream().collect(Collectors.toMap(ScanWaiver::id, Function.identity()));
        List<ScanFinding> blocking = new ArrayList<>();
        List<String> waived = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (ScanFinding finding : worstPerId(report.findings())) {
            if (counted(finding).compareTo(maxSeverity) <= 0) {
                continue;
            }
            ScanWaiver waiver = waiverById.get(finding.id());
            if (waiver != null && waiver.activeOn(today)) {
                waived.add(finding.id() + " until " + waiver.expires());
            } else {
                blocking.add(finding);
                if (waiver != null) {
                    expired.add("waiver for " + finding.id() + " expired on " + waiver.expires());
                }
            }
        }
        if (!blocking.isEmpty()) {
            return GateResult.fail(
                    GATE, describe(blocking) + (expired.isEmpty() ? "" : "; " + String.join("; ", expired)));
        }
        List<String> notes = new ArrayList<>();
        notes.add(count(report.findings().size(), "finding"));
        long unknown = report.findings().stream()
                .filter(f -> f.severity() == Severity.UNKNOWN)
                .count();
        if (unknown > 0) {
            notes.add(unknown + " of unknown severity, counted as " + policy.unknownAs());
        }
        long secrets = report.findings().stream().filter(ScanFinding::secret).count();
        if (secrets > 0) {
            notes.add(count(secrets, "secret") + ", counted as " + policy.secretsAs());
        }
        if (!waived.isEmpty()) {
            notes.add("waived: " + String.join(", ", waived));
        }
        notes.add(forThisDigest);
        return GateResult.pass(
                GATE,
                "no finding above " + maxSeverity + " in " + reportName + " (" + report.format() + ", "
                        + String.join("; ", notes) + ")");
    }

    /** @return how the report is tied to the digest, or {@code null} when it is for another image */
    private String checkSubject(VulnerabilityReport report) {
        if (report.imageDigests().contains(digest)) {
            return "scanned " + digest;
        }
        if (report.imageDigests().isEmpty() && policy.reportMayOmitDigest()) {
            return "the report names no image digest, so it is not matched to " + digest
                    + " (this environment accepts that)";
        }
        return null;
    }

    private String mismatch(VulnerabilityReport report) {
        if (report.imageDigests().isEmpty()) {
            return reportName + " is for "
                    + (report.subject() == null ? "an unnamed image" : "'" + report.subject() + "'")
                    + " and names no image digest; scan the image by digest (repository@" + digest
                    + ") so that the report records it";
        }
        return reportName + " is for "
                + String.join(", ", report.imageDigests().stream().sorted().toList()) + ", not " + digest;
    }

    /** @return the severity the finding counts as under the environment's policy */
    private Severity counted(ScanFinding finding) {
        return policy.counted(finding.severity(), finding.secret());
    }

    /** One finding per id, the most severe as counted (a vulnerability may be listed once per package). */
    private List<ScanFinding> worstPerId(List<ScanFinding> findings) {
        Map<String, ScanFinding> worst = new LinkedHashMap<>();
        for (ScanFinding finding : findings) {
            worst.merge(finding.id(), finding, (a, b) -> counted(b).compareTo(counted(a)) > 0 ? b : a);
        }
        return worst.values().stream()
                .sorted(Comparator.comparing(this::counted).reversed().thenComparing(ScanFinding::id))
                .toList();
    }

    private String describe(List<ScanFinding> blocking) {
        String listed = blocking.stream().limit(LISTED).map(this::describe).collect(Collectors.joining(", "));
        String more = blocking.size() > LISTED ? " and " + (blocking.size() - LISTED) + " more" : "";
        return listed + more + " (max allowed: " + maxSeverity + ")";
    }

    private String describe(ScanFinding finding) {
        if (finding.secret()) {
            return finding.id() + " (a secret in the image) counts as " + counted(finding);
        }
        if (finding.severity() != counted(finding)) {
            return finding.id() + " is " + finding.severity() + ", counted as " + counted(finding);
        }
        return finding.id() + " is " + finding.severity();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
