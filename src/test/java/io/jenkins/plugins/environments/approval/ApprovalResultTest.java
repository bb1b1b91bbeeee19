package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.APPROVERS;
import static io.jenkins.plugins.environments.approval.Scenario.DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.OTHER_DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.gates;
import static io.jenkins.plugins.environments.approval.Scenario.given;
import static io.jenkins.plugins.environments.approval.Scenario.member;
import static io.jenkins.plugins.environments.approval.Scenario.user;
import static io.jenkins.plugins.environments.approval.Scenario.withTicket;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.Gates;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What promoteDigest reads, and whether it is good enough for an environment's gate. */
class ApprovalResultTest {

    private static final String CHG = "CHG-[0-9]+";

    /** alice and frank (of release-managers) approved under the default gate: 2 of the listed approvers. */
    private static ApprovalResult approvedByTwo() {
        return given().approvedBy(user("alice"))
                .approvedBy(member("frank", "release-managers"))
                .request()
                .result()
                .orElseThrow();
    }

    private static Arguments shortfall(
            String rule, ApprovalResult result, String env, String digest, Gates gates, List<String> problems) {
        return Arguments.argumentSet(rule, result, env, digest, gates, problems);
    }

    static Stream<Arguments> shortfalls() {
        ApprovalResult two = approvedByTwo();
        ApprovalResult anyone = given().gate(gates(1, List.of()))
                .approvedBy(user("zoe"))
                .request()
                .result()
                .orElseThrow();
        ApprovalResult byAdmin = given().gate(gates(1, APPROVERS, true, true, null))
                .approvedBy(Scenario.admin("root"))
                .request()
                .result()
                .orElseThrow();
        ApprovalResult selfAllowed = given().gate(gates(1, APPROVERS, false, false, null))
                .approvedBy(user("dave"))
                .request()
                .result()
                .orElseThrow();
        ApprovalResult withTicket = given().gate(gates(1, APPROVERS, true, false, CHG))
                .approvedBy(user("alice"), withTicket("CHG-7"))
                .request()
                .result()
                .orElseThrow();
        return Stream.of(
                shortfall("meetsTheGateItWasGivenUnder", two, "prod", DIGEST, gates(2, APPROVERS), List.of()),
                shortfall(
                        "meetsALowerGate",
                        two,
                        "prod",
                        DIGEST,
                        gates(1, List.of("alice", "group:release-managers")),
                        List.of()),
                shortfall(
                        "anotherEnvironmentNeverCounts",
                        two,
                        "staging",
                        DIGEST,
                        gates(2, APPROVERS),
                        List.of("The approval is for environment 'prod', not 'staging'")),
                shortfall(
                        "anotherDigestNeverCounts",
                        two,
                        "prod",
                        OTHER_DIGEST,
                        gates(2, APPROVERS),
                        List.of("The approval is for digest '" + DIGEST + "', not '" + OTHER_DIGEST + "'")),
                shortfall(
                        "tooFewApprovers",
                        two,
                        "prod",
                        DIGEST,
                        gates(3, APPROVERS),
                        List.of("The approval has 2 of the 3 approvals the gate requires")),
                shortfall(
                        "approverAdmittedThroughAnEntryTheGateDoesNotList",
                        two,
                        "prod",
                        DIGEST,
                        gates(2, List.of("alice", "bob")),
                        List.of(
                                "The approval has 1 of the 2 approvals the gate requires",
                                "The approval by 'frank' does not count: it was given as 'group:release-managers', whom"
                                        + " the gate does not list")),
                shortfall(
                        "openToAnyoneWhereTheGateListsApprovers",
                        anyone,
                        "prod",
                        DIGEST,
                        gates(1, List.of("bob")),
                        List.of(
                                "The approval has 0 of the 1 approvals the gate requires",
                                "The approval by 'zoe' does not count: anyone could approve, but the gate lists bob")),
                shortfall(
                        "administratorWhereTheGateDoesNotLetThemStandIn",
                        byAdmin,
                        "prod",
                        DIGEST,
                        gates(1, APPROVERS),
                        List.of(
                                "The approval has 0 of the 1 approvals the gate requires",
                                "The approval by 'root' does not count: it was given by an administrator the gate"
                                        + " does not list")),
                shortfall(
                        "administratorWhereTheGateLetsThemStandIn",
                        byAdmin,
                        "prod",
                        DIGEST,
                        gates(1, APPROVERS, true, true, null),
                        List.of()),
                shortfall(
                        "selfApprovalWhereTheGateForbidsIt",
                        selfAllowed,
                        "prod",
                        DIGEST,
                        gates(1, APPROVERS),
                        List.of("The approval allowed self-approval, which the gate forbids")),
                shortfall(
                        "withoutTheTicketTheGateRequires",
                        two,
                        "prod",
                        DIGEST,
                        gates(2, APPROVERS, true, false, CHG),
                        List.of("The approval has no change ticket matching 'CHG-[0-9]+', which the gate"
                                + " requires")),
                shortfall(
                        "withATicketTheGateAccepts",
                        withTicket,
                        "prod",
                        DIGEST,
                        gates(1, APPROVERS, true, false, "CHG-[0-9]"),
                        List.of()),
                shortfall(
                        "withATicketTheGateDoesNotAccept",
                        withTicket,
                        "prod",
                        DIGEST,
                        gates(1, APPROVERS, true, false, "INC-[0-9]+"),
                        List.of("The approval has no change ticket matching 'INC-[0-9]+',"
                                + " which the gate requires")));
    }

    @ParameterizedTest
    @MethodSource("shortfalls")
    void tellsWhetherItSatisfiesAGate(
            ApprovalResult result, String env, String digest, Gates gates, List<String> problems) {
        assertEquals(problems, result.shortfalls(env, digest, gates, RealmRules.JENKINS_DEFAULT));
        assertEquals(problems.isEmpty(), result.satisfies(env, digest, gates, RealmRules.JENKINS_DEFAULT));
    }

    @Test
    void recordsApproversInOrderTheFirstTicketAndWhenItWasDecided() {
        ApprovalResult result = given().gate(gates(3, APPROVERS))
                .approvedBy(user("bob"))
                .approvedBy(user("alice"), withTicket("CHG-1"))
                .approvedBy(user("carol"), withTicket("CHG-2"))
                .request()
                .result()
                .orElseThrow();
        assertAll(
                () -> assertEquals(List.of("bob", "alice", "carol"), result.approvers()),
                () -> assertEquals(Optional.of("CHG-1"), result.changeTicket()),
                () -> assertEquals("CHG-2", result.approvals().get(2).changeTicket()),
                () -> assertEquals(Instant.parse("2026-11-28T10:03:00Z"), result.decidedAt()),
                () -> assertEquals("shop", result.app()),
                () -> assertEquals("prod", result.environment()),
                () -> assertEquals(DIGEST, result.digest()));
    }

    @Test
    void onlyAnApprovedRequestHasAResult() {
        assertTrue(given().approvedBy(user("alice")).request().result().isEmpty());
        assertTrue(given().rejectedBy(user("alice")).request().result().isEmpty());
        assertTrue(given().expired().request().result().isEmpty());
        assertFalse(given().approvedBy(user("alice"))
                .approvedBy(user("bob"))
                .request()
                .result()
                .isEmpty());
    }
}
