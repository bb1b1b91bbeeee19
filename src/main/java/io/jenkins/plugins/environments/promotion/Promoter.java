package io.jenkins.plugins.environments.promotion;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.approval.Vetoes;
import io.jenkins.plugins.environments.gitops.GitIdentity;
import io.jenkins.plugins.environments.gitops.GitOpsException;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.gitops.GitOpsRequest;
import io.jenkins.plugins.environments.gitops.GitOpsResult;
import io.jenkins.plugins.environments.kubernetes.ApplyReport;
import io.jenkins.plugins.environments.kubernetes.ClusterWaitTimeoutException;
import io.jenkins.plugins.environments.kubernetes.CustomResourceDefinitions;
import io.jenkins.plugins.environments.kubernetes.DigestRollout;
import io.jenkins.plugins.environments.kubernetes.EnvironmentNamespaces;
import io.jenkins.plugins.environments.kubernetes.KubernetesMessages;
import io.jenkins.plugins.environments.kubernetes.ReleaseHooks;
import io.jenkins.plugins.environments.kubernetes.ReleasePhases;
import io.jenkins.plugins.environments.kubernetes.UnservedKindException;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.ChartValues;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageFieldPath;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.OneLine;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.registry.CopyReport;
import io.jenkins.plugins.environments.registry.ImageCopier;
import io.jenkins.plugins.environments.registry.RegistryAccessException;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.registry.RetryPolicy;
import io.jenkins.plugins.environments.render.ImagePinning;
import io.jenkins.plugins.environments.render.RenderException;
import io.jenkins.plugins.environments.render.RenderRequest;
import io.jenkins.plugins.environments.render.RenderedManifests;
import io.jenkins.plugins.environments.render.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Promotes one digest into an environment. In this order, stopping at the first failure:
 *
 * <ol>
 *   <li><b>who</b>: the app must be declared, the job must own it and be allowed into the target environment; a
 *       refused job learns nothing more and nothing is contacted, started or read for it;
 *   <li><b>check</b> the request against the app's configuration: the source is the target's {@code promotesFrom},
 *       image, target repository and tag are the app's (a step argument that says otherwise is refused), the digest
 *       (a tag is refused), and for a rollback the digest to go back to ({@link PromotionHistory#rollbackTarget()});
 *   <li><b>gates</b>, every one evaluated and logged as PASS or FAIL: allowed jobs, change ticket, hold, the digest
 *       in the source registry (every child of an index), live in source, signature, scan, approvals. Any FAIL ends
 *       the promotion with nothing written. A rollback skips live-in-source and scan (the digest ran here before).
 *   <li><b>move</b> the digest: the target's credentials are asked for only now; {@code registry} copies (the tag
 *       last), {@code gitops} commits the digest into the values file, {@code deploy} applies the app (rendered and
 *       pinned before the gates) into the environment's namespace;
 *   <li><b>record</b> a {@code promoted} (or {@code rolled-back}) event with the gates, approvers, ticket, tag and
 *       build.
 * </ol>
 *
 * <p>Once the checks pass, before the first gate, a {@code promotion-started} event says what is under way and until
 * when ({@value #DEADLINE}); a started promotion that fails after it (a gate, the registry, Git, the cluster) records
 * {@code promotion-failed} with the one-line, redacted message. A request refused by the checks writes nothing. A
 * rerun for the digest the environment already runs writes neither: only a {@code promoted} event when it changed
 * the target.
 */
public final class Promoter {

    /** Who GitOps commits are by. */
    public static final GitIdentity COMMITTER =
            new GitIdentity("Environment Management", "environment-management@jenkins.invalid");

    /** Where apps are declared, for messages. */
    static final String APPS = "Manage Jenkins » System » Environment Management » Apps";

    /**
     * How long a promotion may take unless its {@code timeout} says otherwise: every registry, Git and cluster call,
     * the render and the wait of the {@code deploy} strategy end by then.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Detail key of {@code promotion-started}: the ISO-8601 instant after which a started promotion with no outcome
     * counts as abandoned, the start plus its timeout.
     */
    public static final String DEADLINE = "deadline";

    private final EnvironmentsConfiguration configuration;
    private final PromotionPorts ports;
    private final Ledger ledger;
    private final Clock clock;
    private final GitOpsPromotion gitOps;
    private final RetryPolicy retry;

    public Promoter(
            EnvironmentsConfiguration configuration,
            PromotionPorts ports,
            Ledger ledger,
            Clock clock,
            GitOpsPromotion gitOps,
            RetryPolicy retry) {
        this.configuration = configuration;
        this.ports = ports;
        this.ledger = ledger;
        this.clock = clock;
        this.gitOps = gitOps;
        this.retry = retry;
    }

    /**
     * @param log receives the gate lines and progress for the build log
     * @throws PromotionException for a refused request, failed gates or a failed move; nothing was promoted then
     */
    public PromotionResult promote(PromotionRequest request, Consumer<String> log) {
        try {
            return promoteChecked(request, log);
        } catch (IllegalArgumentException e) {
            throw new PromotionException(e.getMessage(), e);
        }
    }

    /**
     * The first check of a promotion, on its own so that the Jenkins glue can make it before it reads anything of
     * the build (workspace files, approvals): the app is declared, the job owns it, and the target environment allows
     * the job. Reads only the configuration.
     *
     * @throws PromotionException naming the app, the job or the environment, and nothing else
     */
    public void admit(String app, String to, String job, Consumer<String> log) {
        try {
            admitted(app, to, job, log);
        } catch (IllegalArgumentException e) {
            throw new PromotionException(e.getMessage(), e);
        }
    }

    /**
     * Evaluates, without promoting, the gates of a promotion of {@code request.digest()} into {@code request.to()}
     * that can be evaluated before one: hold, digest-exists, live-in-source, and signature and scan when the target
     * environment requires them (scan only when the request carries a report). For the reviewer's briefing of an
     * approval. The same admission and checks as {@link #promote} come first. Reads only, and only the source side:
     * the ledger, the source registry, the source environment's cluster and the signature key; the target registry
     * and the GitOps repository are not contacted, nothing is copied, committed, applied or appended to the ledger.
     *
     * @param timeout bounds every registry call (the cluster's client has its own timeouts)
     * @throws PromotionException when the request is refused before any gate, as {@link #promote} would refuse it
     */
    public GateReport check(PromotionRequest request, Duration timeout) {
        try {
            Admitted admitted = admitted(request.app(), request.to(), request.job(), line -> {});
            App app = admitted.app();
            Environment to = admitted.to();
            Environment from = source(request.from(), to);
            List<LedgerEvent> events = events();
            PromotionHistory history = PromotionHistory.of(events, app.name(), to.name());
            String digest = digestOf(request, history, app, to);
            ImageReference source = ImageReference.parse("image", app.image() + "@" + digest);
            Registry sourceRegistry = registryFor("image", source);
            try (RegistrySession sourceSession = ports.registry(sourceRegistry).within(Deadline.after(timeout))) {
                return GateReport.evaluate(readOnlyGates(
                        request, app, to, from, to.gates(), source, digest, history, sourceSession, events));
            }
        } catch (IllegalArgumentException e) {
            throw new PromotionException(e.getMessage(), e);
        }
    }

    /** Who asks comes first; a refused caller learns nothing about the configuration beyond its refusal. */
    private Admitted admitted(String appName, String toName, String jobName, Consumer<String> log) {
        App app = app(appName);
        String job = Names.require("job", "Job", jobName);
        if (!app.ownedBy(job)) {
            throw new PromotionException("job '" + job + "' does not own app '" + app.name() + "', nothing was"
                    + " promoted: an administrator lists the jobs that own an app under " + APPS);
        }
        Environment to = environment("to", toName);
        GateResult allowed = new AllowedJobsGate(to, job).evaluate();
        if (!allowed.passed()) {
            log.accept(allowed.line());
            throw new PromotionException("allowed-jobs failed, nothing was promoted: " + allowed.reason());
        }
        return new Admitted(app, to);
    }

    private PromotionResult promoteChecked(PromotionRequest request, Consumer<String> log) {
        // Who asks comes first: an unknown app, a job that does not own it or may not promote into the environment
        // learns nothing about the configuration and makes no connection, no process and no ledger read.
        Admitted admitted = admitted(request.app(), request.to(), request.job(), log);
        App app = admitted.app();
        Environment to = admitted.to();
        AppTarget target = app.target(to.name())
                .orElseThrow(() -> new PromotionException("app '" + app.name() + "' has no target in '" + to.name()
                        + "', nothing was promoted: an administrator adds one under " + APPS));
        Environment from = source(request.from(), to);
        PromotionStrategy strategy = PromotionStrategy.parse(request.strategy());
        String repository = app.image();
        String targetRepository = target.repositoryOr(repository);
        String tag = target.tagOrEnvironment();
        // Credentials in a reference are refused before the reference is compared or echoed anywhere.
        if (!Names.isBlank(request.image())) {
            ImageReference.rejectUserInfo("image", "Image", request.image());
        }
        if (!Names.isBlank(request.targetImage())) {
            ImageReference.rejectUserInfo("targetImage", "Target image", request.targetImage());
        }
        fixed("image", request.image(), repository, app, "its image");
        fixed(
                "targetImage",
                request.targetImage(),
                targetRepository,
                app,
                "its target repository in '" + to.name() + "'");
        fixed("targetTag", request.targetTag(), tag, app, "its target tag in '" + to.name() + "'");
        List<LedgerEvent> events = events();
        PromotionHistory history = PromotionHistory.of(events, app.name(), to.name());
        String digest = digestOf(request, history, app, to);
        ImageReference source = ImageReference.parse("image", repository + "@" + digest);
        Registry sourceRegistry = registryFor("image", source);
        ImageReference targetImage = null;
        Registry targetRegistry = null;
        GitOpsTarget gitOpsTarget = null;
        if (strategy == PromotionStrategy.REGISTRY) {
            targetImage = ImageReference.parse("targetTag", targetRepository + ":" + tag);
            targetRegistry = registryFor("targetImage", targetImage);
        } else if (strategy == PromotionStrategy.GITOPS) {
            gitOpsTarget = target.gitOpsIn(to);
            if (gitOpsTarget == null) {
                throw new PromotionException("environment '" + to.name() + "' has no GitOps target: configure one,"
                        + " or use strategy 'registry'");
            }
        }
        Duration timeout = timeout(request);
        Deadline deadline = Deadline.after(timeout);
        Rendered rendered = strategy == PromotionStrategy.DEPLOY
                ? render(request, app.name(), to, target.namespaceIn(to, app.name()), source, digest, timeout, log)
                : null;
        Duration awaitRollout = null;
        if (!Names.isBlank(request.awaitRollout())) {
            if (strategy != PromotionStrategy.GITOPS) {
                throw new PromotionException(
                        "awaitRollout is for strategy 'gitops', where a controller rolls the commit" + " out; with '"
                                + strategy.id() + "' the step itself knows when the digest is in place");
            }
            awaitRollout = Durations.parse("awaitRollout", "Rollout wait", request.awaitRollout());
        }
        Gates gates = to.gates();
        String name = app.name();
        List<ApprovalResult> approvals = approvalsOf(request, name);
        log.accept((request.rollback() ? "Rolling " : "Promoting ") + name + " " + digest + " "
                + (from == null ? "" : "from " + from.name() + " ") + "to " + to.name() + " by " + strategy.id());

        // A rerun for the digest the environment already runs records nothing unless it changes the target, as before.
        Attempt attempt = history.runs(digest) ? null : new Attempt(request, name, from, to, digest, strategy);
        if (attempt != null) {
            attempt.started(timeout);
        }
        try (RegistrySession sourceSession = ports.registry(sourceRegistry).within(deadline)) {
            GateReport report =
                    gates(request, app, to, from, gates, source, digest, history, sourceSession, events, approvals);
            if (attempt != null) {
                attempt.gates = report;
            }
            report.lines().forEach(log);
            if (!report.passed()) {
                throw new PromotionException(report.failures().size() + " of "
                        + report.results().size()
                        + " gates failed, nothing was promoted: "
                        + report.failures().stream().map(GateResult::gate).collect(Collectors.joining(", ")));
            }
            List<String> approvers = approvers(approvals, to, digest, gates);
            Moved moved =
                    switch (strategy) {
                        case REGISTRY ->
                            byRegistry(sourceSession, sourceRegistry, targetRegistry, source, targetImage, deadline);
                        case GITOPS ->
                            byGitOps(
                                    request,
                                    name,
                                    from,
                                    to,
                                    gitOpsTarget,
                                    source.name(),
                                    digest,
                                    approvers,
                                    deadline,
                                    log);
                        case DEPLOY -> byDeploy(name, to, digest, rendered, deadline);
                    };
            log.accept(moved.summary());
            if (moved.changed() || !history.runs(digest)) {
                record(request, name, from, to, digest, strategy, moved, report, approvers, history, target);
            }
            if (attempt != null) {
                attempt.ended = true;
            }
            if (awaitRollout != null) {
                awaitRollout(name, to, target.namespaceIn(to, name), source.name(), digest, awaitRollout, log);
            }
            return new PromotionResult(
                    name,
                    from == null ? null : from.name(),
                    to.name(),
                    digest,
                    strategy,
                    moved.target(),
                    moved.changed(),
                    moved.summary(),
                    report.lines(),
                    request.rollback());
        } catch (RuntimeException e) {
            if (attempt != null && !attempt.ended) {
                attempt.failed(e);
            }
            throw e;
        }
    }

    /**
     * One promotion between its checks and its outcome: records {@code promotion-started} before the first gate, and
     * {@code promotion-failed} when it ends without its {@code promoted} (or {@code rolled-back}) event.
     */
    private final class Attempt {
        private final PromotionRequest request;
        private final String app;
        private final Environment from;
        private final Environment to;
        private final String digest;
        private final PromotionStrategy strategy;
        private GateReport gates;
        private boolean ended;

        Attempt(
                PromotionRequest request,
                String app,
                Environment from,
                Environment to,
                String digest,
                PromotionStrategy strategy) {
            this.request = request;
            this.app = app;
            this.from = from;
            this.to = to;
            this.digest = digest;
            this.strategy = strategy;
        }

        /** @param timeout how long the promotion may take: a started one with no outcome by then is abandoned */
        void started(Duration timeout) {
            append(event(LedgerEventType.PROMOTION_STARTED)
                    .detail(DEADLINE, clock.instant().plus(timeout).toString()));
        }

        /**
         * Records the failure; when even that cannot be written, the failure stays the promotion's error and the
         * ledger's is added to it.
         */
        void failed(RuntimeException failure) {
            ended = true;
            LedgerEvent.Builder event = event(LedgerEventType.PROMOTION_FAILED).reason(reasonOf(failure));
            if (gates != null) {
                event.detail("gates", gatesOf(gates));
            }
            try {
                append(event);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        private LedgerEvent.Builder event(LedgerEventType type) {
            LedgerEvent.Builder event = LedgerEvent.builder(type, app, to.name())
                    .digest(digest)
                    .actor(request.actor())
                    .build(request.buildUrl())
                    .detail("strategy", strategy.id());
            if (from != null) {
                event.detail("from", from.name());
            }
            if (request.rollback()) {
                event.detail("rollback", "true");
            }
            return event;
        }
    }

    /** @return the failure's message as one line for the ledger, with secrets masked */
    static String reasonOf(RuntimeException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return OneLine.of(Redaction.redact(message), LedgerEvent.MAX_FIELD);
    }

    private static String gatesOf(GateReport report) {
        return report.results().stream()
                .map(r -> (r.passed() ? "PASS " : "FAIL ") + r.gate())
                .collect(Collectors.joining(", "));
    }

    private GateReport gates(
            PromotionRequest request,
            App app,
            Environment to,
            Environment from,
            Gates gates,
            ImageReference source,
            String digest,
            PromotionHistory history,
            RegistrySession sourceSession,
            List<LedgerEvent> events,
            List<ApprovalResult> approvals) {
        List<Gate> list = new ArrayList<>();
        list.add(new AllowedJobsGate(to, request.job()));
        list.add(new ChangeTicketGate(gates, request.changeTicket()));
        list.addAll(readOnlyGates(request, app, to, from, gates, source, digest, history, sourceSession, events));
        // A rejection is a veto for the app, digest and environment: no approval, earlier or later, outweighs it.
        Optional<Vetoes.Veto> veto = Vetoes.standing(events, app.name(), digest, to.name());
        list.add(
                veto.isPresent()
                        ? named(
                                ApprovalsGate.GATE,
                                () -> GateResult.fail(
                                        ApprovalsGate.GATE, veto.get().describe(app.name(), digest, to.name())))
                        : new ApprovalsGate(to.name(), digest, gates, approvals, ports.realmRules()));
        return GateReport.evaluate(list);
    }

    /**
     * The gates that only read (the ledger, the source registry, the source cluster, the signature key) and need
     * nothing a reviewer or the promoting step adds: hold, digest-exists, live-in-source, signature and scan, each
     * only when the environment requires it (scan also only with a report).
     */
    private List<Gate> readOnlyGates(
            PromotionRequest request,
            App app,
            Environment to,
            Environment from,
            Gates gates,
            ImageReference source,
            String digest,
            PromotionHistory history,
            RegistrySession sourceSession,
            List<LedgerEvent> events) {
        List<Gate> list = new ArrayList<>();
        list.add(named(
                PromotionHistory.GATE, () -> history.holdGate(to.name(), request.rollback(), request.releaseHold())));
        list.add(new DigestExistsGate(sourceSession, source.repository(), digest));
        if (!request.rollback()) {
            list.add(new InSourceGate(
                    from,
                    app.name(),
                    from == null ? null : app.namespaceIn(from),
                    source.name(),
                    digest,
                    gates.requireLiveInSource(),
                    () -> ports.cluster(configuration
                            .cluster(from.cluster())
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "cluster '" + from.cluster() + "' is not configured"))),
                    events));
        }
        if (gates.signatureKeyCredentialsId() != null) {
            String keyId = gates.signatureKeyCredentialsId();
            list.add(named(
                    SignatureVerifier.GATE,
                    () -> new SignatureGate(sourceSession, source.repository(), digest, keyId, ports.publicKey(keyId))
                            .evaluate()));
        }
        if (gates.maxScanSeverity() != null && !request.rollback()) {
            list.add(
                    request.scanReport() == null
                            ? named(
                                    ScanGate.GATE,
                                    () -> GateResult.fail(
                                            ScanGate.GATE,
                                            to.name() + " allows findings up to "
                                                    + gates.maxScanSeverity().id()
                                                    + ": give scanReport, a Trivy JSON or SARIF report for " + digest))
                            : new ScanGate(
                                    gates.maxScanSeverity(),
                                    digest,
                                    request.scanReportName(),
                                    request.scanReport(),
                                    request.waiversName(),
                                    request.waivers(),
                                    clock,
                                    gates.scanPolicy()));
        }
        return list;
    }

    private Moved byRegistry(
            RegistrySession sourceSession,
            Registry sourceRegistry,
            Registry targetRegistry,
            ImageReference source,
            ImageReference target,
            Deadline deadline) {
        try {
            if (targetRegistry.id().equals(sourceRegistry.id())) {
                CopyReport report = new ImageCopier(
                                sourceSession, sourceSession, retry, targetRegistry.maxParallelTransfers())
                        .promote(source.toString(), target.toString());
                return new Moved(
                        target.toString(), report.mode() != CopyReport.Mode.ALREADY_IN_PLACE, report.summary());
            }
            try (RegistrySession targetSession = ports.registry(targetRegistry).within(deadline)) {
                CopyReport report = new ImageCopier(
                                sourceSession, targetSession, retry, targetRegistry.maxParallelTransfers())
                        .promote(source.toString(), target.toString());
                return new Moved(
                        target.toString(), report.mode() != CopyReport.Mode.ALREADY_IN_PLACE, report.summary());
            }
        } catch (RegistryAccessException e) {
            throw new PromotionException(
                    "The registry copy failed, " + target + " was not moved: " + e.getMessage(), e);
        }
    }

    private Moved byGitOps(
            PromotionRequest request,
            String app,
            Environment from,
            Environment to,
            GitOpsTarget target,
            String repository,
            String digest,
            List<String> approvers,
            Deadline deadline,
            Consumer<String> log) {
        GitOpsRequest commit = new GitOpsRequest(
                app,
                digest,
                from == null ? null : from.name(),
                to.name(),
                request.buildUrl(),
                approvers,
                Names.isBlank(request.changeTicket()) ? null : request.changeTicket(),
                COMMITTER,
                COMMITTER,
                repository);
        try {
            GitOpsResult result =
                    gitOps.promote(target, ports.gitOps(to), commit, request.gitOpsRender(), log, deadline);
            String where = target.repositoryUrl() + " " + target.branch() + ":" + target.valuesFile();
            return new Moved(
                    result.commitId() == null ? where : where + "@" + result.commitId(),
                    result.changed(),
                    result.changed()
                            ? "Committed " + digest + " to " + where + " as " + result.commitId() + " ("
                                    + result.attempts() + " attempt(s))"
                            : where + " is " + result.summary() + "; nothing to commit");
        } catch (GitOpsException e) {
            throw new PromotionException("The GitOps commit failed, nothing was pushed: " + e.getMessage(), e);
        }
    }

    /**
     * Renders and pins the app for the {@code deploy} strategy, before any gate: a render that fails (a secret in the
     * values, a path leaving the workspace, an image no container uses, an object that is cluster-scoped, names
     * another namespace than the environment's or has no fixed name) refuses the promotion without contacting anything.
     */
    private Rendered render(
            PromotionRequest request,
            String app,
            Environment to,
            String namespace,
            ImageReference source,
            String digest,
            Duration timeout,
            Consumer<String> log) {
        DeployInputs deploy = request.deploy();
        if (deploy == null || deploy.tools() == null) {
            throw new PromotionException("strategy 'deploy' renders the app in the workspace: call promoteDigest inside"
                    + " node, with chart, kustomize or manifests");
        }
        Cluster cluster = configuration
                .cluster(to.cluster())
                .orElseThrow(() -> new PromotionException("environment '" + to.name() + "' names cluster '"
                        + to.cluster() + "', which is not configured"));
        ChartValues.requireNoNulls("values", deploy.values());
        if (!Names.isBlank(deploy.chart())) {
            Names.requireFitsReleaseName("app", app);
        }
        try {
            RenderRequest renderRequest = RenderRequest.of(
                    deploy.chart(),
                    deploy.kustomize(),
                    deploy.manifests(),
                    deploy.values(),
                    Map.of(),
                    deploy.set(),
                    deploy.setString(),
                    deploy.setFile(),
                    app,
                    namespace,
                    Names.isBlank(deploy.helm()) ? "helm" : deploy.helm(),
                    Names.isBlank(deploy.kubectl()) ? "kubectl" : deploy.kubectl());
            PreviewTools tools = deploy.tools();
            RenderedManifests manifests =
                    new Renderer(tools.runner(), tools.workspace(), tools.environment(), timeout).render(renderRequest);
            ImagePinning.Result pinned =
                    ImagePinning.pin(manifests, source.name(), digest, ImageFieldPath.parseAll(deploy.imageFields()));
            // Every object for the environment's namespace, namespaced, with a fixed name: checked before any gate.
            // Hooks, CRDs and helm test hooks set apart as helm upgrade --install would (ReleasePhases).
            ReleasePhases objects =
                    ReleasePhases.of(namespace, pinned.manifests().documents());
            log.accept("Rendered " + manifests.size() + " object(s) for " + to.name() + "; pinned "
                    + pinned.changes().size() + " container(s) to " + digest);
            return new Rendered(cluster, namespace, objects, deploy.waitForReady(), timeout);
        } catch (RenderException e) {
            throw new PromotionException(e.getMessage(), e);
        }
    }

    private Moved byDeploy(String app, Environment to, String digest, Rendered rendered, Deadline deadline) {
        String where =
                rendered.namespace() + " on cluster '" + rendered.cluster().id() + "'";
        try (KubernetesClient client = ports.cluster(rendered.cluster())) {
            ReleasePhases phases = rendered.objects();
            List<HasMetadata> objects = phases.release();
            EnvironmentNamespaces namespaces = new EnvironmentNamespaces(client);
            ReleaseHooks hooks = ReleaseHooks.forEnvironment(client, rendered.namespace(), app, to.name());
            List<String> notes = new ArrayList<>(
                    phases.notApplied().stream().map(n -> "not applied: " + n).toList());
            boolean[] install = {false};
            ApplyReport report = namespaces.apply(
                    rendered.namespace(),
                    app,
                    to.name(),
                    "p" + Long.toString(clock.millis(), 36),
                    objects,
                    phases.hookObjects(),
                    first -> {
                        install[0] = first;
                        notes.addAll(CustomResourceDefinitions.createAbsent(
                                client, phases.crds(), deadline.atMost(rendered.timeout()), line -> {}));
                        hooks.run(phases.before(first), true, deadline, notes::add);
                    });
            if (rendered.waitForReady()) {
                namespaces.awaitReady(rendered.namespace(), objects, deadline.atMost(rendered.timeout()));
            }
            hooks.run(phases.after(install[0]), false, deadline, notes::add);
            return new Moved(
                    where,
                    report.changed(),
                    "Applied " + report.applied().size() + " object(s) running " + digest + " into " + where
                            + (report.changed() ? "" : " (unchanged: the same render as the last deploy)")
                            + report.describePruning()
                            + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        } catch (UnservedKindException e) {
            throw new PromotionException(e.messageFor(rendered.cluster().id()), e);
        } catch (ClusterWaitTimeoutException e) {
            throw new PromotionException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromotionException("Interrupted while waiting for " + where, e);
        } catch (KubernetesClientException | IllegalStateException e) {
            throw new PromotionException(
                    "The deploy into " + where + " failed: "
                            + (e instanceof KubernetesClientException k ? KubernetesMessages.of(k) : e.getMessage()),
                    e);
        }
    }

    /**
     * The step's {@code timeout} (or, as before it bounded the whole step, the deploy inputs'), or {@link
     * #DEFAULT_TIMEOUT}; checked before anything is contacted.
     */
    private static Duration timeout(PromotionRequest request) {
        String written = request.timeout();
        if (Names.isBlank(written) && request.deploy() != null) {
            written = request.deploy().timeout();
        }
        return Names.isBlank(written) ? DEFAULT_TIMEOUT : Durations.parse("timeout", "Timeout", written);
    }

    /** After a GitOps commit: waits, by watching, until the target's cluster runs the digest. */
    private void awaitRollout(
            String app,
            Environment to,
            String namespace,
            String repository,
            String digest,
            Duration timeout,
            Consumer<String> log) {
        String image = repository + "@" + digest;
        Cluster cluster = configuration
                .cluster(to.cluster())
                .orElseThrow(() -> new PromotionException("environment '" + to.name() + "' names cluster '"
                        + to.cluster() + "', which is not configured"));
        log.accept("Waiting up to " + timeout + " until namespace " + namespace + " on cluster '" + cluster.id()
                + "' runs " + image);
        try (KubernetesClient client = ports.cluster(cluster)) {
            DigestRollout.await(client, namespace, app, repository, digest, timeout);
            log.accept("Namespace " + namespace + " runs " + image);
        } catch (ClusterWaitTimeoutException e) {
            throw new PromotionException("The commit is pushed and recorded, but " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromotionException("Interrupted while waiting for the rollout of " + image, e);
        } catch (KubernetesClientException e) {
            throw new PromotionException(
                    "The commit is pushed and recorded, but cluster '" + cluster.id() + "' could not be watched: "
                            + KubernetesMessages.of(e),
                    e);
        }
    }

    private void record(
            PromotionRequest request,
            String app,
            Environment from,
            Environment to,
            String digest,
            PromotionStrategy strategy,
            Moved moved,
            GateReport report,
            List<String> approvers,
            PromotionHistory history,
            AppTarget target) {
        LedgerEvent.Builder event = LedgerEvent.builder(PromotionHistory.typeOf(request.rollback()), app, to.name())
                .digest(digest)
                .actor(request.actor())
                .build(request.buildUrl())
                .reason(request.rollback() ? "rollback" : null)
                .detail("strategy", strategy.id())
                .detail("target", moved.target())
                .detail("gates", gatesOf(report));
        if (target.tag() != null) {
            event.detail("tag", target.tag());
        }
        if (from != null) {
            event.detail("from", from.name());
        }
        if (!approvers.isEmpty()) {
            event.detail("approvers", String.join(",", approvers));
        }
        if (!Names.isBlank(request.changeTicket())) {
            event.detail("change-ticket", request.changeTicket());
        }
        if (request.rollback()) {
            event.detail(PromotionHistory.HOLD, "true");
            history.current().ifPresent(left -> event.detail(PromotionHistory.ROLLED_BACK_FROM, left));
        } else if (request.releaseHold() && history.held()) {
            event.detail(PromotionHistory.HOLD, "released");
        }
        append(event);
    }

    private void append(LedgerEvent.Builder event) {
        try {
            ledger.append(event);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ledger " + ledger.file(), e);
        }
    }

    private List<String> approvers(List<ApprovalResult> approvals, Environment to, String digest, Gates gates) {
        for (ApprovalResult result : approvals) {
            if (result.satisfies(to.name(), digest, gates, ports.realmRules())) {
                return result.approvers();
            }
        }
        return List.of();
    }

    private List<LedgerEvent> events() {
        try {
            return ledger.events();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the ledger " + ledger.file(), e);
        }
    }

    private String digestOf(PromotionRequest request, PromotionHistory history, App app, Environment to) {
        if (request.rollback()) {
            if (!Names.isBlank(request.digest())) {
                throw new PromotionException("A rollback takes no digest: it promotes the digest " + to.name()
                        + " ran before the current one");
            }
            return history.rollbackTarget()
                    .orElseThrow(() -> new PromotionException("The ledger knows no earlier digest of " + app.name()
                            + " in " + to.name() + " to roll back to"
                            + (history.current().isEmpty()
                                    ? ""
                                    : ": a rollback goes only to a digest promoted there through its gates before the"
                                            + " current one, never to one rolled back from; history, oldest first: "
                                            + history.describe())));
        }
        if (request.digest() != null
                && !request.digest().startsWith("sha256:")
                && !request.digest().contains(":")) {
            throw new PromotionException("digest '" + request.digest() + "' looks like a tag; promoteDigest moves only"
                    + " digests (sha256:…), because a tag can point elsewhere tomorrow");
        }
        return Digests.checkDigest("digest", "Digest", request.digest());
    }

    private Environment environment(String field, String name) {
        Names.requireLabel(field, field.equals("to") ? "Target environment" : "Source environment", name);
        return configuration
                .environment(name)
                .orElseThrow(() ->
                        new PromotionException("environment '" + name + "' is not configured; configured environments: "
                                + (configuration.environments().isEmpty()
                                        ? "none"
                                        : configuration.environments().stream()
                                                .map(Environment::name)
                                                .collect(Collectors.joining(", ")))));
    }

    /** @return the configured app of this name; an unknown one is refused without naming the configured ones */
    private App app(String name) {
        if (Names.isBlank(name)) {
            throw new PromotionException("app is required: name the app an administrator declared under " + APPS);
        }
        Names.requireLabel("app", "App name", name);
        return configuration
                .app(name)
                .orElseThrow(() -> new PromotionException("app '" + name + "' is not configured, nothing was promoted:"
                        + " promoteDigest promotes only apps an administrator declared under " + APPS));
    }

    /**
     * @return the target's source environment as configured ({@code promotesFrom}), or {@code null} for the first of
     *     a chain; a {@code from} that says otherwise is refused: the chain is the configuration's
     */
    private Environment source(String from, Environment to) {
        String configured = to.promotesFrom();
        if (!Names.isBlank(from) && !from.equals(configured)) {
            throw new PromotionException("from " + Names.quote(from) + " is refused: "
                    + (configured == null
                            ? "'" + to.name() + "' is the first environment of its chain and promotes from none"
                            : "'" + to.name() + "' promotes from '" + configured + "', as configured")
                    + "; remove from, the configuration's promotesFrom decides where digests come from");
        }
        return configured == null ? null : environment("from", configured);
    }

    /** Refuses a step argument that tries to set what the app's configuration fixes, unless it says the same. */
    private static void fixed(String field, String given, String configured, App app, String what) {
        if (!Names.isBlank(given) && !given.equals(configured)) {
            throw new PromotionException(field + " " + Names.quote(given) + " is refused: the configuration of app '"
                    + app.name() + "' fixes " + what + " as '" + configured + "'; remove " + field
                    + " from the Jenkinsfile (an administrator changes apps under " + APPS + ")");
        }
    }

    /** @return the build's approvals given for this app; another app's approval of the same digest never counts */
    private static List<ApprovalResult> approvalsOf(PromotionRequest request, String app) {
        return request.approvals().stream().filter(a -> app.equals(a.app())).toList();
    }

    private Registry registryFor(String field, ImageReference image) {
        return configuration.registries().stream()
                .filter(r -> image.isServedBy(r.host()))
                .findFirst()
                .orElseThrow(() -> new PromotionException(field + " names registry '" + image.registry()
                        + "', which is not configured: add it under Manage Jenkins » Environment Management"));
    }

    private static Gate named(String name, java.util.function.Supplier<GateResult> evaluation) {
        return new Gate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public GateResult evaluate() {
                return evaluation.get();
            }
        };
    }

    /** A declared app and the environment its caller may promote it into. */
    private record Admitted(App app, Environment to) {}

    /** The pinned objects of a {@code deploy} promotion and where they go. */
    private record Rendered(
            Cluster cluster, String namespace, ReleasePhases objects, boolean waitForReady, Duration timeout) {}

    /** Where the digest went, whether anything was written, and a line for the log. */
    private record Moved(String target, boolean changed, String summary) {}
}
