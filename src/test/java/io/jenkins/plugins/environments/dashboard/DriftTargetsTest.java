package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.Tier;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cells watched for drift come from the configuration and what the ledger says was last promoted where. */
class DriftTargetsTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String D3 = "sha256:" + "3".repeat(64);
    private static final String IMAGE = "registry.example.com/team/shop";
    private static final GitOpsTarget GITOPS =
            new GitOpsTarget("https://git.example.com/team/deploy.git", "git-token", "main", "prod/values.yaml", null);

    private static Environment environment(String name, Tier tier, String from, GitOpsTarget gitOps) {
        return new Environment(
                name, tier, "eu-1", null, null, null, from, null, null, null, List.of("shop/**"), gitOps);
    }

    private static LedgerEvent promoted(String environment, String digest, String strategy, String tag) {
        LedgerEvent.Builder event = LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", environment)
                .time(Instant.parse("2026-12-07T20:00:00Z"))
                .digest(digest)
                .actor("alice")
                .detail("strategy", strategy);
        if (tag != null) {
            event.detail("tag", tag);
        }
        return event.build();
    }

    @Test
    void eachPromotedCellOfADeclaredAppIsWatchedByItsLastStrategy() {
        EnvironmentsConfiguration configuration = new EnvironmentsConfiguration(
                List.of(),
                List.of(),
                List.of(
                        environment("dev", Tier.DEV, null, null),
                        environment("staging", Tier.STAGING, "dev", null),
                        environment("prod", Tier.PROD, "staging", GITOPS),
                        environment("dr", Tier.PROD, "prod", null)),
                null,
                List.of(new App(
                        "shop",
                        IMAGE,
                        List.of("shop/**"),
                        List.of(
                                new AppTarget("dev", null, null, null, null, null),
                                new AppTarget("staging", null, "2.0", null, null, null),
                                new AppTarget("prod", null, null, null, null, null),
                                new AppTarget("dr", null, null, null, null, null)))));
        LedgerIndex index = LedgerIndex.of(List.of(
                promoted("dev", D1, "deploy", null),
                promoted("staging", D2, "registry", "2.0.1"),
                promoted("prod", D3, "gitops", null),
                // another app, not declared: nothing says where to look
                LedgerEvent.builder(LedgerEventType.PROMOTED, "cart", "dev")
                        .time(Instant.parse("2026-12-07T20:00:00Z"))
                        .digest(D1)
                        .detail("strategy", "deploy")
                        .build()));

        List<DriftTarget> targets = DriftTargets.of(configuration, index);

        assertEquals(
                List.of(
                        DriftTarget.deploy("shop", "dev", D1, "eu-1", "shop-dev", IMAGE),
                        DriftTarget.registry("shop", "staging", D2, IMAGE, "2.0.1"),
                        DriftTarget.gitOps("shop", "prod", D3, GITOPS, IMAGE)),
                targets,
                "dr has no promotion yet; the ledger's tag wins over the configured one");
    }
}
