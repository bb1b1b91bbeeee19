package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a person who may not see some jobs or environments gets: none of their rows. */
class VisibilityTest {

    private final Events e = new Events();

    private DashboardQuery query(Visibility visibility) {
        return new DashboardQuery(
                CellStateTest.CONFIG,
                LedgerIndex.of(e.events),
                DriftReadings.NONE,
                visibility,
                Clock.fixed(e.next(), ZoneOffset.UTC));
    }

    private static Visibility hidingBuildsOf(String app) {
        return Visibility.of(build -> !build.startsWith("job/" + app + "/"), environment -> true);
    }

    private void shopAndCart() {
        e.deploy("shop", "dev", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "staging", 'a');
        e.deploy("cart", "dev", 'b');
        e.add(LedgerEventType.PROMOTED, "cart", "staging", 'b');
        e.requested("shop", "prod", 'a', "r-shop");
        e.requested("cart", "prod", 'b', "r-cart");
        e.add(LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "preview")
                .pr(5)
                .digest(Events.digest('c'))
                .build("job/shop/job/PR-5/1/")
                .detail("job", "shop/PR-5"));
        e.add(LedgerEvent.builder(LedgerEventType.DEPLOYED, "cart", "preview")
                .pr(6)
                .digest(Events.digest('d'))
                .build("job/cart/job/PR-6/1/")
                .detail("job", "cart/PR-6"));
    }

    @Test
    void everythingIsShownToWhoMaySeeEverything() {
        shopAndCart();
        Dashboard dashboard = query(Visibility.ALL).dashboard();
        assertEquals(
                List.of("cart", "shop"),
                dashboard.apps().stream().map(Dashboard.Row::name).toList());
        assertEquals(2, dashboard.previews().size());
        assertEquals(2, dashboard.approvals().size());
        assertEquals(3, dashboard.environments().size());
    }

    @Test
    void aHiddenBuildGivesNoCellPreviewApprovalOrHistoryEvent() {
        shopAndCart();
        DashboardQuery query = query(hidingBuildsOf("shop"));
        Dashboard dashboard = query.dashboard();

        assertEquals(
                List.of("cart"),
                dashboard.apps().stream().map(Dashboard.Row::name).toList());
        assertEquals(
                List.of("cart"),
                dashboard.previews().stream().map(p -> p.preview().app()).toList());
        assertEquals(
                List.of("cart"),
                dashboard.approvals().stream().map(PendingApproval::app).toList());
        assertEquals(0, query.history(HistoryRequest.of("shop")).total());
        assertEquals(4, query.history(HistoryRequest.of("cart")).total());
        assertFalse(DashboardJson.write(dashboard).contains("shop"));
    }

    @Test
    void aHiddenEnvironmentIsNoColumnAndNoneOfItsApprovalsOrHistory() {
        shopAndCart();
        DashboardQuery query = query(Visibility.of(build -> true, environment -> !environment.equals("prod")));
        Dashboard dashboard = query.dashboard();

        assertEquals(
                List.of("dev", "staging"),
                dashboard.environments().stream().map(Dashboard.Column::name).toList());
        assertEquals(List.of(), dashboard.approvals());
        assertTrue(dashboard.apps().stream().allMatch(r -> r.cell("prod") == null));
        assertTrue(query.history(HistoryRequest.of("shop")).events().stream()
                .noneMatch(h -> "prod".equals(h.environment())));
        assertEquals(
                1,
                query.history(HistoryRequest.of("shop")).events().stream()
                        .filter(HistoryEntry::isPreview)
                        .count(),
                "previews are not an environment to hide");
    }

    @Test
    void anAppWithNothingLeftVisibleIsNoRow() {
        e.deploy("shop", "prod", 'a');
        e.deploy("cart", "dev", 'b');
        Dashboard dashboard = query(Visibility.of(build -> true, environment -> !environment.equals("prod")))
                .dashboard();
        assertEquals(
                List.of("cart"),
                dashboard.apps().stream().map(Dashboard.Row::name).toList());
    }

    @Test
    void aVisiblePromotionIntoACellWhoseCurrentBuildIsHiddenShowsOnlyThePromotion() {
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/secret/job/main/1/"));
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTION_STARTED, "shop", "prod")
                .digest(Events.digest('b'))
                .build("job/shop/job/main/2/")
                .detail("deadline", e.next().plusSeconds(600).toString()));
        Dashboard.Cell cell =
                query(hidingBuildsOf("secret")).dashboard().apps().get(0).cell("prod");
        assertEquals(CellState.PROMOTING, cell.state());
        assertNull(cell.current(), "the hidden build's digest is not shown");
    }

    @Test
    void behindIsNotShownWhenTheSourceEnvironmentIsHidden() {
        e.deploy("shop", "dev", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "staging", 'a');
        e.deploy("shop", "dev", 'b');
        Dashboard dashboard = query(Visibility.of(build -> true, environment -> !environment.equals("dev")))
                .dashboard();
        Dashboard.Cell staging = dashboard.apps().get(0).cell("staging");
        assertEquals(CellState.CURRENT, staging.state());
        assertEquals(0, staging.behind());
        assertNull(dashboard.environments().get(0).promotesFrom(), "a hidden source is not named");
    }

    @Test
    void aSweptPreviewsTeardownBelongsToThePreviewsBuild() {
        e.add(LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "preview")
                .pr(5)
                .digest(Events.digest('c'))
                .build("job/shop/job/PR-5/1/"));
        e.add(LedgerEvent.builder(LedgerEventType.TORN_DOWN, "shop", "preview")
                .pr(5)
                .actor(LedgerEvent.SYSTEM)
                .reason("ttl"));
        assertEquals(
                0,
                query(hidingBuildsOf("shop")).history(HistoryRequest.of("shop")).total());
        assertEquals(2, query(Visibility.ALL).history(HistoryRequest.of("shop")).total());
    }

    @Test
    void theDashboardCanBeNarrowedToAppsAndWithoutPreviews() {
        shopAndCart();
        Dashboard narrowed = query(Visibility.ALL)
                .dashboard()
                .onlyApps(Set.of("shop")::contains)
                .withoutPreviews();
        assertEquals(
                List.of("shop"),
                narrowed.apps().stream().map(Dashboard.Row::name).toList());
        assertEquals(
                List.of("shop"),
                narrowed.approvals().stream().map(PendingApproval::app).toList());
        assertEquals(List.of(), narrowed.previews());
    }
}
