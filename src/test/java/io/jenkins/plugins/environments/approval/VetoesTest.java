package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.OTHER_DIGEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rejection is a veto for that app, digest and environment until an administrator clears it (issue 11, class 12). */
class VetoesTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    private static LedgerEvent event(
            LedgerEventType type, String app, String env, String digest, String actor, int minute) {
        return LedgerEvent.builder(type, app, env)
                .digest(digest)
                .actor(actor)
                .time(T.plusSeconds(60L * minute))
                .build("job/shop/7/")
                .detail("comment", "tests are red")
                .build();
    }

    private static LedgerEvent rejected(int minute) {
        return event(LedgerEventType.REJECTED, "shop", "prod", DIGEST, "carol", minute);
    }

    @Test
    void aRejectionStandsAsAVetoNamingWhoAndWhen() {
        Vetoes.Veto veto =
                Vetoes.standing(List.of(rejected(0)), "shop", DIGEST, "prod").orElseThrow();
        assertEquals(
                "Digest " + DIGEST + " of app 'shop' was rejected for environment 'prod' by 'carol' at"
                        + " 2026-11-28T10:00:00Z (build job/shop/7/): 'tests are red'. A rejection stands until an"
                        + " administrator clears it on that build's Approvals page; a new digest can be approved",
                veto.describe("shop", DIGEST, "prod"));
    }

    @Test
    void aClearedVetoNoLongerStandsAndALaterRejectionVetoesAgain() {
        LedgerEvent cleared = event(LedgerEventType.VETO_CLEARED, "shop", "prod", DIGEST, "root", 1);
        assertTrue(Vetoes.standing(List.of(rejected(0), cleared), "shop", DIGEST, "prod")
                .isEmpty());
        assertEquals(
                T.plusSeconds(120),
                Vetoes.standing(List.of(rejected(0), cleared, rejected(2)), "shop", DIGEST, "prod")
                        .orElseThrow()
                        .time());
    }

    @Test
    void aVetoBindsOnlyItsAppDigestAndEnvironment() {
        List<LedgerEvent> events = List.of(rejected(0));
        assertTrue(Vetoes.standing(events, "shop", OTHER_DIGEST, "prod").isEmpty(), "a new digest is not vetoed");
        assertTrue(Vetoes.standing(events, "shop", DIGEST, "staging").isEmpty());
        assertTrue(Vetoes.standing(events, "billing", DIGEST, "prod").isEmpty());
    }

    @Test
    void aRejectionThatWasNotSavedIsNoVeto() {
        LedgerEvent voids = LedgerEvent.builder(LedgerEventType.APPROVAL_REFUSED, "shop", "prod")
                .digest(DIGEST)
                .actor("carol")
                .time(T)
                .reason(RefusalReason.NOT_SAVED.id())
                .detail(Vetoes.VOIDS, T.toString())
                .build();
        assertTrue(Vetoes.standing(List.of(rejected(0), voids), "shop", DIGEST, "prod")
                .isEmpty());
    }

    @Test
    void anApprovalOrARefusalDoesNotLiftAVeto() {
        List<LedgerEvent> events = List.of(
                rejected(0),
                event(LedgerEventType.APPROVED, "shop", "prod", DIGEST, "alice", 1),
                event(LedgerEventType.APPROVAL_REFUSED, "shop", "prod", DIGEST, "carol", 2));
        assertEquals(
                "carol",
                Vetoes.standing(events, "shop", DIGEST, "prod").orElseThrow().actor());
    }

    @Test
    void aNewRequestItsCancellationOrAFailedPromotionDoesNotLiftAVeto() {
        List<LedgerEvent> events = List.of(
                rejected(0),
                event(LedgerEventType.APPROVAL_REQUESTED, "shop", "prod", DIGEST, "dave", 1),
                event(LedgerEventType.APPROVAL_CANCELLED, "shop", "prod", DIGEST, "system", 2),
                event(LedgerEventType.PROMOTION_STARTED, "shop", "prod", DIGEST, "dave", 3),
                event(LedgerEventType.PROMOTION_FAILED, "shop", "prod", DIGEST, "dave", 4));
        assertEquals(
                "carol",
                Vetoes.standing(events, "shop", DIGEST, "prod").orElseThrow().actor());
    }
}
