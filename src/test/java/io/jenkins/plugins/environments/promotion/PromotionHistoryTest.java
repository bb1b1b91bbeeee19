package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, class 6, the rule itself: a rollback goes back, never forward. Each row is the ledger of {@code shop} in
 * {@code prod} written as events ({@code P} promoted through the gates, {@code R} rolled back, {@code D} deployed by
 * other means, {@code S} and {@code F} a promotion started and failed, which moved nothing) and the digest a rollback
 * must go to, or none.
 */
class PromotionHistoryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String A = digest('a');
    private static final String B = digest('b');
    private static final String C = digest('c');
    private static final String D = digest('d');

    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    /** Events such as {@code "P a", "R b"}: the type's letter and the digest's letter. */
    private static List<LedgerEvent> events(String... written) {
        List<LedgerEvent> events = new ArrayList<>();
        for (String e : written) {
            LedgerEventType type =
                    switch (e.charAt(0)) {
                        case 'P' -> LedgerEventType.PROMOTED;
                        case 'R' -> LedgerEventType.ROLLED_BACK;
                        case 'D' -> LedgerEventType.DEPLOYED;
                        case 'S' -> LedgerEventType.PROMOTION_STARTED;
                        case 'F' -> LedgerEventType.PROMOTION_FAILED;
                        default -> throw new IllegalArgumentException(e);
                    };
            String app = e.length() > 3 ? e.substring(4) : "shop";
            events.add(LedgerEvent.builder(type, app, "prod")
                    .digest(digest(e.charAt(2)))
                    .time(NOW.plusSeconds(events.size()))
                    .build());
        }
        return events;
    }

    private static Arguments row(String rule, String target, String... written) {
        return Arguments.argumentSet(rule, List.of(written), Optional.ofNullable(target));
    }

    static Stream<Arguments> histories() {
        return Stream.of(
                row("noHistoryNoTarget", null),
                row("oneDigestNoTarget", null, "P a"),
                row("theDigestBeforeTheCurrentOne", A, "P a", "P b"),
                row("theLatestEarlierDigest", B, "P a", "P b", "P c"),
                row("aRepeatedCurrentDigestIsSkipped", A, "P a", "P b", "P b"),
                row("aSecondRollbackGoesOneFurtherBack", A, "P a", "P b", "P c", "R b"),
                row("aThirdRollbackHasNowhereToGo", null, "P a", "P b", "P c", "R b", "R a"),
                row("neverForwardToWhatWasRolledBackFrom", null, "P a", "P b", "R a"),
                row("neverBackToWhatWasRolledBackFromAfterANewPromotion", A, "P a", "P b", "R a", "P c"),
                row("onlyDigestsThatPassedTheGatesHere", null, "D a", "P b"),
                row("aDeployedDigestIsSkippedForAnEarlierPromotedOne", A, "P a", "D b", "P c"),
                row("aRollbackEventItselfIsNotATarget", null, "P b", "R a", "P c"),
                row("anotherAppsHistoryDoesNotCount", null, "P a docs-site", "P b"),
                row("anotherAppsRollbackDoesNotMarkThisApp", A, "P a", "P b docs-site", "R a docs-site", "P b"),
                row("aDigestPromotedAgainAfterOthersIsCurrentNotATarget", C, "P a", "P c", "P a"),
                row("aStartedPromotionIsNoDeploy", A, "P a", "P b", "S c"),
                row("aFailedPromotionIsNoDeploy", A, "P a", "S b", "P b", "S c", "F c"),
                row("aFailedRollbackLeavesTheTarget", A, "P a", "P b", "S a", "F a"),
                row("onlyAStartOrAFailureIsNoHistory", null, "S a", "F a", "S b"));
    }

    @ParameterizedTest
    @MethodSource("histories")
    void aRollbackGoesBackNeverForward(List<String> written, Optional<String> target) {
        PromotionHistory history = PromotionHistory.of(events(written.toArray(String[]::new)), "shop", "prod");

        assertEquals(target, history.rollbackTarget());
    }

    @ParameterizedTest
    @MethodSource("histories")
    void theDigestRolledBackToIsNeverOneRolledBackFrom(List<String> written, Optional<String> target) {
        PromotionHistory history = PromotionHistory.of(events(written.toArray(String[]::new)), "shop", "prod");
        Set<String> from = history.rolledBackFrom();

        target.ifPresent(t -> assertEquals(false, from.contains(t), "target " + t + " was rolled back from"));
        target.ifPresent(
                t -> assertEquals(false, history.current().orElseThrow().equals(t), "target is current"));
    }

    @org.junit.jupiter.api.Test
    void aRecordedRolledBackFromCountsEvenWhenTheEventBeforeIsAnotherDigest() {
        List<LedgerEvent> events = new ArrayList<>(events("P a", "P b", "P c"));
        events.add(LedgerEvent.builder(LedgerEventType.ROLLED_BACK, "shop", "prod")
                .digest(B)
                .detail(PromotionHistory.ROLLED_BACK_FROM, D)
                .time(NOW.plusSeconds(10))
                .build());

        PromotionHistory history = PromotionHistory.of(events, "shop", "prod");

        assertEquals(Set.of(C, D), history.rolledBackFrom());
        assertEquals(Optional.of(A), history.rollbackTarget());
    }

    @org.junit.jupiter.api.Test
    void startsAndFailuresChangeNeitherWhatRunsNorTheHold() {
        List<LedgerEvent> events = new ArrayList<>(events("P a", "R b"));
        events.add(LedgerEvent.builder(LedgerEventType.ROLLED_BACK, "shop", "prod")
                .digest(A)
                .detail(PromotionHistory.HOLD, "true")
                .time(NOW.plusSeconds(10))
                .build());
        events.addAll(events("S c", "F c"));

        PromotionHistory history = PromotionHistory.of(events, "shop", "prod");

        assertEquals(Optional.of(A), history.current());
        assertEquals(true, history.held());
        assertEquals(false, history.runs(C));
    }

    @org.junit.jupiter.api.Test
    void theHistoryShownIsTheLatestTenOldestFirst() {
        String[] written = new String[12];
        for (int i = 0; i < 12; i++) {
            written[i] = "P " + (i % 2 == 0 ? 'a' : 'b');
        }

        String shown = PromotionHistory.of(events(written), "shop", "prod").describe();

        assertEquals(
                "2 earlier, then " + "sha256:aaaaaaaaaaaa… promoted, sha256:bbbbbbbbbbbb… promoted, ".repeat(4)
                        + "sha256:aaaaaaaaaaaa… promoted, sha256:bbbbbbbbbbbb… promoted (current)",
                shown);
    }
}
