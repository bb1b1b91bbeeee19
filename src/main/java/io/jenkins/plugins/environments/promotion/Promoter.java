package io.jenkins.plugins.environments.promotion;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.gitops.GitIdentity;
import io.jenkins.plugins.environments.gitops.GitOpsException;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.gitops.GitOpsRequest;
import io.jenkins.plugins.environments.gitops.GitOpsResult;
import io.jenkins.plugins.environments.kubernetes.ApplyReport;
import io.jenkins.plugins.environments.kubernetes.ClusterWaitTimeoutException;
import io.jenkins.plugins.environments.kubernetes.DigestRollout;
import io.jenkins.plugins.environments.kubernetes.EnvironmentNamespaces;
import io.jenkins.plugins.environments.kubernetes.KubernetesMessages;
import io.jenkins.plugins.environments.kubernetes.KubernetesObjects;
import io.jenkins.plugins.environments.kubernetes.UnservedKindException;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.model.ChartValues;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.Names;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Promotes one digest into an environment. In this order, stopping at the first failure:
 *
 * <ol>
 *   <li><b>check</b> the request: app, environments, strategy, the digest (a tag is refused), repositories, and for a
 *       rollback find the digest the environment ran before the current one in the ledger;
 *   <li><b>gates</b>, every one evaluated and logged as PASS or FAIL: allowed jobs, change ticket, hold, the digest
 *       in the source registry (every child of an index), live in source, signature, scan, approvals. Any FAIL ends
 *       the promotion with nothing written. A rollback skips live-in-source and scan (the digest ran here before).
 *   <li><b>move</b> the digest: the target's credentials are asked for only now; {@code registry} copies (the tag
 *       last), {@code gitops} commits the digest into the values file, {@code deploy} applies the app (rendered and
 *       pinned before the gates) into the environment's namespace;
 *   <li><b>record</b> a {@code promoted} (or {@code rolled-back}) event with the gates, approvers, ticket and build.
 * </ol>
 */
public final class Promoter {

    /** Who GitOps commits are by. */
    public static final GitIdentity COMMITTER =
            new GitIdentity("Environment Management", "environment-management@jenkins.invalid");

