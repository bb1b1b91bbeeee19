package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.APPROVERS;
import static io.jenkins.plugins.environments.approval.Scenario.DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.ENV;
import static io.jenkins.plugins.environments.approval.Scenario.OTHER_DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.admin;
import static io.jenkins.plugins.environments.approval.Scenario.gates;
import static io.jenkins.plugins.environments.approval.Scenario.given;
import static io.jenkins.plugins.environments.approval.Scenario.member;
import static io.jenkins.plugins.environments.approval.Scenario.user;
import static io.jenkins.plugins.environments.approval.Scenario.withComment;
import static io.jenkins.plugins.environments.approval.Scenario.withTicket;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jenkins.plugins.environments.approval.ApprovalOutcome.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The approval rules of issue 5, one named story per row. */
class ApprovalRequestTest {

    private static final String NOT_LISTED =
            ": the approvers are alice, bob, carol, dave, erin, group:release-managers";
    private static final String SELF = ", and environment 'prod' forbids self-approval: someone else must approve";
    private static final String TWICE = ": each approval must come from a different person";
    private static final String CHG = "CHG-[0-9]+";

    private static Arguments taken(
            String rule, Scenario scenario, Kind kind, ApprovalState state, String... approvers) {
        return Arguments.argumentSet(rule, scenario, kind, state, List.of(approvers));
    }

