package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON the page renders, parsed back and checked field by field. */
class DashboardJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CLUSTER_URL = "https://k8s.internal.example.com:6443";

    private final Events e = new Events();

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private DashboardQuery query(Instant now) {
        EnvironmentsConfiguration config = new EnvironmentsConfiguration(
                List.of(new Cluster("dev-eu", CLUSTER_URL, "k8s-token", null, false, 0)),
                List.of(),
                CellStateTest.CONFIG.environments(),
                null);
        DriftReadings drift = (app, environment) -> environment.equals("dev")
                ? Optional.of(new DriftReading(
                        DriftStatus.DIFFERENT, Events.digest('f'), Events.T0, now, "runs sha256:ffffffffffff instead"))
                : Optional.empty();
        return new DashboardQuery(
                config, LedgerIndex.of(e.events), drift, Visibility.ALL, Clock.fixed(now, ZoneOffset.UTC));
    }

    private void payments() {
        e.add(LedgerEvent.builder(LedgerEventType.DEPLOYED, "payments", "dev")
                .digest(Events.digest('a'))
                .actor("alice")
                .build("job/payments/job/main/41/")
                .namespace("payments-dev")
                .detail("strategy", "deploy")
                .detail("cluster", "dev-eu"));
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTED, "payments", "staging")
                .digest(Events.digest('a'))
                .actor("alice")
                .build("job/payments/job/main/42/")
                .detail("strategy", "registry")
                .detail("from", "dev")
                .detail("tag", "1.4.2")
                .detail("target", "registry.internal.example.com/team/payments:staging")
                .detail("gates", "PASS signature"));
        e.deploy("payments", "dev", 'b');
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTION_FAILED, "payments", "staging")
                .digest(Events.digest('b'))
                .build("job/payments/job/main/44/")
                .reason("gate scan failed: 2 critical findings")
                .detail("strategy", "registry"));
        e.add(LedgerEvent.builder(LedgerEventType.APPROVAL_REQUESTED, "payments", "prod")
                .digest(Events.digest('a'))
                .actor("alice")
                .build("job/payments/job/main/42/")
                .detail("request", "job/payments/job/main/42/#1")
                .detail("required", "2")
                .detail("eligible", "bob,ops-team")
                .detail("page", "job/payments/job/main/42/environment-approvals/")
                .detail("replaces", Events.digest('9')));
        e.add(LedgerEvent.builder(LedgerEventType.APPROVED, "payments", "prod")
                .digest(Events.digest('a'))
                .actor("bob")
                .build("job/payments/job/main/42/")
                .detail("request", "job/payments/job/main/42/#1")
                .detail("approvals", "1/2")
                .detail("state", "pending"));
        e.add(LedgerEvent.builder(LedgerEventType.DEPLOYED, "payments", "preview")
                .pr(1842)
                .digest(Events.digest('c'))
                .namespace("payments-pr-1842")
                .url("https://pr-1842.preview.example.com")
                .build("job/payments/job/PR-1842/3/")
                .detail("cluster", "dev-eu")
                .detail("job", "payments/PR-1842")
                .detail("expires", e.next().plus(Duration.ofHours(1)).toString()));
        e.add(LedgerEvent.builder(LedgerEventType.DEPLOYED, "payments", "preview")
                .pr(7)
                .digest(Events.digest('d'))
                .build("job/payments/job/PR-7/1/")
                .detail("cluster", "dev-eu")
                .detail("pinned", "true"));
    }

    @Test
    void theDashboardHasTheFieldsOfTheContract() throws Exception {
        payments();
        Instant now = e.next();
        JsonNode json = MAPPER.readTree(DashboardJson.write(query(now).dashboard()));

        assertEquals(List.of("generated", "revision", "environments", "apps", "previews", "approvals"), names(json));
        assertEquals(now.toString(), json.get("generated").asText());
        assertEquals(e.events.size(), json.get("revision").asLong());
        JsonNode staging = json.get("environments").get(1);
        assertEquals("staging", staging.get("name").asText());
        assertEquals("staging", staging.get("tier").asText());
        assertEquals("dev", staging.get("promotesFrom").asText());
        assertTrue(json.get("environments").get(0).get("promotesFrom").isNull());

        JsonNode app = json.get("apps").get(0);
        assertEquals("payments", app.get("name").asText());
        assertEquals(List.of("dev", "staging", "prod"), names(app.get("cells")));
    }

    @Test
    void aCellCarriesItsDigestBuildAndWhatWentWrong() throws Exception {
        payments();
        Instant now = e.next();
        JsonNode cells = MAPPER.readTree(DashboardJson.write(query(now).dashboard()))
                .get("apps")
                .get(0)
                .get("cells");

        JsonNode staging = cells.get("staging");
        assertEquals("failed", staging.get("state").asText());
        assertEquals(Events.digest('a'), staging.get("digest").asText());
        assertEquals("a".repeat(12), staging.get("short").asText());
        assertEquals("1.4.2", staging.get("tag").asText());
        assertTrue(staging.get("version").isNull());
        assertEquals("alice", staging.get("actor").asText());
        assertEquals("registry", staging.get("strategy").asText());
        assertEquals("payments » main #42", staging.get("build").get("name").asText());
        assertEquals(
                "job/payments/job/main/42/", staging.get("build").get("url").asText());
        assertEquals(1, staging.get("behind").asInt());
        assertEquals(
                "gate scan failed: 2 critical findings", staging.get("failure").asText());
        assertFalse(staging.has("promoting"));
        assertFalse(staging.has("drift"));

        JsonNode dev = cells.get("dev");
        assertEquals("drifted", dev.get("state").asText());
        assertFalse(dev.has("behind"));
        assertEquals("different", dev.get("drift").get("status").asText());
        assertEquals(Events.digest('f'), dev.get("drift").get("live").asText());
        assertEquals(Events.T0.toString(), dev.get("drift").get("since").asText());
        assertEquals(now.toString(), dev.get("drift").get("checked").asText());

        JsonNode prod = cells.get("prod");
        assertEquals("waiting", prod.get("state").asText());
        assertTrue(prod.get("digest").isNull(), "nothing runs in prod yet");
        assertTrue(prod.get("build").isNull());
    }

    @Test
    void aPromotionUnderWayIsDescribed() throws Exception {
        e.deploy("payments", "dev", 'a');
        Instant since = e.next();
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTION_STARTED, "payments", "staging")
                .digest(Events.digest('a'))
                .build("job/payments/job/main/50/")
                .detail("deadline", since.plusSeconds(600).toString()));
        JsonNode staging = MAPPER.readTree(DashboardJson.write(query(e.next()).dashboard()))
                .get("apps")
                .get(0)
                .get("cells")
                .get("staging");
        assertEquals("promoting", staging.get("state").asText());
        assertEquals(Events.digest('a'), staging.get("promoting").get("digest").asText());
        assertEquals(since.toString(), staging.get("promoting").get("since").asText());
        assertEquals(
                "payments » main #50",
                staging.get("promoting").get("build").get("name").asText());
    }

    @Test
    void previewsCarryJobUrlExpiryPinAndWhetherTheyExpired() throws Exception {
        payments();
        Instant later = e.next().plus(Duration.ofHours(2));
        JsonNode previews =
                MAPPER.readTree(DashboardJson.write(query(later).dashboard())).get("previews");
        assertEquals(2, previews.size());
        JsonNode seven = previews.get(0);
        assertEquals("7", seven.get("pr").asText(), "numbers in order");
        assertTrue(seven.get("pinned").asBoolean());
        assertFalse(seven.get("expired").asBoolean());
        assertTrue(seven.get("expires").isNull());
        assertTrue(seven.get("job").isNull());

        JsonNode preview = previews.get(1);
        assertEquals(
                List.of(
                        "app",
                        "pr",
                        "job",
                        "url",
                        "digest",
                        "short",
                        "deployed",
                        "expires",
                        "pinned",
                        "cluster",
                        "expired"),
                names(preview));
        assertEquals("payments", preview.get("app").asText());
        assertEquals("1842", preview.get("pr").asText());
        assertEquals("payments » PR-1842", preview.get("job").get("name").asText());
        assertEquals("job/payments/job/PR-1842/", preview.get("job").get("url").asText());
        assertEquals("https://pr-1842.preview.example.com", preview.get("url").asText());
        assertEquals("c".repeat(12), preview.get("short").asText());
        assertEquals("dev-eu", preview.get("cluster").asText());
        assertFalse(preview.get("pinned").asBoolean());
        assertTrue(preview.get("expired").asBoolean(), "its hour ran out");
    }

    @Test
    void approvalsSayWhoAskedWhatIsReplacedAndWhoMayApprove() throws Exception {
        payments();
        JsonNode approval = MAPPER.readTree(DashboardJson.write(query(e.next()).dashboard()))
                .get("approvals")
                .get(0);
        assertEquals(
                List.of(
                        "app",
                        "environment",
                        "digest",
                        "short",
                        "replaces",
                        "requester",
                        "approvals",
                        "required",
                        "eligible",
                        "page",
                        "requested",
                        "build"),
                names(approval));
        assertEquals("prod", approval.get("environment").asText());
        assertEquals(Events.digest('9'), approval.get("replaces").asText());
        assertEquals("alice", approval.get("requester").asText());
        assertEquals(1, approval.get("approvals").asInt());
        assertEquals(2, approval.get("required").asInt());
        assertEquals("bob", approval.get("eligible").get(0).asText());
        assertEquals("ops-team", approval.get("eligible").get(1).asText());
        assertEquals(
                "job/payments/job/main/42/environment-approvals/",
                approval.get("page").asText());
        assertEquals("payments » main #42", approval.get("build").get("name").asText());
    }

    @Test
    void noRegistryTargetClusterUrlOrCredentialIsWritten() {
        payments();
        DashboardQuery query = query(e.next());
        String dashboard = DashboardJson.write(query.dashboard());
        String history = DashboardJson.history(query.history(HistoryRequest.of("payments")));
        for (String json : List.of(dashboard, history)) {
            assertFalse(json.contains(CLUSTER_URL), json);
            assertFalse(json.contains("k8s-token"), json);
            assertFalse(json.contains("registry.internal.example.com"), json);
            assertFalse(json.contains("\"target\""), json);
            assertFalse(json.contains("\"gates\""), json);
        }
    }

    @Test
    void historyEventsCarryOnlyTheShownDetails() throws Exception {
        payments();
        DashboardQuery query = query(e.next());
        JsonNode history = MAPPER.readTree(
                DashboardJson.history(query.history(HistoryRequest.parse("payments", null, null, "promoted", null))));
        assertEquals(List.of("app", "total", "offset", "limit", "events"), names(history));
        assertEquals(1, history.get("total").asInt());
        assertEquals(50, history.get("limit").asInt());
        JsonNode promoted = history.get("events").get(0);
        assertEquals(
                List.of("type", "time", "environment", "pr", "digest", "short", "actor", "build", "reason", "details"),
                names(promoted));
        assertEquals("promoted", promoted.get("type").asText());
        assertEquals("staging", promoted.get("environment").asText());
        assertTrue(promoted.get("pr").isNull());
        assertEquals("payments » main #42", promoted.get("build").get("name").asText());
        assertEquals(List.of("strategy", "from", "tag"), names(promoted.get("details")));
    }

    @Test
    void anErrorIsOneMessage() throws Exception {
        JsonNode error = MAPPER.readTree(DashboardJson.error("limit must be a whole number from 1 to 200, not 'x'"));
        assertEquals(List.of("error"), names(error));
        assertEquals(
                "limit must be a whole number from 1 to 200, not 'x'",
                error.get("error").asText());
    }
}
