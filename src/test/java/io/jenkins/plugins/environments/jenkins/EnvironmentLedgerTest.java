package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.ledger.LedgerPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnvironmentLedgerTest {

    @Test
    void withoutPropertiesTheLedgerKeepsSixtyFourMebibyteSegmentsForever() {
        assertEquals(LedgerPolicy.DEFAULT, EnvironmentLedger.policy(null, null));
        assertEquals(LedgerPolicy.DEFAULT, EnvironmentLedger.policy(null, 0));
    }

    @Test
    void propertiesSetTheSegmentSizeInMebibytesAndTheRetentionInDays() {
        assertEquals(new LedgerPolicy(8L * 1024 * 1024, Duration.ofDays(400)), EnvironmentLedger.policy(8, 400));
    }

    @Test
    void outOfRangePropertiesAreRefusedNamingTheProperty() {
        IllegalArgumentException size =
                assertThrows(IllegalArgumentException.class, () -> EnvironmentLedger.policy(0, null));
        assertEquals(
                "io.jenkins.plugins.environments.jenkins.EnvironmentLedger.segmentMegabytes must be at least 1, not 0",
                size.getMessage());
        IllegalArgumentException days =
                assertThrows(IllegalArgumentException.class, () -> EnvironmentLedger.policy(null, -3));
        assertEquals(
                "io.jenkins.plugins.environments.jenkins.EnvironmentLedger.retentionDays must be a number of days,"
                        + " or 0 to keep the ledger forever, not -3",
                days.getMessage());
    }
}