    static Stream<Arguments> decisionsTaken() {
        return Stream.of(
                taken(
                        "firstOfTwoApprovalsIsCountedAndWaitsForMore",
                        given().approve(user("alice")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "alice"),
                taken(
                        "secondDistinctApproverApproves",
                        given().approvedBy(user("alice")).approve(user("bob")),
                        Kind.APPROVED,
                        ApprovalState.APPROVED,
                        "alice",
                        "bob"),
                taken(
                        "memberOfListedGroupMayApprove",
                        given().approvedBy(user("alice")).approve(member("frank", "release-managers")),
                        Kind.APPROVED,
                        ApprovalState.APPROVED,
                        "alice",
                        "frank"),
                taken(
                        "groupNamesCompareCaseInsensitivelyUnderTheDefaultRule",
                        given().approve(member("frank", "Release-Managers")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "frank"),
                taken(
                        "userIdsCompareCaseInsensitivelyUnderTheDefaultRule",
                        given().approve(user("ALICE")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "ALICE"),
                taken(
                        "emailRuleIgnoresTheCaseOfTheDomain",
                        given().gate(gates(1, List.of("alice@example.com")))
                                .rules(StandardIdRule.CASE_SENSITIVE_EMAIL, StandardIdRule.CASE_SENSITIVE_EMAIL)
                                .approve(user("alice@EXAMPLE.com")),
                        Kind.APPROVED,
                        ApprovalState.APPROVED,
                        "alice@EXAMPLE.com"),
                taken(
                        "caseSensitiveRuleCountsDifferentCaseAsDifferentPeople",
                        given().gate(gates(2, List.of("alice", "Alice")))
                                .rules(StandardIdRule.CASE_SENSITIVE, StandardIdRule.CASE_SENSITIVE)
                                .approvedBy(user("alice"))
                                .approve(user("Alice")),
                        Kind.APPROVED,
                        ApprovalState.APPROVED,
                        "alice",
                        "Alice"),
                taken(
                        "emptyApproversListLetsAnyoneApprove",
                        given().gate(gates(1, List.of())).approve(user("zoe")),
                        Kind.APPROVED,
                        ApprovalState.APPROVED,
                        "zoe"),
                taken(
                        "gateOfZeroApprovalsStillNeedsOne",
                        given().gate(gates(0, List.of())).approve(user("zoe")),
                        Kind.APPROVED,
                        ApprovalState.APPROVED,
                        "zoe"),
                taken(
                        "administratorMayApproveUnlistedWhenTheEnvironmentAllowsIt",
                        given().gate(gates(2, APPROVERS, true, true, null)).approve(admin("root")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "root"),
                taken(
                        "selfApprovalIsAllowedWhenNotForbidden",
                        given().gate(gates(2, APPROVERS, false, false, null)).approve(user("dave")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "dave"),
                taken(
                        "stepMayForbidNothingMoreThanTheGateAndKeepOthersApproving",
                        given().gate(gates(2, APPROVERS, false, false, null))
                                .settings(new ApprovalSettings(null, null, true, null, null, null, "24h"))
                                .approve(user("alice")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "alice"),
                taken(
                        "listedApproverMayApproveATimerStartedRun",
                        given().origin(RunOrigin.startedAutomatically(List.of("erin")))
                                .approve(user("dave")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "dave"),
                taken(
                        "stepRaisingApprovalsToThreeKeepsWaitingAfterTwo",
                        given().settings(new ApprovalSettings(3, null, null, null, null, null, "24h"))
                                .approvedBy(user("alice"))
                                .approve(user("bob")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "alice",
                        "bob"),
                taken(
                        "stepRaisingApprovalsToThreeApprovesOnTheThird",
                        given().settings(new ApprovalSettings(3, null, null, null, null, null, "24h"))
                                .approvedBy(user("alice"))
                                .approvedBy(user("bob"))
                                .approve(member("frank", "release-managers")),
                        Kind.APPROVED,
                        ApprovalState.APPROVED,
                        "alice",
                        "bob",
                        "frank"),
                taken(
                        "approverNamedByTheStepMayApprove",
                        given().settings(new ApprovalSettings(
                                        null, List.of("alice", "bob"), null, null, null, null, "24h"))
                                .approve(user("alice")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "alice"),
                taken(
                        "ticketMatchingThePatternIsAccepted",
                        given().gate(gates(2, APPROVERS, true, false, CHG))
                                .approve(user("alice"), withTicket("CHG-42")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "alice"),
                taken(
                        "ticketIsKeptWhenNoneIsRequired",
                        given().approve(user("alice"), withTicket("anything")),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "alice"),
                taken(
                        "approvalOneMillisecondBeforeTheDeadlineCounts",
                        given().approve(user("alice")).at(Duration.ofHours(24).minusMillis(1)),
                        Kind.ACCEPTED,
                        ApprovalState.PENDING,
                        "alice"),
                taken(
                        "oneRejectionAfterAPartialApprovalEndsIt",
                        given().approvedBy(user("alice")).reject(user("bob")),
                        Kind.REJECTED,
                        ApprovalState.REJECTED,
                        "alice"),
                taken(
                        "anApproverMayRejectAfterApproving",
                        given().approvedBy(user("alice")).reject(user("alice")),
                        Kind.REJECTED,
                        ApprovalState.REJECTED,
                        "alice"),
                taken(
                        "whoStartedTheRunMayRejectIt",
                        given().reject(user("dave")),
                        Kind.REJECTED,
                        ApprovalState.REJECTED),
                taken(
                        "deadlineExpiresAPendingRequest",
                        given().approvedBy(user("alice")).expireAtDeadline(),
                        Kind.EXPIRED,
                        ApprovalState.EXPIRED,
                        "alice"));
    }

    @ParameterizedTest
    @MethodSource("decisionsTaken")
    void takesTheDecision(Scenario scenario, Kind kind, ApprovalState state, List<String> approvers) {
        ApprovalOutcome outcome = scenario.attempt(scenario.request());
        List<String> approved = new ArrayList<>();
        outcome.request().approvals().forEach(a -> approved.add(a.userId()));
        assertAll(
                () -> assertEquals(kind, outcome.kind(), () -> String.valueOf(outcome)),
                () -> assertEquals(state, outcome.request().state()),
                () -> assertEquals(approvers, approved));
    }

    private static Arguments refused(String rule, Scenario scenario, RefusalReason reason, String message) {
        return Arguments.argumentSet(rule, scenario, reason, message);
    }

    static Stream<Arguments> attemptsRefused() {
        return Stream.of(
                refused(
                        "unlistedUserMayNotApprove",
                        given().approve(user("mallory")),
                        RefusalReason.NOT_ALLOWED,
                        "'mallory' may not approve for environment 'prod'" + NOT_LISTED),
                refused(
                        "unlistedUserMayNotReject",
                        given().reject(user("mallory")),
                        RefusalReason.NOT_ALLOWED,
                        "'mallory' may not reject for environment 'prod'" + NOT_LISTED),
                refused(
                        "memberOfAnUnlistedGroupMayNotApprove",
                        given().approve(member("frank", "developers")),
                        RefusalReason.NOT_ALLOWED,
                        "'frank' may not approve for environment 'prod'" + NOT_LISTED),
                refused(
                        "caseSensitiveUserRuleRefusesAnotherCase",
                        given().rules(StandardIdRule.CASE_SENSITIVE, StandardIdRule.CASE_INSENSITIVE)
                                .approve(user("ALICE")),
                        RefusalReason.NOT_ALLOWED,
                        "'ALICE' may not approve for environment 'prod'" + NOT_LISTED),
                refused(
                        "caseSensitiveGroupRuleRefusesAnotherCase",
                        given().rules(StandardIdRule.CASE_INSENSITIVE, StandardIdRule.CASE_SENSITIVE)
                                .approve(member("frank", "Release-Managers")),
                        RefusalReason.NOT_ALLOWED,
                        "'frank' may not approve for environment 'prod'" + NOT_LISTED),
                refused(
                        "emailRuleKeepsTheLocalPartCaseSensitive",
                        given().gate(gates(1, List.of("alice@example.com")))
                                .rules(StandardIdRule.CASE_SENSITIVE_EMAIL, StandardIdRule.CASE_SENSITIVE_EMAIL)
                                .approve(user("Alice@example.com")),
                        RefusalReason.NOT_ALLOWED,
                        "'Alice@example.com' may not approve for environment 'prod': the approvers are"
                                + " alice@example.com"),
                refused(
                        "administratorGetsNoBypassUnlessTheEnvironmentAllowsIt",
                        given().approve(admin("root")),
                        RefusalReason.NOT_ALLOWED,
                        "'root' may not approve for environment 'prod'" + NOT_LISTED
                                + "; environment 'prod' does not let administrators approve without being listed"),
                refused(
                        "approverNotNamedByTheStepMayNotApprove",
                        given().settings(new ApprovalSettings(
                                        null, List.of("alice", "bob"), null, null, null, null, "24h"))
                                .approve(user("carol")),
                        RefusalReason.NOT_ALLOWED,
                        "'carol' may not approve for environment 'prod': the approvers are alice, bob"),
                refused(
                        "whoStartedTheRunMayNotApprove",
                        given().approve(user("dave")),
                        RefusalReason.SELF_APPROVAL,
                        "'dave' started this run" + SELF),
                refused(
                        "whoStartedTheRunMayNotApproveUnderAnotherCase",
                        given().approve(user("DAVE")),
                        RefusalReason.SELF_APPROVAL,
                        "'DAVE' started this run" + SELF),
                refused(
                        "changeAuthorMayNotApprove",
                        given().approve(user("erin")),
                        RefusalReason.SELF_APPROVAL,
                        "'erin' authored a change in this run" + SELF),
                refused(
                        "changeAuthorOfATimerStartedRunMayNotApprove",
                        given().origin(RunOrigin.startedAutomatically(List.of("erin")))
                                .approve(user("erin")),
                        RefusalReason.SELF_APPROVAL,
                        "'erin' authored a change in this run" + SELF),
                refused(
                        "changeAuthorOfABotStartedRunMayNotApprove",
                        given().origin(RunOrigin.startedByBot("renovate", List.of("erin")))
                                .approve(user("erin")),
                        RefusalReason.SELF_APPROVAL,
                        "'erin' authored a change in this run" + SELF),
                refused(
                        "botThatStartedTheRunMayNotApproveIt",
                        given().gate(gates(1, List.of()))
                                .origin(RunOrigin.startedByBot("renovate", List.of("erin")))
                                .approve(user("renovate")),
                        RefusalReason.SELF_APPROVAL,
                        "'renovate' started this run" + SELF),
                refused(
                        "groupMemberWhoStartedTheRunMayNotApprove",
                        given().origin(RunOrigin.startedByPerson("frank", List.of()))
                                .approve(member("frank", "release-managers")),
                        RefusalReason.SELF_APPROVAL,
                        "'frank' started this run" + SELF),
                refused(
                        "administratorWithBypassWhoStartedTheRunMayNotApprove",
                        given().gate(gates(2, APPROVERS, true, true, null))
                                .origin(RunOrigin.startedByPerson("root", List.of()))
                                .approve(admin("root")),
                        RefusalReason.SELF_APPROVAL,
                        "'root' started this run" + SELF),
                refused(
                        "administratorWithBypassWhoAuthoredAChangeMayNotApprove",
                        given().gate(gates(2, APPROVERS, true, true, null))
                                .origin(RunOrigin.startedAutomatically(List.of("root")))
                                .approve(admin("root")),
                        RefusalReason.SELF_APPROVAL,
                        "'root' authored a change in this run" + SELF),
                refused(
                        "stepMayForbidSelfApprovalTheGateAllows",
                        given().gate(gates(2, APPROVERS, false, false, null))
                                .settings(new ApprovalSettings(null, null, true, null, null, null, "24h"))
                                .approve(user("dave")),
                        RefusalReason.SELF_APPROVAL,
                        "'dave' started this run" + SELF),
                refused(
                        "sameApproverTwiceCountsOnce",
                        given().approvedBy(user("alice")).approve(user("alice")),
                        RefusalReason.ALREADY_APPROVED,
                        "'alice' has already approved this request" + TWICE),
                refused(
                        "sameApproverUnderAnotherCaseCountsOnce",
                        given().approvedBy(user("alice")).approve(user("Alice")),
                        RefusalReason.ALREADY_APPROVED,
                        "'Alice' has already approved this request as 'alice'" + TWICE),
                refused(
                        "sameEmailWithAnotherDomainCaseCountsOnce",
                        given().gate(gates(2, List.of("alice@example.com", "bob@example.com")))
                                .rules(StandardIdRule.CASE_SENSITIVE_EMAIL, StandardIdRule.CASE_SENSITIVE_EMAIL)
                                .approvedBy(user("alice@example.com"))
                                .approve(user("alice@Example.COM")),
                        RefusalReason.ALREADY_APPROVED,
                        "'alice@Example.COM' has already approved this request as 'alice@example.com'" + TWICE),
                refused(
                        "groupMemberTwiceCountsOnce",
                        given().approvedBy(member("frank", "release-managers"))
                                .approve(member("frank", "release-managers")),
                        RefusalReason.ALREADY_APPROVED,
                        "'frank' has already approved this request" + TWICE),
                refused(
                        "approvalForAnotherDigestNeverCounts",
                        given().approve(user("alice"), Decision.of(ENV, OTHER_DIGEST)),
                        RefusalReason.WRONG_DIGEST,
                        "The decision names digest '" + OTHER_DIGEST + "', but this request is for '" + DIGEST + "'"),
                refused(
                        "approvalNamingNoDigestNeverCounts",
                        given().approve(user("alice"), Decision.of(ENV, null)),
                        RefusalReason.WRONG_DIGEST,
                        "The decision names no digest, but this request is for '" + DIGEST + "'"),
                refused(
                        "approvalForAnotherEnvironmentNeverCounts",
                        given().approve(user("alice"), Decision.of("staging", DIGEST)),
                        RefusalReason.WRONG_ENVIRONMENT,
                        "The decision names environment 'staging', but this request is for 'prod'"),
                refused(
                        "rejectionForAnotherDigestIsRefused",
                        given().reject(user("alice"), Decision.of(ENV, OTHER_DIGEST)),
                        RefusalReason.WRONG_DIGEST,
                        "The decision names digest '" + OTHER_DIGEST + "', but this request is for '" + DIGEST + "'"),
                refused(
                        "noApprovalAfterTheRequestIsApproved",
                        given().approvedBy(user("alice"))
                                .approvedBy(user("bob"))
                                .approve(user("carol")),
                        RefusalReason.ALREADY_DECIDED,
                        "This request was already approved: no further decision is taken"),
                refused(
                        "noApprovalAfterARejection",
                        given().rejectedBy(user("bob")).approve(user("alice")),
                        RefusalReason.ALREADY_DECIDED,
                        "This request was already rejected by 'bob': no further decision is taken"),
                refused(
                        "noRejectionAfterExpiry",
                        given().expired().reject(user("alice")),
                        RefusalReason.ALREADY_DECIDED,
                        "This request was already expired: no further decision is taken"),
                refused(
                        "noApprovalAtTheDeadline",
                        given().approve(user("alice")).at(Duration.ofHours(24)),
                        RefusalReason.EXPIRED,
                        "This request expired at 2026-11-29T10:00:00Z: no decision can be taken after its deadline"),
                refused(
                        "noRejectionAfterTheDeadline",
                        given().reject(user("alice")).at(Duration.ofDays(3)),
                        RefusalReason.EXPIRED,
                        "This request expired at 2026-11-29T10:00:00Z: no decision can be taken after its deadline"),
                refused(
                        "requiredTicketMissing",
                        given().gate(gates(2, APPROVERS, true, false, CHG)).approve(user("alice")),
                        RefusalReason.MISSING_TICKET,
                        "A change ticket matching 'CHG-[0-9]+' is required to approve"),
                refused(
                        "requiredTicketBlank",
                        given().gate(gates(2, APPROVERS, true, false, CHG)).approve(user("alice"), withTicket(" ")),
                        RefusalReason.MISSING_TICKET,
                        "A change ticket matching 'CHG-[0-9]+' is required to approve"),
                refused(
                        "ticketNotMatchingThePattern",
                        given().gate(gates(2, APPROVERS, true, false, CHG)).approve(user("alice"), withTicket("INC-1")),
                        RefusalReason.INVALID_TICKET,
                        "Change ticket 'INC-1' does not match 'CHG-[0-9]+', the pattern environment 'prod' requires"),
                refused(
                        "ticketMustMatchThePatternWhole",
                        given().gate(gates(2, APPROVERS, true, false, CHG))
                                .approve(user("alice"), withTicket("CHG-42 and more")),
                        RefusalReason.INVALID_TICKET,
                        "Change ticket 'CHG-42 and more' does not match 'CHG-[0-9]+', the pattern environment 'prod'"
                                + " requires"),
                refused(
                        "ticketRequiredByTheStep",
                        given().settings(new ApprovalSettings(null, null, null, null, true, "CR[0-9]{4}", "24h"))
                                .approve(user("alice")),
                        RefusalReason.MISSING_TICKET,
                        "A change ticket matching 'CR[0-9]{4}' is required to approve"),
                refused(
                        "ticketWithControlCharacters",
                        given().approve(user("alice"), withTicket("CHG-1\nCHG-2")),
                        RefusalReason.INVALID_TICKET,
                        "The change ticket must not contain control characters such as line breaks"),
                refused(
                        "ticketTooLong",
                        given().approve(user("alice"), withTicket("C".repeat(201))),
                        RefusalReason.INVALID_TICKET,
                        "The change ticket is 201 characters long: use at most 200"),
                refused(
                        "commentTooLong",
                        given().approve(user("alice"), withComment("x".repeat(2001))),
                        RefusalReason.INVALID_COMMENT,
                        "The comment is 2001 characters long: use at most 2000"),
                refused(
                        "commentWithControlCharacters",
                        given().reject(user("alice"), withComment("no\u0007")),
                        RefusalReason.INVALID_COMMENT,
                        "The comment must not contain control characters such as line breaks"));
    }

    @ParameterizedTest
    @MethodSource("attemptsRefused")
    void refusesWithReasonAndExactMessageAndChangesNothing(Scenario scenario, RefusalReason reason, String message) {
        ApprovalRequest before = scenario.request();
        List<Approval> approvalsBefore = List.copyOf(before.approvals());
        ApprovalState stateBefore = before.state();
        ApprovalOutcome outcome = scenario.attempt(before);
        assertAll(
                () -> assertEquals(Kind.REFUSED, outcome.kind()),
                () -> assertEquals(reason, outcome.refusal().orElseThrow().reason()),
                () -> assertEquals(message, outcome.refusal().orElseThrow().message()),
                () -> assertSame(before, outcome.request()),
                () -> assertEquals(approvalsBefore, before.approvals()),
                () -> assertEquals(stateBefore, before.state()));
    }
}
