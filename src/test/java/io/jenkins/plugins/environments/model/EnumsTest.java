package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EnumsTest {

    static Stream<Arguments> badValues() {
        String tiers = "use one of local, dev, staging, uat, prod, dr, sandbox, perf";
        return Stream.of(
                bad(
                        "tierMustBeKnown",
                        (Executable) () -> Tier.parse("production"),
                        "tier",
                        "Tier 'production' is not known: " + tiers),
                bad("tierIsRequired", () -> Tier.parse(" "), "tier", "Tier is required: " + tiers),
                bad(
                        "dataPolicyMustBeKnown",
                        () -> DataPolicy.parse("real"),
                        "dataPolicy",
                        "Data policy 'real' is not known: use one of none, synthetic, anonymized, masked, full"),
                bad(
                        "severityMustBeKnown",
                        () -> Severity.parse("severe"),
                        "severity",
                        "Severity 'severe' is not known: use one of unknown, low, medium, high, critical"),
                bad(
                        "whenFullMustBeKnown",
                        () -> WhenFull.parse("wait"),
                        "whenFull",
                        "When full 'wait' is not known: use one of queue, fail"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void tierIdIsLowerCaseAndParsesBackInAnyCase(Tier tier) {
        assertEquals(tier.name().toLowerCase(java.util.Locale.ROOT), tier.id());
        assertSame(tier, Tier.parse(tier.id()));
        assertSame(tier, Tier.parse(tier.name()));
    }

    @ParameterizedTest(name = "productionLikeTiers: {0} = {1}")
    @CsvSource({
        "LOCAL, false",
        "DEV, false",
        "STAGING, false",
        "UAT, false",
        "PROD, true",
        "DR, true",
        "SANDBOX, false",
        "PERF, false"
    })
    void productionLikeTiersAreProdAndDr(Tier tier, boolean productionLike) {
        assertEquals(productionLike, tier.isProductionLike());
    }

    @ParameterizedTest(name = "severityOrder: {0} atLeast {1} = {2}")
    @CsvSource({
        "CRITICAL, HIGH, true",
        "HIGH, HIGH, true",
        "MEDIUM, HIGH, false",
        "LOW, UNKNOWN, true",
        "UNKNOWN, LOW, false"
    })
    void severityIsOrderedFromUnknownToCritical(Severity severity, Severity other, boolean atLeast) {
        assertEquals(atLeast, severity.atLeast(other));
    }

    @Test
    void otherEnumsParseTheirIds() {
        assertSame(DataPolicy.ANONYMIZED, DataPolicy.parse("anonymized"));
        assertSame(Severity.CRITICAL, Severity.parse("Critical"));
        assertSame(WhenFull.FAIL, WhenFull.parse("fail"));
        assertEquals("queue", WhenFull.QUEUE.id());
        assertEquals("masked", DataPolicy.MASKED.id());
        assertEquals("medium", Severity.MEDIUM.id());
    }
}
