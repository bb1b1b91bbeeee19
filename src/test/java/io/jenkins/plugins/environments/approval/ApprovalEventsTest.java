package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.OPENED;
import static io.jenkins.plugins.environments.approval.Scenario.OTHER_DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.given;
import static io.jenkins.plugins.environments.approval.Scenario.user;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events of a request's life besides its decisions: requested and cancelled, and the key every event carries. */
class ApprovalEventsTest {

    private static final String BUILD = "job/shop/7/";
    private static final String KEY = "job/shop/7/#1";
    private static final String PAGE = "job/shop/7/approvals/";

    @Test
    void theKeyIsTheBuildAndTheRequestsId() {
        assertEquals(KEY, ApprovalEvents.requestKey(BUILD, "1"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ApprovalEvents.requestKey(" ", "1"));
        assertEquals("A request's key needs its build's URL and its id", e.getMessage());
    }

    @Test
    void requestedSaysWhoAskedWhatIsNeededWhoMayApproveAndWhatItReplaces() {
        ApprovalRequest request = given().request();

        LedgerEvent event = ApprovalEvents.requested(request, KEY, BUILD, PAGE, OTHER_DIGEST)
                .build();

        assertAll(
                () -> assertEquals(LedgerEventType.APPROVAL_REQUESTED, event.type()),
                () -> assertEquals(OPENED, event.time(), "when the request opened"),
                () -> assertEquals("shop", event.app()),
                () -> assertEquals("prod", event.environment()),
                () -> assertEquals(DIGEST, event.digest()),
                () -> assertEquals("dave", event.actor(), "who started the build"),
                () -> assertEquals(BUILD, event.build()),
                () -> assertNull(event.reason()),
                () -> assertEquals(
                        Map.of(
                                "actorKind", "user",
                                "request", KEY,
                                "required", "2",
                                "eligible", "alice,bob,carol,dave,erin,group:release-managers",
                                "page", PAGE,
                                "replaces", OTHER_DIGEST,
                                "deadline", "2026-11-29T10:00:00Z"),
                        event.details()));
    }

    @Test
    void aBuildNobodyStartedAsksAsSystemAndAnEnvironmentWithoutListedApproversNamesNone() {
        ApprovalRequest request = given().origin(RunOrigin.startedAutomatically(List.of()))
                .gate(Scenario.gates(1, List.of()))
                .request();

        LedgerEvent event =
                ApprovalEvents.requested(request, KEY, BUILD, PAGE, null).build();

        assertEquals(LedgerEvent.SYSTEM, event.actor());
        assertEquals(
                Map.of(
                        "actorKind", "plugin",
                        "request", KEY,
                        "required", "1",
                        "page", PAGE,
                        "deadline", "2026-11-29T10:00:00Z"),
                event.details(),
                "no eligible (anyone who may build the job) and nothing replaced");
    }

    @Test
    void cancelledEndsTheRequestBySystemWithTheApprovalsItHad() {
        ApprovalRequest request = given().approvedBy(user("alice")).request();
        Instant stopped = OPENED.plusSeconds(3600);

        LedgerEvent event =
                ApprovalEvents.cancelled(request, KEY, BUILD, stopped).build();

        assertAll(
                () -> assertEquals(LedgerEventType.APPROVAL_CANCELLED, event.type()),
                () -> assertEquals(stopped, event.time()),
                () -> assertEquals(DIGEST, event.digest()),
                () -> assertEquals(LedgerEvent.SYSTEM, event.actor()),
                () -> assertEquals("stopped", event.reason()),
                () -> assertEquals(BUILD, event.build()),
                () -> assertEquals(Map.of("actorKind", "plugin", "request", KEY, "approvals", "1/2"), event.details()));
    }

    @Test
    void everyOutcomeCarriesTheSameKeyAsTheRequest() {
        List<Scenario> scenarios = List.of(
                given().approve(user("alice")),
                given().approvedBy(user("alice")).approve(user("bob")),
                given().reject(user("bob")),
                given().expireAtDeadline(),
                given().approve(user("dave")));
        ApprovalRequest opened = given().request();
        String requested = ApprovalEvents.requested(opened, KEY, BUILD, PAGE, null)
                .build()
                .details()
                .get(ApprovalEvents.REQUEST);
        for (Scenario scenario : scenarios) {
            LedgerEvent outcome = scenario.attempt(scenario.request())
                    .toLedgerEvent(KEY)
                    .build(BUILD)
                    .build();
            assertEquals(
                    requested, outcome.details().get("request"), outcome.type().id());
        }
    }

    @Test
    void theRequestedEventIsFoundByItsKeyOnly() {
        ApprovalRequest request = given().request();
        LedgerEvent first =
                ApprovalEvents.requested(request, KEY, BUILD, PAGE, null).build();
        LedgerEvent outcome = given().approve(user("alice"))
                .attempt(request)
                .toLedgerEvent("job/shop/7/#2")
                .build();

        assertTrue(ApprovalEvents.isRequested(List.of(outcome, first), KEY));
        assertFalse(ApprovalEvents.isRequested(List.of(first, outcome), "job/shop/7/#2"), "an outcome is no request");
        assertFalse(ApprovalEvents.isRequested(List.of(first), "job/shop/8/#1"));
    }
}
