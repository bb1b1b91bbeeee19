package io.jenkins.plugins.environments.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.Tier;
import io.jenkins.plugins.environments.promotion.FixturePorts;
import io.jenkins.plugins.environments.promotion.Promoter;
import io.jenkins.plugins.environments.promotion.PromotionPorts;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.registry.RetryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What {@code promoteDigest} reaches through Jenkins in the step tests: a configuration and ledger, registry sessions
 * opened by the test, no recorded approvals, and otherwise {@link FixturePorts#anonymous()}. Counts the registry sessions opened and the reads of the approvals.
 */
final class RegistryOnlyPromotionBackend implements PromotionBackend {

    final AtomicInteger registrySessions = new AtomicInteger();
    final AtomicInteger approvalReads = new AtomicInteger();

    private final EnvironmentsConfiguration configuration;
    private final Ledger ledger;
    private final Path dir;
    private final PromotionPorts ports;

    /**
     * @param dir where GitOps work would go (unused but required by the promoter)
     * @param registries opens the session for a configured registry
     */
    RegistryOnlyPromotionBackend(
            EnvironmentsConfiguration configuration,
            Ledger ledger,
            Path dir,
            Function<Registry, RegistrySession> registries) {
        this.configuration = configuration;
        this.ledger = ledger;
        this.dir = dir;
        this.ports = FixturePorts.anonymous().withRegistries(registry -> {
            registrySessions.incrementAndGet();
            return registries.apply(registry);
        });
    }

    /**
     * @return a cluster {@code eu}, the registry {@code builds} on that host, the environment {@code staging} (jobs
     *     {@code shop/**} allowed) and each app as {@code <host>/team/<app>}, built by {@code <app>/**}, with a
     *     {@code staging} target
     */
    static EnvironmentsConfiguration staging(String registryHost, String... apps) {
        return new EnvironmentsConfiguration(
                List.of(new Cluster("eu", "https://k8s.example.com:6443", "k8s", null, false, 0)),
                List.of(new Registry("builds", registryHost, null, true, false)),
                List.of(new Environment(
                        "staging",
                        Tier.STAGING,
                        "eu",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("shop/**"),
                        null)),
                null,
                Arrays.stream(apps)
                        .map(app -> new App(
                                app,
                                registryHost + "/team/" + app,
                                List.of(app + "/**"),
                                List.of(new AppTarget("staging", null, null, null, null, null))))
                        .toList());
    }

    @Override
    public EnvironmentsConfiguration configuration() {
        return configuration;
    }

    @Override
    public PromotionPorts ports(Run<?, ?> run) {
        return ports;
    }

    @Override
    public List<ApprovalResult> approvals(Run<?, ?> run) {
        approvalReads.incrementAndGet();
        return List.of();
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public Promoter promoter(Run<?, ?> run) {
        return new Promoter(
                configuration,
                ports,
                ledger,
                Clock.systemUTC(),
                new GitOpsPromotion(Clock.systemUTC(), dir),
                RetryPolicy.standard());
    }
}
