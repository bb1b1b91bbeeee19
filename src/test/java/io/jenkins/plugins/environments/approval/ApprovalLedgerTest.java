package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.OTHER_DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.given;
import static io.jenkins.plugins.environments.approval.Scenario.user;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every decision and refusal becomes one ledger event. */
class ApprovalLedgerTest {

    private static final Instant ATTEMPT = Instant.parse("2026-11-28T11:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-11-29T10:00:00Z");

    private static Arguments event(
            String rule,
            Scenario scenario,
            LedgerEventType type,
            Instant time,
            String actor,
            String reason,
            Map<String, String> details) {
        return Arguments.argumentSet(rule, scenario, type, time, actor, reason, details);
    }

    static Stream<Arguments> events() {
        return Stream.of(
                event(
                        "countedApprovalIsApproved",
                        given().approve(user("alice"), new Decision("prod", DIGEST, "looks good", "CHG-1")),
                        LedgerEventType.APPROVED,
                        ATTEMPT,
                        "alice",
                        null,
                        Map.of(
                                "approvals",
                                "1/2",
                                "state",
                                "pending",
                                "comment",
                                "looks good",
                                "changeTicket",
                                "CHG-1")),
                event(
                        "lastApprovalIsApprovedWithTheApprovedState",
                        given().approvedBy(user("alice")).approve(user("bob")),
                        LedgerEventType.APPROVED,
                        ATTEMPT,
                        "bob",
                        null,
                        Map.of("approvals", "2/2", "state", "approved")),
                event(
                        "rejectionIsRejectedWithItsComment",
                        given().reject(user("bob"), new Decision("prod", DIGEST, "tests are red", null)),
                        LedgerEventType.REJECTED,
                        ATTEMPT,
                        "bob",
                        null,
                        Map.of("approvals", "0/2", "state", "rejected", "comment", "tests are red")),
                event(
                        "expiryIsBySystemForTimeout",
                        given().approvedBy(user("alice")).expireAtDeadline(),
                        LedgerEventType.APPROVAL_EXPIRED,
                        DEADLINE,
                        "system",
                        "timeout",
                        Map.of("approvals", "1/2", "state", "expired")),
                event(
                        "refusalNamesItsReasonAndMessage",
                        given().approve(user("dave")),
                        LedgerEventType.APPROVAL_REFUSED,
                        ATTEMPT,
                        "dave",
                        "self-approval",
                        Map.of(
                                "approvals",
                                "0/2",
                                "state",
                                "pending",
                                "message",
                                "'dave' started this run, and"
                                        + " environment 'prod' forbids self-approval: someone else must approve")),
                event(
                        "refusalForAnotherDigestKeepsThatDigest",
                        given().approve(user("alice"), Decision.of("prod", OTHER_DIGEST)),
                        LedgerEventType.APPROVAL_REFUSED,
                        ATTEMPT,
                        "alice",
                        "wrong-digest",
                        Map.of(
                                "approvals",
                                "0/2",
                                "state",
                                "pending",
                                "decisionDigest",
                                OTHER_DIGEST,
                                "message",
                                "The decision names digest '" + OTHER_DIGEST + "', but this" + " request is for '"
                                        + DIGEST + "'")),
                event(
                        "refusalForAnotherEnvironmentKeepsThatEnvironment",
                        given().approve(user("alice"), Decision.of("staging", DIGEST)),
                        LedgerEventType.APPROVAL_REFUSED,
                        ATTEMPT,
                        "alice",
                        "wrong-environment",
                        Map.of(
                                "approvals",
                                "0/2",
                                "state",
                                "pending",
                                "decisionEnvironment",
                                "staging",
                                "message",
                                "The decision names environment 'staging', but this request is" + " for 'prod'")),
                event(
                        "refusalLeavesAMalformedDigestOut",
                        given().approve(user("alice"), Decision.of("prod", "sha256:XYZ")),
                        LedgerEventType.APPROVAL_REFUSED,
                        ATTEMPT,
                        "alice",
                        "wrong-digest",
                        Map.of(
                                "approvals",
                                "0/2",
                                "state",
                                "pending",
                                "message",
                                "The decision" + " names digest 'sha256:XYZ', but this request is for '" + DIGEST
                                        + "'")));
    }

    @ParameterizedTest
    @MethodSource("events")
    void becomesALedgerEvent(
            Scenario scenario,
            LedgerEventType type,
            Instant time,
            String actor,
            String reason,
            Map<String, String> details) {
        LedgerEvent event = scenario.attempt(scenario.request())
                .toLedgerEvent()
                .build("https://jenkins.example/job/shop/7/")
                .build();
        assertAll(
                () -> assertEquals(type, event.type()),
                () -> assertEquals(time, event.time()),
                () -> assertEquals("shop", event.app()),
                () -> assertEquals("prod", event.environment()),
                () -> assertEquals(DIGEST, event.digest()),
                () -> assertEquals(actor, event.actor()),
                () -> assertEquals(reason, event.reason()),
                () -> assertEquals("https://jenkins.example/job/shop/7/", event.build()),
                () -> assertEquals(
                        withActorKind(details, "system".equals(actor) ? "plugin" : "user"), event.details()));
    }

    /** Every approval line says whether a reviewer or the plugin acted, so a user named 'system' is told apart. */
    private static Map<String, String> withActorKind(Map<String, String> details, String kind) {
        Map<String, String> all = new java.util.TreeMap<>(details);
        all.put("actorKind", kind);
        return all;
    }
}
