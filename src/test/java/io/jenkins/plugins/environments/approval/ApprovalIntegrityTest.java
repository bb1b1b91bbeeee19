package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.ENV;
import static io.jenkins.plugins.environments.approval.Scenario.gates;
import static io.jenkins.plugins.environments.approval.Scenario.given;
import static io.jenkins.plugins.environments.approval.Scenario.member;
import static io.jenkins.plugins.environments.approval.Scenario.user;
import static io.jenkins.plugins.environments.approval.Scenario.withComment;
import static io.jenkins.plugins.environments.approval.Scenario.withTicket;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The approval rules that a pipeline or a reviewer must not be able to bend (issue 11, classes 11, 13 and 15): the
 * approvers list only narrows, groups and users never match each other, reserved ids never decide, timeouts are
 * bounded, and whatever a refused attempt carries reaches the ledger bounded.
 */
class ApprovalIntegrityTest {

    private static final String REFUSED_RESERVED = "is reserved and can never approve (reserved: system, anonymous,"
            + " authenticated, everyone): name the users or groups who may approve";

    private static ApprovalSettings stepApprovers(String... approvers) {
        return new ApprovalSettings(null, List.of(approvers), null, null, null, null, "24h");
    }

    private static ApprovalSettings timeout(String timeout) {
        return new ApprovalSettings(null, null, null, null, null, null, timeout);
    }

