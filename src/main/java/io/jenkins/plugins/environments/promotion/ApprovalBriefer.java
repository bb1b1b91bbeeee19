package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.approval.ApprovalBriefing;
import io.jenkins.plugins.environments.approval.Authorship;
import io.jenkins.plugins.environments.approval.BriefedGate;
import io.jenkins.plugins.environments.approval.BriefedGate.Verdict;
import io.jenkins.plugins.environments.approval.BuildChanges;
import io.jenkins.plugins.environments.approval.ScanCounts;
import io.jenkins.plugins.environments.gitops.GitOpsPreview;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.gitops.GitOpsRequest;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerQueries;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.OneLine;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.Severity;
import io.jenkins.plugins.environments.registry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an {@link ApprovalBriefing} when an approval request opens: the digest the environment runs now (ledger), the
 * gates a promotion could evaluate already ({@link Promoter#check}, read-only), the scan report's counts, the commits
 * between the deploying build and this one ({@link BuildChanges}) and, for a GitOps target, the values file diff
 * ({@link GitOpsPromotion#preview}). Writes nothing anywhere. Each part is read on its own: a part that fails says
 * {@code could not be read: <reason>} (one line, redacted, without the configuration's credential ids or cluster
 * URLs) and the others are kept.
 */
public final class ApprovalBriefer {

    /** How long the reading may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The words every failed part starts with. */
    public static final String COULD_NOT_READ = "could not be read: ";

    private final EnvironmentsConfiguration configuration;
    private final PromotionPorts ports;
    private final Ledger ledger;
    private final Clock clock;
    private final GitOpsPromotion gitOps;

    public ApprovalBriefer(
            EnvironmentsConfiguration configuration,
            PromotionPorts ports,
            Ledger ledger,
            Clock clock,
            GitOpsPromotion gitOps) {
        this.configuration = configuration;
        this.ports = ports;
        this.ledger = ledger;
        this.clock = clock;
        this.gitOps = gitOps;
    }

    /**
     * What the request asks for and what the build has for the gates.
     *
     * @param app the app
     * @param environment the environment the approval is for
     * @param digest the digest
     * @param job the asking job's full name (the gates' admission is the promotion's)
     * @param buildUrl the asking build's URL, for the GitOps commit message the diff would go with
     * @param scan the scan report the build gave {@code promoteDigest} for this digest, or {@code null}
     */
    public record Ask(String app, String environment, String digest, String job, String buildUrl, ScanInput scan) {}

    /**
     * A scan report and its waivers, as {@code promoteDigest} read them from the workspace.
     *
     * @param reportName the report's path, for messages
     * @param report the report's text
     * @param waiversName the waiver file's path, or {@code null}
     * @param waivers the waiver file's text, or {@code null}
     */
    public record ScanInput(String reportName, String report, String waiversName, String waivers) {}

    /**
     * @param run the asking build, whose change logs (and its earlier builds') hold the commits
     * @param timeout bounds each registry and Git call
     */
    public ApprovalBriefing brief(Ask ask, Authorship.RunView run, Duration timeout) {
        ApprovalBriefing.Builder briefing = ApprovalBriefing.builder(ask.digest(), clock.instant());
        String deployingBuild = null;
        try {
            Optional<LedgerQueries.EnvironmentState> current = LedgerQueries.latestStates(ledger.events()).stream()
                    .filter(s -> s.app().equals(ask.app()) && s.environment().equals(ask.environment()))
                    .findFirst();
            briefing.replaces(
                    current.map(LedgerQueries.EnvironmentState::digest).orElse(null));
            deployingBuild = current.map(LedgerQueries.EnvironmentState::build).orElse(null);
        } catch (Exception e) {
            briefing.replacesProblem(problem(e));
        }
        try {
            gates(ask, timeout, briefing);
        } catch (Exception e) {
            briefing.gatesProblem(problem(e));
        }
        try {
            BuildChanges changes = BuildChanges.between(run, deployingBuild);
            changes.changes().forEach(briefing::change);
            briefing.changesNote(changes.note());
        } catch (Exception e) {
            briefing.changesProblem(problem(e));
        }
        diff(ask, timeout, briefing);
        return briefing.build();
    }

    private void gates(Ask ask, Duration timeout, ApprovalBriefing.Builder briefing) {
        Environment environment = configuration
                .environment(ask.environment())
                .orElseThrow(() -> new PromotionException("environment '" + ask.environment() + "' is not configured"));
        Gates gates = environment.gates();
        ScanInput scan = ask.scan();
        PromotionRequest.Builder request = PromotionRequest.builder(ask.app(), null, ask.environment())
                .digest(ask.digest())
                .job(ask.job())
                .buildUrl(ask.buildUrl());
        if (scan != null) {
            request.scanReportName(scan.reportName())
                    .scanReport(scan.report())
                    .waiversName(scan.waiversName())
                    .waivers(scan.waivers());
        }
        GateReport report = new Promoter(configuration, ports, ledger, clock, gitOps, RetryPolicy.standard())
                .check(request.build(), timeout);
        Map<String, BriefedGate> lines = new LinkedHashMap<>();
        for (GateResult result : report.results()) {
            if (result.gate().equals(ScanGate.GATE) && scan == null) {
                continue; // the promotion's step gives the report: not run yet, rather than failed
            }
            lines.put(
                    result.gate(),
                    new BriefedGate(
                            result.gate(), result.passed() ? Verdict.PASS : Verdict.FAIL, mask(result.reason())));
        }
        if (!lines.containsKey(SignatureVerifier.GATE)) {
            lines.put(
                    SignatureVerifier.GATE,
                    new BriefedGate(
                            SignatureVerifier.GATE, Verdict.NOT_RUN, environment.name() + " requires no signature"));
        }
        if (!lines.containsKey(ScanGate.GATE)) {
            lines.put(
                    ScanGate.GATE,
                    new BriefedGate(
                            ScanGate.GATE,
                            Verdict.NOT_RUN,
                            gates.maxScanSeverity() == null
                                    ? environment.name() + " requires no scan"
                                    : "this build gave promoteDigest no scan report for " + ask.digest()
                                            + " yet; the promotion into " + environment.name()
                                            + " needs one with no finding above " + gates.maxScanSeverity()));
        }
        // In the order a promotion evaluates them, whether evaluated here or not.
        for (String gate : List.of(
                PromotionHistory.GATE,
                DigestExistsGate.GATE,
                InSourceGate.GATE,
                SignatureVerifier.GATE,
                ScanGate.GATE)) {
            BriefedGate line = lines.remove(gate);
            if (line != null) {
                briefing.gate(line);
            }
        }
        lines.values().forEach(briefing::gate);
        if (scan != null) {
            briefing.scan(counts(scan));
        }
    }

    /** @return the report's findings counted by severity, or {@code null} when it cannot be read (its gate says why) */
    static ScanCounts counts(ScanInput scan) {
        VulnerabilityReport report;
        try {
            report = VulnerabilityReport.parse(scan.report());
        } catch (IllegalArgumentException e) {
            return null;
        }
        Map<String, Severity> worst = new LinkedHashMap<>();
        int secrets = 0;
        for (ScanFinding finding : report.findings()) {
            if (finding.secret()) {
                secrets++;
                continue;
            }
            worst.merge(finding.id(), finding.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        worst.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return new ScanCounts(
                (scan.reportName() == null ? "the scan report" : scan.reportName()) + " (" + report.format() + ")",
                counts.getOrDefault(Severity.CRITICAL, 0),
                counts.getOrDefault(Severity.HIGH, 0),
                counts.getOrDefault(Severity.MEDIUM, 0),
                counts.getOrDefault(Severity.LOW, 0),
                counts.getOrDefault(Severity.UNKNOWN, 0),
                secrets);
    }

    private void diff(Ask ask, Duration timeout, ApprovalBriefing.Builder briefing) {
        Optional<Environment> environment = configuration.environment(ask.environment());
        Optional<App> app = configuration.app(ask.app());
        if (environment.isEmpty() || app.isEmpty()) {
            return;
        }
        GitOpsTarget target = app.get()
                .target(environment.get().name())
                .map(t -> t.gitOpsIn(environment.get()))
                .orElse(null);
        if (target == null) {
            return;
        }
        try {
            String repository = ImageReference.parse("image", app.get().image() + "@" + ask.digest())
                    .name();
            GitOpsRequest request = new GitOpsRequest(
                    app.get().name(),
                    ask.digest(),
                    environment.get().promotesFrom(),
                    environment.get().name(),
                    ask.buildUrl(),
                    List.of(),
                    null,
                    Promoter.COMMITTER,
                    Promoter.COMMITTER,
                    repository);
            GitOpsPreview preview =
                    gitOps.preview(target, ports.gitOps(environment.get()), request, Deadline.after(timeout));
            briefing.diff(preview.describe(), preview.diff());
        } catch (Exception e) {
            briefing.diff(target.valuesFile() + " on branch " + target.branch(), null);
            briefing.diffProblem(problem(e));
        }
    }

    /** @return {@code could not be read: <reason>}, one line, redacted, masked */
    private String problem(Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return COULD_NOT_READ + OneLine.of(mask(Redaction.redactLine(reason)), 400);
    }

    /**
     * @return the text without the configuration's credential ids and cluster URLs, which the page must not show
     *     (a gate's reason names its key by its credentials id, a client error may name the server)
     */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (Cluster cluster : configuration.clusters()) {
            masked = replace(masked, cluster.serverUrl(), "cluster '" + cluster.id() + "'");
            masked = replace(masked, cluster.credentialsId(), "(credentials)");
        }
        for (Registry registry : configuration.registries()) {
            masked = replace(masked, registry.credentialsId(), "(credentials)");
        }
        List<String> ids = new ArrayList<>();
        for (Environment environment : configuration.environments()) {
            ids.add(environment.gates().signatureKeyCredentialsId());
            if (environment.gitOps() != null) {
                ids.add(environment.gitOps().credentialsId());
            }
        }
        for (String id : ids) {
            masked = replace(masked, id, "(credentials)");
        }
        return masked;
    }

    private static String replace(String text, String secret, String with) {
        return Names.isBlank(secret) ? text : text.replace(secret, with);
    }
}
