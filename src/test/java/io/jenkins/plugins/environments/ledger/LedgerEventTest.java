package io.jenkins.plugins.environments.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerEventTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    static final Instant TIME = Instant.parse("2026-11-28T10:15:30Z");

    private static LedgerEvent.Builder deployed() {
        return LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "prod").time(TIME);
    }

    @Test
    void typeIdsAreLowerCaseWithDashesAndParseBack() {
        assertEquals("torn-down", LedgerEventType.TORN_DOWN.id());
        assertEquals("approval-expired", LedgerEventType.APPROVAL_EXPIRED.id());
        assertEquals("deployed", LedgerEventType.DEPLOYED.id());
        for (LedgerEventType type : LedgerEventType.values()) {
            assertEquals(type, LedgerEventType.fromId(type.id()));
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LedgerEventType.fromId("TORN_DOWN"));
        assertEquals(
                "unknown ledger event type 'TORN_DOWN': use one of deployed, torn-down, promoted, rolled-back,"
                        + " approved, rejected, approval-refused, approval-expired, veto-cleared, approval-requested,"
                        + " approval-cancelled, promotion-started, promotion-failed",
                e.getMessage());
    }

    @Test
    void onlyDeployingTypesDeploy() {
        assertEquals(
                List.of(LedgerEventType.DEPLOYED, LedgerEventType.PROMOTED, LedgerEventType.ROLLED_BACK),
                Arrays.stream(LedgerEventType.values())
                        .filter(LedgerEventType::deploys)
                        .toList());
    }

    @Test
    void badDigestIsRejectedWithItsValue() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> deployed().digest("sha256:ABC").build());
        assertEquals("digest must be 'sha256:' followed by 64 lower-case hex digits, not 'sha256:ABC'", e.getMessage());
        String upper = "sha256:" + "0123456789ABCDEF".repeat(4);
        assertThrows(
                IllegalArgumentException.class, () -> deployed().digest(upper).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> deployed().digest("sha512:" + "0".repeat(64)).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> deployed().digest(DIGEST + "0").build());
        assertEquals(DIGEST, deployed().digest(DIGEST).build().digest());
    }

    @Test
    void requiredFieldsAreRejectedWithExactMessages() {
        assertEquals(
                "app must not be blank",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LedgerEvent.builder(LedgerEventType.DEPLOYED, "  ", "prod")
                                        .time(TIME)
                                        .build())
                        .getMessage());
        assertEquals(
                "app must not be blank",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LedgerEvent.builder(LedgerEventType.DEPLOYED, null, "prod")
                                        .time(TIME)
                                        .build())
                        .getMessage());
        assertEquals(
                "environment must not be blank",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "")
                                        .time(TIME)
                                        .build())
                        .getMessage());
        assertEquals(
                "type is required",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LedgerEvent.builder(null, "shop", "prod")
                                        .time(TIME)
                                        .build())
                        .getMessage());
        assertEquals(
                "time is required",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "prod")
                                        .build())
                        .getMessage());
    }

    @Test
    void prAndDetailsAreChecked() {
        assertEquals(
                "pr must be letters, digits, '.', '_' or '-', not '4 2'",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> deployed().pr("4 2").build())
                        .getMessage());
        assertEquals(
                "details keys must not be blank",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> deployed().detail(" ", "x").build())
                        .getMessage());
        assertEquals(
                "details value for 'strategy' must not be null",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> deployed().detail("strategy", null).build())
                        .getMessage());
    }

    @Test
    void blankOptionalValuesBecomeNullAndDetailsAreSortedAndFrozen() {
        Map<String, String> details = new HashMap<>();
        details.put("strategy", "gitops");
        details.put("approvers", "alice,bob");
        LedgerEvent event =
                new LedgerEvent(LedgerEventType.PROMOTED, TIME, "shop", "prod", " ", "", "", " ", "", "", "", details);
        assertNull(event.pr());
        assertNull(event.digest());
        assertNull(event.namespace());
        assertNull(event.url());
        assertNull(event.actor());
        assertNull(event.reason());
        assertNull(event.build());
        assertEquals(
                List.of("approvers", "strategy"), List.copyOf(event.details().keySet()));
        details.put("later", "change");
        assertEquals(2, event.details().size());
        assertThrows(UnsupportedOperationException.class, () -> event.details().put("x", "y"));
        assertTrue(new LedgerEvent(
                        LedgerEventType.DEPLOYED, TIME, "a", "b", null, null, null, null, null, null, null, null)
                .details()
                .isEmpty());
    }

    @Test
    void previewsAreTheEventsThatNameAPr() {
        assertTrue(deployed().pr(42).build().isPreview());
        assertEquals("42", deployed().pr(42).build().pr());
        assertFalse(deployed().build().isPreview());
    }
}