    /** Class 11: where the environment lists nobody, {@code approvers: ['authenticated']} is refused, not taken. */
    @ParameterizedTest(name = "class 11: step approvers [{0}] refused")
    @ValueSource(strings = {"authenticated", "everyone", "anonymous", "SYSTEM", "group:authenticated"})
    void aJenkinsfileCannotOpenTheGateToEveryone(String approver) {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ApprovalPolicy.resolve(
                        ENV, gates(1, List.of()), stepApprovers(approver), RealmRules.JENKINS_DEFAULT));
        assertAll(
                () -> assertEquals("approvers", e.field()),
                () -> assertEquals("Approver '" + approver + "' " + REFUSED_RESERVED, e.getMessage()));
    }

    @Test
    void aStepListWhereTheEnvironmentListsNobodyNarrowsAndStillRequiresJobBuild() {
        ApprovalPolicy policy = ApprovalPolicy.resolve(
                ENV, gates(1, List.of()), stepApprovers("user:alice"), RealmRules.JENKINS_DEFAULT);
        ApprovalRequest request = given().gate(gates(1, List.of()))
                .settings(stepApprovers("user:alice"))
                .request();
        ApprovalOutcome bob =
                request.approve(user("bob"), Scenario.forThis(), RealmRules.JENKINS_DEFAULT, Scenario.OPENED);
        assertAll(
                () -> assertTrue(policy.requiresBuildPermission(), "Job/Build is the environment's rule"),
                () -> assertEquals(List.of("user:alice"), policy.approvers()),
                () -> assertEquals(
                        RefusalReason.NOT_ALLOWED, bob.refusal().orElseThrow().reason()),
                () -> assertEquals(
                        "'bob' may not approve for environment 'prod': the approvers are user:alice",
                        bob.refusal().orElseThrow().message()));
    }

    @Test
    void anEnvironmentThatListsApproversDoesNotAlsoNeedJobBuild() {
        assertFalse(ApprovalPolicy.resolve(ENV, gates(1, List.of("user:alice")), null, RealmRules.JENKINS_DEFAULT)
                .requiresBuildPermission());
    }

    /** Class 13: a user whose id is a listed group's name is not that group. */
    @Test
    void aUserNamedLikeAListedGroupIsNotItsMember() {
        ApprovalOutcome outcome = given().gate(gates(1, List.of("group:release-managers")))
                .approve(user("release-managers"))
                .attempt(given().gate(gates(1, List.of("group:release-managers")))
                        .request());
        assertAll(
                () -> assertEquals(
                        RefusalReason.NOT_ALLOWED,
                        outcome.refusal().orElseThrow().reason()),
                () -> assertEquals(
                        "'release-managers' may not approve for environment 'prod': the approvers are"
                                + " group:release-managers",
                        outcome.refusal().orElseThrow().message()),
                () -> assertEquals(0, outcome.request().approvals().size()));
    }

    @Test
    void aMemberOfAListedGroupIsAdmittedAsTheGroup() {
        Scenario scenario = given().gate(gates(1, List.of("group:release-managers")));
        ApprovalOutcome outcome =
                scenario.approve(member("frank", "release-managers")).attempt(scenario.request());
        assertEquals(ApprovalOutcome.Kind.APPROVED, outcome.kind());
        assertEquals("group:release-managers", outcome.approval().orElseThrow().admittedAs());
    }

    @Test
    void aGroupNamedLikeAListedUserDoesNotAdmitItsMembers() {
        Scenario scenario = given().gate(gates(1, List.of("user:alice")));
        ApprovalOutcome outcome = scenario.approve(member("mallory", "alice")).attempt(scenario.request());
        assertEquals(RefusalReason.NOT_ALLOWED, outcome.refusal().orElseThrow().reason());
    }

    /** Old configuration: an untyped entry is a user id only, so it fails closed for the members of a group. */
    @Test
    void anUntypedEntryIsAUserIdOnly() {
        Scenario scenario = given().gate(gates(1, List.of("release-managers")));
        ApprovalOutcome member =
                scenario.approve(member("frank", "release-managers")).attempt(scenario.request());
        ApprovalOutcome named = scenario.approve(user("Release-Managers")).attempt(scenario.request());
        assertAll(
                () -> assertEquals(
                        RefusalReason.NOT_ALLOWED,
                        member.refusal().orElseThrow().reason()),
                () -> assertEquals(ApprovalOutcome.Kind.APPROVED, named.kind()));
    }

    @Test
    void aStepCannotNameAsAUserWhatTheEnvironmentListsAsAGroup() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ApprovalPolicy.resolve(
                        ENV,
                        gates(1, List.of("group:release-managers")),
                        stepApprovers("user:release-managers"),
                        RealmRules.JENKINS_DEFAULT));
        assertEquals(
                "Approver 'user:release-managers' is not among the approvers of environment 'prod'"
                        + " (group:release-managers): awaitApproval can only narrow that list",
                e.getMessage());
    }

    /** Class 11: reserved ids never decide, even where anyone with Job/Build may. */
    @ParameterizedTest(name = "class 11: reviewer {0} refused")
    @ValueSource(strings = {"system", "SYSTEM", "anonymous", "authenticated", "everyone"})
    void aReservedIdNeverDecides(String id) {
        Scenario scenario = given().gate(gates(1, List.of()));
        ApprovalOutcome approve = scenario.approve(user(id)).attempt(scenario.request());
        ApprovalOutcome reject = scenario.reject(user(id)).attempt(scenario.request());
        String message = "'" + id + "' is a reserved id (system, anonymous, authenticated, everyone) and never decides"
                + " on an approval";
        assertAll(
                () -> assertEquals(
                        RefusalReason.NOT_ALLOWED,
                        approve.refusal().orElseThrow().reason()),
                () -> assertEquals(message, approve.refusal().orElseThrow().message()),
                () -> assertEquals(message, reject.refusal().orElseThrow().message()),
                () -> assertEquals(ApprovalState.PENDING, reject.request().state()));
    }

    /** Class 15: a user called {@code system} and the plugin's own {@code system} entries are told apart. */
    @Test
    void aUserNamedSystemIsNotThePluginInTheLedger() {
        LedgerEvent user = given().gate(gates(1, List.of()))
                .approve(user("system"))
                .attempt(given().gate(gates(1, List.of())).request())
                .toLedgerEvent()
                .build();
        LedgerEvent plugin = given().expireAtDeadline()
                .attempt(given().request())
                .toLedgerEvent()
                .build();
        assertAll(
                () -> assertEquals("system", user.actor()),
                () -> assertEquals("user", user.details().get(ApprovalOutcome.ACTOR_KIND)),
                () -> assertEquals("system", plugin.actor()),
                () -> assertEquals("plugin", plugin.details().get(ApprovalOutcome.ACTOR_KIND)));
    }

    /** Class 15: timeouts are bounded; the message names the parameter. */
    @ParameterizedTest(name = "class 15: timeout {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // beyond a year every duration parser of the plugin refuses (model.Durations), before awaitApproval's
                // own bound
                "36500d| Timeout '36500d' is longer than the longest duration the plugin accepts: 365d",
                "P36500D| Timeout 'P36500D' is longer than the longest duration the plugin accepts: 365d",
                "31d| Timeout '31d' is longer than 30d, the longest awaitApproval waits: give 30d or less",
                "365d| Timeout '365d' is longer than 30d, the longest awaitApproval waits: give 30d or less",
                "9223372036854775807d| Timeout '9223372036854775807d' is longer than the longest duration the plugin"
                        + " accepts: 365d",
                "99999999999999999999h| Timeout '99999999999999999999h' is longer than the longest duration the"
                        + " plugin accepts: 365d",
            })
    void overflowingAndCenturyLongTimeoutsAreRefused(String timeout, String message) {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ApprovalPolicy.resolve(ENV, gates(1, List.of()), timeout(timeout), RealmRules.JENKINS_DEFAULT));
        assertAll(() -> assertEquals("timeout", e.field()), () -> assertEquals(message, e.getMessage()));
    }

    @Test
    void thirtyDaysIsTheLongestTimeout() {
        assertEquals(
                Duration.ofDays(30),
                ApprovalPolicy.resolve(ENV, gates(1, List.of()), timeout("30d"), RealmRules.JENKINS_DEFAULT)
                        .timeout());
    }

    /** Class 15: each invisible or line-breaking character is refused in a comment and in a ticket. */
    @ParameterizedTest(name = "class 15: U+{0} refused")
    @ValueSource(ints = {0x202E, 0x2066, 0x200B, 0x200D, 0xFEFF, 0x2028, 0x2029})
    void invisibleCharactersAreRefusedInCommentsAndTickets(int c) {
        String text = "fine" + Character.toString(c);
        ApprovalOutcome comment =
                given().approve(user("alice"), withComment(text)).attempt(given().request());
        ApprovalOutcome ticket = given().approve(user("alice"), withTicket("CHG-1" + Character.toString(c)))
                .attempt(given().request());
        assertAll(
                () -> assertEquals(
                        RefusalReason.INVALID_COMMENT,
                        comment.refusal().orElseThrow().reason()),
                () -> assertEquals(
                        "The comment must not contain control characters such as line breaks",
                        comment.refusal().orElseThrow().message()),
                () -> assertEquals(
                        RefusalReason.INVALID_TICKET,
                        ticket.refusal().orElseThrow().reason()),
                () -> assertEquals(0, comment.request().approvals().size()));
    }

    /** Class 15: a 1,000,000-character value from a refused request never reaches the ledger whole. */
    @Test
    void aMillionCharacterValueNeverReachesTheLedgerWhole() {
        String huge = "x".repeat(1_000_000);
        ApprovalRequest request = given().request();
        List<ApprovalOutcome> refused = List.of(
                request.approve(user("alice"), Decision.of(huge, DIGEST), RealmRules.JENKINS_DEFAULT, Scenario.OPENED),
                request.approve(user("alice"), Decision.of(ENV, huge), RealmRules.JENKINS_DEFAULT, Scenario.OPENED),
                request.approve(user("alice"), withComment(huge), RealmRules.JENKINS_DEFAULT, Scenario.OPENED),
                request.approve(user("alice"), withTicket(huge), RealmRules.JENKINS_DEFAULT, Scenario.OPENED),
                request.approve(user(huge), Scenario.forThis(), RealmRules.JENKINS_DEFAULT, Scenario.OPENED));
        for (ApprovalOutcome outcome : refused) {
            String line = written(outcome.toLedgerEvent().build());
            assertAll(
                    () -> assertTrue(outcome.isRefused()),
                    () -> assertSame(request, outcome.request(), "nothing changed"),
                    () -> assertTrue(line.length() < 3_000, () -> "ledger line of " + line.length() + " characters"),
                    () -> assertFalse(line.contains("x".repeat(1_000)), "the value is not written whole"));
        }
        assertEquals(
                "The decision names environment '" + "x".repeat(100) + "…[999900 more characters]', but this request"
                        + " is for 'prod'",
                refused.get(0).refusal().orElseThrow().message());
    }

    /** @return every text value the event writes, one after the other */
    private static String written(LedgerEvent event) {
        StringBuilder text = new StringBuilder();
        for (String value : new String[] {event.actor(), event.reason(), event.build()}) {
            text.append(value == null ? "" : value);
        }
        event.details().forEach((key, value) -> text.append(key).append(value));
        return text.toString();
    }
}