    /**
     * How long a promotion may take unless its {@code timeout} says otherwise: every registry, Git and cluster call,
     * the render and the wait of the {@code deploy} strategy end by then.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

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

    private PromotionResult promoteChecked(PromotionRequest request, Consumer<String> log) {
        String app = Names.requireLabel("app", "App name", request.app());
        Environment to = environment("to", request.to());
        String fromName = Names.isBlank(request.from()) ? to.promotesFrom() : request.from();
        Environment from = fromName == null ? null : environment("from", fromName);
        PromotionStrategy strategy = PromotionStrategy.parse(request.strategy());
        List<LedgerEvent> events = events();
        PromotionHistory history = PromotionHistory.of(events, app, to.name());
        String digest = digestOf(request, history, to);
        String repository = repository("image", request.image());
        ImageReference source = ImageReference.parse("image", repository + "@" + digest);
        Registry sourceRegistry = registryFor("image", source);
        ImageReference target = null;
        Registry targetRegistry = null;
        if (strategy == PromotionStrategy.REGISTRY) {
            String targetRepository = Names.isBlank(request.targetImage())
                    ? repository
                    : repository("targetImage", request.targetImage());
            String tag = Names.isBlank(request.targetTag()) ? to.name() : request.targetTag();
            target = ImageReference.parse("targetTag", targetRepository + ":" + tag);
            targetRegistry = registryFor("targetImage", target);
        } else if (strategy == PromotionStrategy.GITOPS && to.gitOps() == null) {
            throw new PromotionException("environment '" + to.name() + "' has no GitOps target: configure one, or use"
                    + " strategy 'registry'");
        }
        Duration timeout = timeout(request);
        Deadline deadline = Deadline.after(timeout);
        Rendered rendered =
                strategy == PromotionStrategy.DEPLOY ? render(request, app, to, source, digest, timeout, log) : null;
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
        log.accept((request.rollback() ? "Rolling " : "Promoting ") + app + " " + digest + " "
                + (from == null ? "" : "from " + from.name() + " ") + "to " + to.name() + " by " + strategy.id());

        try (RegistrySession sourceSession = ports.registry(sourceRegistry).within(deadline)) {
            GateReport report = gates(request, app, to, from, gates, source, digest, history, sourceSession, events);
            report.lines().forEach(log);
            if (!report.passed()) {
                throw new PromotionException(report.failures().size() + " of "
                        + report.results().size()
                        + " gates failed, nothing was promoted: "
                        + report.failures().stream().map(GateResult::gate).collect(Collectors.joining(", ")));
            }
            List<String> approvers = approvers(request, to, digest, gates);
            Moved moved =
                    switch (strategy) {
                        case REGISTRY ->
                            byRegistry(sourceSession, sourceRegistry, targetRegistry, source, target, deadline);
                        case GITOPS -> byGitOps(request, app, from, to, digest, approvers, deadline);
                        case DEPLOY -> byDeploy(app, to, digest, rendered, deadline);
                    };
            log.accept(moved.summary());
            if (moved.changed() || !history.runs(digest)) {
                record(request, app, from, to, digest, strategy, moved, report, approvers, history);
            }
            if (awaitRollout != null) {
                awaitRollout(app, to, source.name(), digest, awaitRollout, log);
            }
            return new PromotionResult(
                    app,
                    from == null ? null : from.name(),
                    to.name(),
                    digest,
                    strategy,
                    moved.target(),
                    moved.changed(),
                    moved.summary(),
                    report.lines(),
                    request.rollback());
        }
    }

    private GateReport gates(
            PromotionRequest request,
            String app,
            Environment to,
            Environment from,
            Gates gates,
            ImageReference source,
            String digest,
            PromotionHistory history,
            RegistrySession sourceSession,
            List<LedgerEvent> events) {
        List<Gate> list = new ArrayList<>();
        list.add(new AllowedJobsGate(to, request.job()));
        list.add(new ChangeTicketGate(gates, request.changeTicket()));
        list.add(named(
                PromotionHistory.GATE, () -> history.holdGate(to.name(), request.rollback(), request.releaseHold())));
        list.add(new DigestExistsGate(sourceSession, source.repository(), digest));
        if (!request.rollback()) {
            list.add(new InSourceGate(
                    from,
                    app,
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
        list.add(new ApprovalsGate(to.name(), digest, gates, request.approvals(), ports.realmRules()));
        return GateReport.evaluate(list);
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
                CopyReport report = new ImageCopier(sourceSession, sourceSession, retry)
                        .promote(source.toString(), target.toString());
                return new Moved(
                        target.toString(), report.mode() != CopyReport.Mode.ALREADY_IN_PLACE, report.summary());
            }
            try (RegistrySession targetSession = ports.registry(targetRegistry).within(deadline)) {
                CopyReport report = new ImageCopier(sourceSession, targetSession, retry)
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
            String digest,
            List<String> approvers,
            Deadline deadline) {
        GitOpsRequest commit = new GitOpsRequest(
                app,
                digest,
                from == null ? to.name() : from.name(),
                to.name(),
                request.buildUrl(),
                approvers,
                Names.isBlank(request.changeTicket()) ? null : request.changeTicket(),
                COMMITTER,
                COMMITTER);
        try {
            GitOpsResult result = gitOps.promote(to.gitOps(), ports.gitOps(to), commit, deadline);
            String where = to.gitOps().repositoryUrl() + " " + to.gitOps().branch() + ":"
                    + to.gitOps().valuesFile();
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
        String namespace = to.namespaceFor(app);
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
                    app,
                    namespace,
                    Names.isBlank(deploy.helm()) ? "helm" : deploy.helm(),
                    Names.isBlank(deploy.kubectl()) ? "kubectl" : deploy.kubectl());
            PreviewTools tools = deploy.tools();
            RenderedManifests manifests =
                    new Renderer(tools.runner(), tools.workspace(), tools.environment(), timeout).render(renderRequest);
            ImagePinning.Result pinned = ImagePinning.pin(manifests, source.name(), digest);
            // Every object for the environment's namespace, namespaced, with a fixed name: checked before any gate.
            List<HasMetadata> objects =
                    KubernetesObjects.forNamespace(namespace, pinned.manifests().documents());
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
            List<HasMetadata> objects = rendered.objects();
            EnvironmentNamespaces namespaces = new EnvironmentNamespaces(client);
            ApplyReport report = namespaces.apply(
                    rendered.namespace(), app, to.name(), "p" + Long.toString(clock.millis(), 36), objects);
            if (rendered.waitForReady()) {
                namespaces.awaitReady(rendered.namespace(), objects, deadline.atMost(rendered.timeout()));
            }
            return new Moved(
                    where,
                    report.changed(),
                    "Applied " + report.applied().size() + " object(s) running " + digest + " into " + where
                            + (report.changed() ? "" : " (unchanged: the same render as the last deploy)")
                            + report.describePruning());
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
            String app, Environment to, String repository, String digest, Duration timeout, Consumer<String> log) {
        String image = repository + "@" + digest;
        Cluster cluster = configuration
                .cluster(to.cluster())
                .orElseThrow(() -> new PromotionException("environment '" + to.name() + "' names cluster '"
                        + to.cluster() + "', which is not configured"));
        String namespace = to.namespaceFor(app);
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
            PromotionHistory history) {
        LedgerEvent.Builder event = LedgerEvent.builder(PromotionHistory.typeOf(request.rollback()), app, to.name())
                .digest(digest)
                .actor(request.actor())
                .build(request.buildUrl())
                .reason(request.rollback() ? "rollback" : null)
                .detail("strategy", strategy.id())
                .detail("target", moved.target())
                .detail(
                        "gates",
                        report.results().stream()
                                .map(r -> (r.passed() ? "PASS " : "FAIL ") + r.gate())
                                .collect(Collectors.joining(", ")));
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
        } else if (request.releaseHold() && history.held()) {
            event.detail(PromotionHistory.HOLD, "released");
        }
        try {
            ledger.append(event);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ledger " + ledger.file(), e);
        }
    }

    private List<String> approvers(PromotionRequest request, Environment to, String digest, Gates gates) {
        for (ApprovalResult result : request.approvals()) {
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

    private String digestOf(PromotionRequest request, PromotionHistory history, Environment to) {
        if (request.rollback()) {
            if (!Names.isBlank(request.digest())) {
                throw new PromotionException("A rollback takes no digest: it promotes the digest " + to.name()
                        + " ran before the current one");
            }
            return history.previous()
                    .orElseThrow(() -> new PromotionException("The ledger knows no earlier digest of " + request.app()
                            + " in " + to.name() + " to roll back to"));
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

    /** @return the repository with its registry, which must carry neither a tag nor a digest */
    private static String repository(String field, String image) {
        Names.require(field, field.equals("image") ? "Image" : "Target image", image);
        ImageReference.rejectUserInfo(field, field.equals("image") ? "Image" : "Target image", image);
        int slash = image.lastIndexOf('/');
        if (image.contains("@") || (slash >= 0 && image.indexOf(':', slash) >= 0)) {
            throw Names.invalid(
                    field,
                    field.equals("image") ? "Image" : "Target image",
                    image,
                    "must be a repository without tag or digest, such as 'registry.example.com/team/shop'; the digest"
                            + " goes in digest");
        }
        return image;
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

    /** The pinned objects of a {@code deploy} promotion and where they go. */
    private record Rendered(
            Cluster cluster, String namespace, List<HasMetadata> objects, boolean waitForReady, Duration timeout) {}

    /** Where the digest went, whether anything was written, and a line for the log. */
    private record Moved(String target, boolean changed, String summary) {}
}
