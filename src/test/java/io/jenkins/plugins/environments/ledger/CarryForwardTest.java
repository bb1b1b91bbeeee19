package io.jenkins.plugins.environments.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jenkins.plugins.environments.approval.RefusalReason;
import io.jenkins.plugins.environments.approval.Vetoes;
import io.jenkins.plugins.environments.promotion.PromotionHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases where carrying only the last event of each kind would change an answer, each with the rule that keeps
 * it. Each builds an old part (to be carried) and a later part (kept), and checks the answers over the carried events
 * and the later part against the answers over the full ledger.
 */
class CarryForwardTest {

    static final Instant T = Instant.parse("2026-05-01T00:00:00Z");
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);

    private int seconds;

    private LedgerEvent.Builder event(LedgerEventType type, String environment, String digest) {
        return LedgerEvent.builder(type, "shop", environment)
                .time(T.plusSeconds(seconds++))
                .digest(digest)
                .actor("alice");
    }

    /** @return the carried events of {@code older} followed by {@code later} */
    private static List<LedgerEvent> compacted(List<LedgerEvent> older, List<LedgerEvent> later) {
        List<LedgerEvent> result = new ArrayList<>();
        for (int index : CarryForward.select(older, later.iterator())) {
            result.add(older.get(index));
        }
        result.addAll(later);
        return result;
    }

    private static List<LedgerEvent> all(List<LedgerEvent> older, List<LedgerEvent> later) {
        List<LedgerEvent> result = new ArrayList<>(older);
        result.addAll(later);
        return result;
    }

    @Test
    void theLastHoldIsCarriedSoAReleasedHoldStaysReleased() {
        List<LedgerEvent> older = List.of(
                event(LedgerEventType.ROLLED_BACK, "prod", A)
                        .detail("hold", "true")
                        .build(),
                event(LedgerEventType.PROMOTED, "prod", B)
                        .detail("hold", "released")
                        .build(),
                event(LedgerEventType.PROMOTED, "prod", B).build());
        List<LedgerEvent> later =
                List.of(event(LedgerEventType.DEPLOYED, "dev", C).build());
        List<LedgerEvent> full = all(older, later);
        assertEquals(false, PromotionHistory.of(full, "shop", "prod").held());
        assertEquals(
                false,
                PromotionHistory.of(compacted(older, later), "shop", "prod").held());
        assertEquals(
                List.of(older.get(0), older.get(1), older.get(2)),
                compacted(older, later).subList(0, 3));
    }

    @Test
    void aRefusalThatVoidsARejectionIsCarriedEvenWhenAnotherRefusalFollows() {
        LedgerEvent rejected = event(LedgerEventType.REJECTED, "prod", A).build();
        LedgerEvent voids = event(LedgerEventType.APPROVAL_REFUSED, "prod", A)
                .reason(RefusalReason.NOT_SAVED.id())
                .detail(Vetoes.VOIDS, rejected.time().toString())
                .build();
        LedgerEvent otherRefusal = event(LedgerEventType.APPROVAL_REFUSED, "prod", A)
                .reason("self-approval")
                .build();
        List<LedgerEvent> older = List.of(rejected, voids);
        List<LedgerEvent> later = List.of(otherRefusal);
        assertEquals(true, Vetoes.standing(all(older, later), "shop", A, "prod").isEmpty());
        assertEquals(
                true,
                Vetoes.standing(compacted(older, later), "shop", A, "prod").isEmpty());
        assertEquals(List.of(rejected, voids, otherRefusal), compacted(older, later));
    }

    @Test
    void aRollbacksPredecessorIsCarriedSoTheDigestsRolledBackFromStayTheSame() {
        List<LedgerEvent> older = new ArrayList<>();
        older.add(event(LedgerEventType.PROMOTED, "prod", A).build());
        older.add(event(LedgerEventType.PROMOTED, "prod", B).build());
        older.add(event(LedgerEventType.ROLLED_BACK, "prod", A).build());
        // enough later deploys that the recent-deploys rule does not keep the old ones anyway
        List<LedgerEvent> later = new ArrayList<>();
        for (int i = 0; i < CarryForward.RECENT_DEPLOYS; i++) {
            later.add(
                    event(LedgerEventType.PROMOTED, "prod", i % 2 == 0 ? C : B).build());
        }
        List<LedgerEvent> full = all(older, later);
        PromotionHistory expected = PromotionHistory.of(full, "shop", "prod");
        PromotionHistory actual = PromotionHistory.of(compacted(older, later), "shop", "prod");
        assertEquals(expected.rolledBackFrom(), actual.rolledBackFrom());
        assertEquals(expected.rollbackTarget(), actual.rollbackTarget());
        assertEquals(expected.current(), actual.current());
        assertEquals(older, compacted(older, later).subList(0, 3));
    }

    @Test
    void aPreviewsLastNamespaceIsCarriedWhenALaterRedeployNamesNone() {
        List<LedgerEvent> older = List.of(
                event(LedgerEventType.DEPLOYED, "preview", A)
                        .pr(7)
                        .namespace("shop-pr-7")
                        .url("https://pr-7.example.com")
                        .build(),
                event(LedgerEventType.DEPLOYED, "preview", A).pr(7).build());
        List<LedgerEvent> later =
                List.of(event(LedgerEventType.DEPLOYED, "dev", C).build());
        List<LedgerQueries.OpenPreview> expected = LedgerQueries.openPreviews(all(older, later));
        assertEquals("shop-pr-7", expected.get(0).namespace());
        assertEquals(expected, LedgerQueries.openPreviews(compacted(older, later)));
    }

    @Test
    void anEventSupersededByALaterOneOfItsKindIsLetGo() {
        List<LedgerEvent> older = List.of(
                event(LedgerEventType.APPROVED, "prod", A)
                        .detail("request", "job/shop/1/#1")
                        .build(),
                event(LedgerEventType.APPROVED, "prod", A)
                        .detail("request", "job/shop/2/#1")
                        .build());
        List<LedgerEvent> later = List.of(event(LedgerEventType.APPROVED, "prod", A)
                .detail("request", "job/shop/1/#1")
                .build());
        List<LedgerEvent> compacted = compacted(older, later);
        assertEquals(List.of(older.get(1), later.get(0)), compacted);
        assertNotEquals(all(older, later).size(), compacted.size());
    }
}
