package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Tier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The data endpoint's answers for a view: the view's apps, environments and previews narrow what the person sees;
 * bad history parameters answer 400 with a message, an app outside the view or an unknown path 404.
 */
class DashboardDataTest {

    private static final Instant NOW = Instant.parse("2026-12-07T23:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvironmentsConfiguration config = new EnvironmentsConfiguration(
            List.of(new Cluster("dev-eu", "https://dev.k8s.example.com:6443", "dev-token", null, false, 10)),
            List.of(),
            List.of(
                    environment("dev", Tier.DEV, null),
                    environment("staging", Tier.STAGING, "dev"),
                    environment("prod", Tier.PROD, "staging")),
            null);
    private final LedgerIndex index = LedgerIndex.of(events());

    @Test
    void everythingWhenTheViewFiltersNothing() throws Exception {
        JsonNode data = data(ViewFilter.ALL, Visibility.ALL);

        assertEquals(List.of("dev", "staging", "prod"), names(data.get("environments")));
        assertEquals(List.of("checkout", "payments-api", "payments-db"), names(data.get("apps")));
        assertEquals(1, data.get("previews").size());
        assertEquals("checkout", data.get("previews").get(0).get("app").asText());
    }

    @Test
    void theViewsAppPatternsLeaveOutOtherAppsAndTheirPreviews() throws Exception {
        JsonNode data = data(ViewFilter.of("payments-*", null, true), Visibility.ALL);

        assertEquals(List.of("payments-api", "payments-db"), names(data.get("apps")));
        assertEquals(0, data.get("previews").size(), "the preview is checkout's");
    }

    @Test
    void theViewsEnvironmentsAreTheOnlyColumns() throws Exception {
        JsonNode data = data(ViewFilter.of(null, "prod, staging", true), Visibility.ALL);

        assertEquals(List.of("staging", "prod"), names(data.get("environments")), "in promotion order");
        JsonNode payments = data.get("apps").get(1);
        assertEquals("payments-api", payments.get("name").asText());
        assertEquals(List.of("staging", "prod"), fieldNames(payments.get("cells")));
        assertFalse(data.toString().contains("\"dev\""), data.toString());
    }

    @Test
    void aViewNeverShowsWhatThePersonMayNotSee() throws Exception {
        Visibility noProd = Visibility.of(build -> !build.startsWith("job/payments-db/"), env -> !env.equals("prod"));

        JsonNode data = data(ViewFilter.of("payments-*", "staging, prod", true), noProd);

        assertEquals(List.of("staging"), names(data.get("environments")));
        assertEquals(List.of("payments-api"), names(data.get("apps")));
    }

    @Test
    void previewsAreLeftOutWhenTheViewHidesThem() throws Exception {
        JsonNode data = data(ViewFilter.of(null, null, false), Visibility.ALL);

        assertEquals(0, data.get("previews").size());
        assertEquals(3, data.get("apps").size());
    }

    @Test
    void historyOfAnAppOfTheView() throws Exception {
        DashboardData.Answer answer = endpoint(ViewFilter.ALL, Visibility.ALL)
                .answer("/history", Map.of("app", "payments-api", "limit", "2", "environment", "prod")::get);

        assertEquals(200, answer.status(), answer.json());
        JsonNode page = JSON.readTree(answer.json());
        assertEquals(1, page.get("total").asInt());
        assertEquals("prod", page.get("events").get(0).get("environment").asText());
    }

    @Test
    void badHistoryParametersAnswer400SayingWhatIsWrong() throws Exception {
        DashboardData endpoint = endpoint(ViewFilter.ALL, Visibility.ALL);

        assertEquals(
                error(400, "limit must be a whole number from 1 to 200, not 0"),
                endpoint.answer("history", Map.of("app", "checkout", "limit", "0")::get));
        DashboardData.Answer type = endpoint.answer("history/", Map.of("app", "checkout", "type", "nonsense")::get);
        assertEquals(400, type.status());
        assertTrue(
                JSON.readTree(type.json())
                        .get("error")
                        .asText()
                        .startsWith("type 'nonsense' is not an event type: use one or more of deployed, "),
                type.json());
        assertEquals(
                error(400, "app is required: name the app whose history to show, such as app=payments"),
                endpoint.answer("history", Map.<String, String>of()::get));
    }

    @Test
    void anAppOutsideTheViewOrAnUnknownPathAnswers404() throws Exception {
        DashboardData endpoint = endpoint(ViewFilter.of("payments-*", null, true), Visibility.ALL);

        assertEquals(
                error(404, "This view does not show the app 'checkout'."),
                endpoint.answer("history", Map.of("app", "checkout")::get));
        assertEquals(
                error(404, "Nothing here: ask for data or data/history."),
                endpoint.answer("everything", Map.<String, String>of()::get));
    }

    private static DashboardData.Answer error(int status, String message) {
        return new DashboardData.Answer(status, DashboardJson.error(message));
    }

    private JsonNode data(ViewFilter filter, Visibility person) throws Exception {
        DashboardData.Answer answer = endpoint(filter, person).answer("", name -> null);
        assertEquals(200, answer.status(), answer.json());
        return JSON.readTree(answer.json());
    }

    private DashboardData endpoint(ViewFilter filter, Visibility person) {
        DashboardQuery query = new DashboardQuery(
                config,
                index,
                DriftReadings.NONE,
                DashboardData.narrowed(person, filter),
                Clock.fixed(NOW, ZoneOffset.UTC));
        return new DashboardData(query, filter);
    }

    private static List<LedgerEvent> events() {
        List<LedgerEvent> events = new ArrayList<>();
        Instant time = NOW.minusSeconds(3600);
        int build = 1;
        for (String app : List.of("payments-api", "payments-db", "checkout")) {
            for (String environment : List.of("dev", "staging", "prod")) {
                time = time.plusSeconds(60);
                events.add(LedgerEvent.builder(LedgerEventType.PROMOTED, app, environment)
                        .time(time)
                        .digest(digest(build))
                        .actor("alice")
                        .build("job/" + app + "/job/main/" + build++ + "/")
                        .build());
            }
        }
        events.add(LedgerEvent.builder(LedgerEventType.DEPLOYED, "checkout", "preview")
                .time(time.plusSeconds(60))
                .pr("311")
                .digest(digest(99))
                .url("https://pr-311.preview.example.com")
                .build("job/checkout/job/PR-311/1/")
                .build());
        return events;
    }

    private static Environment environment(String name, Tier tier, String promotesFrom) {
        return new Environment(
                name, tier, "dev-eu", null, null, null, promotesFrom, null, null, null, List.of("**"), null);
    }

    private static String digest(int i) {
        return "sha256:" + String.format("%064x", i);
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(n -> n.get("name").asText())
                .toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
