package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentOrderTest {

    private static Environment env(String name, Tier tier, String from) {
        return SyntheticLedger.environment(name, tier, from);
    }

    @Test
    void columnsFollowThePromotionChainWhateverOrderTheyAreConfiguredIn() {
        List<Environment> configured = List.of(
                env("prod", Tier.PROD, "staging"), env("staging", Tier.STAGING, "dev"), env("dev", Tier.DEV, null));
        assertEquals(List.of("dev", "staging", "prod"), EnvironmentOrder.names(configured));
    }

    @Test
    void disasterRecoveryAndSandboxComeLastByTheirTier() {
        List<Environment> configured = List.of(
                env("sandbox", Tier.SANDBOX, null),
                env("dr-west", Tier.DR, "prod"),
                env("dev", Tier.DEV, null),
                env("staging", Tier.STAGING, "dev"),
                env("prod", Tier.PROD, "staging"));
        assertEquals(List.of("dev", "staging", "prod", "sandbox", "dr-west"), EnvironmentOrder.names(configured));
    }

    @Test
    void branchesAreOrderedByDistanceFromTheirRootThenAsConfigured() {
        List<Environment> configured = List.of(
                env("dev", Tier.DEV, null),
                env("perf", Tier.PERF, "staging"),
                env("qa", Tier.UAT, "dev"),
                env("staging", Tier.STAGING, "dev"),
                env("prod", Tier.PROD, "staging"),
                env("local", Tier.LOCAL, null));
        assertEquals(List.of("dev", "local", "qa", "staging", "perf", "prod"), EnvironmentOrder.names(configured));
    }

    @Test
    void aSourceThatIsNotConfiguredOrACycleStillGivesEveryColumnOnce() {
        List<Environment> configured = List.of(
                env("a", Tier.DEV, "b"),
                env("b", Tier.DEV, "a"),
                env("c", Tier.STAGING, "gone"),
                env("c", Tier.PROD, null));
        assertEquals(List.of("c", "a", "b"), EnvironmentOrder.names(configured));
        assertEquals(Tier.STAGING, EnvironmentOrder.of(configured).get(0).tier(), "the first of a name wins");
    }
}
