package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One app's history: newest first, paged, filtered, and a clear message for a request that cannot be answered. */
class HistoryRequestTest {

    private final Events e = new Events();

    private DashboardQuery query() {
        return new DashboardQuery(
                CellStateTest.CONFIG,
                LedgerIndex.of(e.events),
                DriftReadings.NONE,
                Visibility.ALL,
                Clock.fixed(e.next(), ZoneOffset.UTC));
    }

    private static String message(String app, String offset, String limit, String type, String environment) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> HistoryRequest.parse(app, offset, limit, type, environment))
                .getMessage();
    }

    private void ledgerOf120() {
        for (int i = 0; i < 40; i++) {
            e.deploy("shop", "dev", 'a');
            e.add(LedgerEventType.PROMOTED, "shop", "staging", 'a');
            e.deploy("cart", "dev", 'b');
        }
    }

    @Test
    void pagesGoFromTheNewestEventBackwards() {
        ledgerOf120();
        HistoryPage first = query().history(HistoryRequest.parse("shop", "0", "30", null, null));
        assertEquals(80, first.total());
        assertEquals(30, first.events().size());
        assertEquals(e.events.get(118).time(), first.events().get(0).time(), "the newest of shop first");
        assertTrue(first.events().get(0).time().isAfter(first.events().get(1).time()));

        HistoryPage last = query().history(HistoryRequest.parse("shop", "60", "30", null, null));
        assertEquals(20, last.events().size());
        assertEquals(e.events.get(0).time(), last.events().get(19).time(), "the oldest last");

        HistoryPage beyond = query().history(HistoryRequest.parse("shop", "500", null, null, null));
        assertEquals(80, beyond.total());
        assertEquals(List.of(), beyond.events());
        assertEquals(HistoryRequest.DEFAULT_LIMIT, beyond.limit());
    }

    @Test
    void filtersByTypesAndEnvironment() {
        ledgerOf120();
        e.requested("shop", "prod", 'a', "r1");
        DashboardQuery query = query();
        assertEquals(
                40,
                query.history(HistoryRequest.parse("shop", null, null, "promoted", null))
                        .total());
        assertEquals(
                41,
                query.history(HistoryRequest.parse("shop", null, null, "promoted, approval-requested", null))
                        .total());
        assertEquals(
                40,
                query.history(HistoryRequest.parse("shop", null, null, null, "dev"))
                        .total());
        assertEquals(
                0,
                query.history(HistoryRequest.parse("shop", null, null, "deployed", "staging"))
                        .total());
        assertTrue(query.history(HistoryRequest.parse("shop", null, "200", "deployed", "dev")).events().stream()
                .allMatch(h ->
                        h.type() == LedgerEventType.DEPLOYED && h.environment().equals("dev")));
    }

    @Test
    void anUnknownAppHasAnEmptyHistory() {
        ledgerOf120();
        HistoryPage page = query().history(HistoryRequest.of("nobody"));
        assertEquals(0, page.total());
        assertEquals("nobody", page.app());
    }

    @Test
    void blankParametersTakeTheirDefaults() {
        HistoryRequest request = HistoryRequest.parse(" shop ", "", " ", ",", "");
        assertEquals(new HistoryRequest("shop", 0, 50, Set.of(), null), request);
    }

    @Test
    void theAppIsRequiredAndMustBeAnAppName() {
        assertEquals(
                "app is required: name the app whose history to show, such as app=payments",
                message(null, null, null, null, null));
        assertEquals(
                "app is required: name the app whose history to show, such as app=payments",
                message(" ", null, null, null, null));
        assertTrue(message("Shop/../x", null, null, null, null)
                .startsWith("app 'Shop/../x' is not an app name: use at most 63 lower-case letters"));
    }

    @Test
    void limitMustBeFromOneToTwoHundred() {
        assertEquals("limit must be a whole number from 1 to 200, not 0", message("shop", null, "0", null, null));
        assertEquals("limit must be a whole number from 1 to 200, not 201", message("shop", null, "201", null, null));
        assertEquals("limit must be a whole number from 1 to 200, not 'ten'", message("shop", null, "ten", null, null));
        assertEquals(200, HistoryRequest.parse("shop", null, "200", null, null).limit());
    }

    @Test
    void offsetMustBeAWholeNumberOfZeroOrMore() {
        assertEquals("offset must be a whole number of 0 or more, not -1", message("shop", "-1", null, null, null));
        assertEquals("offset must be a whole number of 0 or more, not '1.5'", message("shop", "1.5", null, null, null));
    }

    @Test
    void unknownTypesAreNamedWithTheKnownOnes() {
        String message = message("shop", null, null, "promoted,deploy", null);
        assertTrue(
                message.startsWith("type 'deploy' is not an event type: use one or more of deployed, torn-down,"),
                message);
        assertTrue(message.contains("promotion-failed"), message);
    }

    @Test
    void theEnvironmentMustBeAnEnvironmentName() {
        assertTrue(message("shop", null, null, null, "PROD!")
                .startsWith("environment 'PROD!' is not an environment name"));
    }
}
