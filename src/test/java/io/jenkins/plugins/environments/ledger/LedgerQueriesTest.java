package io.jenkins.plugins.environments.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.ledger.LedgerQueries.EnvironmentState;
import io.jenkins.plugins.environments.ledger.LedgerQueries.OpenPreview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerQueriesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private final List<LedgerEvent> events = new ArrayList<>();

    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    private LedgerEvent.Builder add(LedgerEventType type, String app, String environment) {
        return LedgerEvent.builder(type, app, environment).time(T0.plusSeconds(60L * events.size()));
    }

    private LedgerEvent record(LedgerEvent.Builder builder) {
        LedgerEvent event = builder.build();
        events.add(event);
        return event;
    }

    @Test
    void latestStateFollowsRedeploysPromotionsRollbacksAndTeardowns() {
        record(add(LedgerEventType.DEPLOYED, "shop", "dev").digest(digest('a')).namespace("shop-dev"));
        record(add(LedgerEventType.DEPLOYED, "shop", "dev").digest(digest('b')).namespace("shop-dev"));
        LedgerEvent promoted = record(add(LedgerEventType.PROMOTED, "shop", "prod")
                .digest(digest('b'))
                .actor("alice")
                .build("https://ci/job/shop/9/")
                .detail("from", "dev"));
        record(add(LedgerEventType.APPROVED, "shop", "prod").digest(digest('c')).actor("bob"));
        record(add(LedgerEventType.DEPLOYED, "api", "staging").digest(digest('d')));
        record(add(LedgerEventType.TORN_DOWN, "api", "staging").reason("manual"));
        record(add(LedgerEventType.DEPLOYED, "api", "dev").digest(digest('e')));
        record(add(LedgerEventType.DEPLOYED, "api", "dev").digest(digest('f')));
        LedgerEvent rolledBack =
                record(add(LedgerEventType.ROLLED_BACK, "api", "dev").digest(digest('e')));
        record(add(LedgerEventType.DEPLOYED, "shop", "preview").pr(5).digest(digest('9')));
        record(add(LedgerEventType.TORN_DOWN, "shop", "dev").reason("manual"));
        LedgerEvent redeployed =
                record(add(LedgerEventType.DEPLOYED, "shop", "dev").url("https://dev.shop"));

        assertEquals(
                List.of(
                        EnvironmentState.of(rolledBack),
                        EnvironmentState.of(redeployed),
                        EnvironmentState.of(promoted)),
                LedgerQueries.latestStates(events));
        EnvironmentState prod = LedgerQueries.latestStates(events).get(2);
        assertEquals("prod", prod.environment());
        assertEquals(digest('b'), prod.digest());
        assertEquals(LedgerEventType.PROMOTED, prod.type());
        assertEquals("alice", prod.actor());
        EnvironmentState dev = LedgerQueries.latestStates(events).get(1);
        assertEquals(null, dev.digest());
        assertEquals("https://dev.shop", dev.url());
    }

    @Test
    void openPreviewsAfterDeployRedeployAndTeardown() {
        record(add(LedgerEventType.DEPLOYED, "shop", "preview")
                .pr(12)
                .digest(digest('a'))
                .namespace("pr-12")
                .url("https://pr-12.shop"));
        record(add(LedgerEventType.DEPLOYED, "shop", "preview").pr(3).namespace("pr-3"));
        record(add(LedgerEventType.DEPLOYED, "api", "preview").pr(3).namespace("api-pr-3"));
        LedgerEvent redeploy =
                record(add(LedgerEventType.DEPLOYED, "shop", "preview").pr(12).digest(digest('b')));
        record(add(LedgerEventType.TORN_DOWN, "shop", "preview").pr(3).reason("pr-closed"));
        record(add(LedgerEventType.DEPLOYED, "shop", "preview").pr(40).namespace("pr-40"));
        record(add(LedgerEventType.TORN_DOWN, "shop", "preview").pr(40).reason("ttl"));
        LedgerEvent reopened =
                record(add(LedgerEventType.DEPLOYED, "shop", "preview").pr(40).namespace("pr-40"));
        record(add(LedgerEventType.DEPLOYED, "shop", "prod").digest(digest('c')));
        record(add(LedgerEventType.TORN_DOWN, "shop", "prod"));

        assertEquals(
                List.of(
                        new OpenPreview(
                                "api",
                                "preview",
                                "3",
                                "api-pr-3",
                                null,
                                events.get(2).time(),
                                null),
                        new OpenPreview(
                                "shop", "preview", "12", "pr-12", "https://pr-12.shop", redeploy.time(), digest('b')),
                        new OpenPreview("shop", "preview", "40", "pr-40", null, reopened.time(), null)),
                LedgerQueries.openPreviews(events));
        assertEquals(List.of(), LedgerQueries.latestStates(events));
    }

    @Test
    void prsSortByNumberThenText() {
        List<String> prs = new ArrayList<>(List.of("b", "10", "9", "a", "009", "100"));
        prs.sort(LedgerQueries::comparePrs);
        // equal numbers keep their order: the sort is stable
        assertEquals(List.of("9", "009", "10", "100", "a", "b"), prs);
    }

    @Test
    void historyIsNewestFirstForOneAppAndLimited() {
        LedgerEvent first = record(add(LedgerEventType.DEPLOYED, "shop", "dev"));
        record(add(LedgerEventType.DEPLOYED, "api", "dev"));
        LedgerEvent second = record(add(LedgerEventType.PROMOTED, "shop", "prod"));
        LedgerEvent third = record(add(LedgerEventType.APPROVAL_EXPIRED, "shop", "prod"));
        record(add(LedgerEventType.TORN_DOWN, "api", "dev"));

        assertEquals(List.of(third, second, first), LedgerQueries.history(events, "shop"));
        assertEquals(List.of(third, second), LedgerQueries.history(events, "shop", 2));
        assertEquals(List.of(), LedgerQueries.history(events, "shop", 0));
        assertEquals(List.of(), LedgerQueries.history(events, "nobody"));
        assertEquals(
                "limit must not be negative, not -1",
                assertThrows(IllegalArgumentException.class, () -> LedgerQueries.history(events, "shop", -1))
                        .getMessage());
    }
}
