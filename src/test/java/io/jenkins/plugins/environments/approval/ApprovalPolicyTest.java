package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.APPROVERS;
import static io.jenkins.plugins.environments.approval.Scenario.gates;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Step settings may only tighten the environment's gate. */
class ApprovalPolicyTest {

    private static final String CHG = "CHG-[0-9]+";

    /** Two approvals from the listed approvers, self-approval forbidden, no administrator bypass, CHG tickets. */
    private static final Gates STRICT = gates(2, APPROVERS, true, false, CHG);

    /** One approval from anyone, self-approval allowed, administrators may approve, no ticket. */
    private static final Gates LOOSE = gates(1, List.of(), false, true, null);

    private static ApprovalSettings minApprovals(int n) {
        return new ApprovalSettings(n, null, null, null, null, null, null);
    }

    private static ApprovalSettings approvers(String... approvers) {
        return new ApprovalSettings(null, List.of(approvers), null, null, null, null, null);
    }

    private static ApprovalSettings forbidSelf(boolean forbid) {
        return new ApprovalSettings(null, null, forbid, null, null, null, null);
    }

    private static ApprovalSettings allowAdmins(boolean allow) {
        return new ApprovalSettings(null, null, null, allow, null, null, null);
    }

    private static ApprovalSettings ticket(Boolean required, String pattern) {
        return new ApprovalSettings(null, null, null, null, required, pattern, null);
    }

    private static ApprovalSettings timeout(String timeout) {
        return new ApprovalSettings(null, null, null, null, null, null, timeout);
    }

    private static Arguments loosening(String rule, Gates gates, ApprovalSettings settings, String field, String msg) {
        return Arguments.argumentSet(rule, gates, settings, field, msg);
    }

    static Stream<Arguments> refusedSettings() {
        return Stream.of(
                loosening(
                        "fewerApprovalsThanTheGate",
                        STRICT,
                        minApprovals(1),
                        "minApprovals",
                        "minApprovals is 1 but environment 'prod' requires 2 approvals: ask for 2 or more, or leave"
                                + " minApprovals out"),
                loosening(
                        "zeroApprovalsEvenWhereTheGateAsksNone",
                        gates(0, List.of()),
                        minApprovals(0),
                        "minApprovals",
                        "minApprovals is 0: awaitApproval needs at least 1 approval"),
                loosening(
                        "moreApprovalsThanTheLimit",
                        STRICT,
                        minApprovals(21),
                        "minApprovals",
                        "minApprovals is 21: use a number from 1 to 20"),
                loosening(
                        "approverTheEnvironmentDoesNotList",
                        STRICT,
                        approvers("alice", "mallory"),
                        "approvers",
                        "Approver 'mallory' is not among the approvers of environment 'prod' (alice, bob, carol,"
                                + " dave, erin, group:release-managers): awaitApproval can only narrow that list"),
                loosening(
                        "blankApprover",
                        STRICT,
                        approvers("alice", " "),
                        "approvers",
                        "Approver number 2 is blank: give a user id or group name, or remove it"),
                loosening(
                        "selfApprovalTurnedOn",
                        STRICT,
                        forbidSelf(false),
                        "forbidSelfApproval",
                        "forbidSelfApproval cannot be false: environment 'prod' forbids self-approval"),
                loosening(
                        "administratorBypassTurnedOn",
                        STRICT,
                        allowAdmins(true),
                        "allowAdministrators",
                        "allowAdministrators cannot be true: environment 'prod' does not let administrators approve"
                                + " without being listed"),
                loosening(
                        "requiredTicketDropped",
                        STRICT,
                        ticket(false, null),
                        "requireChangeTicket",
                        "requireChangeTicket cannot be false: environment 'prod' requires a change ticket matching"
                                + " 'CHG-[0-9]+'"),
                loosening(
                        "requiredTicketPatternLoosened",
                        STRICT,
                        ticket(null, ".*"),
                        "changeTicketPattern",
                        "changeTicketPattern '.*' differs from 'CHG-[0-9]+', the pattern environment 'prod' requires:"
                                + " leave changeTicketPattern out or repeat it exactly"),
                loosening(
                        "requiredTicketPatternChangedEvenIfStricter",
                        STRICT,
                        ticket(true, "CHG-[0-9]{6}"),
                        "changeTicketPattern",
                        "changeTicketPattern 'CHG-[0-9]{6}' differs from 'CHG-[0-9]+', the pattern environment 'prod'"
                                + " requires: leave changeTicketPattern out or repeat it exactly"),
                loosening(
                        "ticketRequiredWithoutAPattern",
                        LOOSE,
                        ticket(true, null),
                        "changeTicketPattern",
                        "requireChangeTicket is true but neither the step nor environment 'prod' gives a"
                                + " changeTicketPattern: give the pattern tickets must match"),
                loosening(
                        "patternGivenWhileTicketTurnedOff",
                        LOOSE,
                        ticket(false, "CR[0-9]+"),
                        "requireChangeTicket",
                        "requireChangeTicket is false but changeTicketPattern is set: remove one of them"),
                loosening(
                        "patternThatDoesNotCompile",
                        LOOSE,
                        ticket(null, "CR[0-9"),
                        "changeTicketPattern",
                        "Change ticket pattern 'CR[0-9' is not a valid regular expression: Unclosed character class"),
                loosening("timeoutOfZero", STRICT, timeout("0s"), "timeout", "Timeout '0s' must be longer than zero"),
                loosening(
                        "negativeTimeout",
                        STRICT,
                        timeout("-PT5M"),
                        "timeout",
                        "Timeout '-PT5M' must be longer than zero"),
                loosening(
                        "timeoutWithoutAUnit",
                        STRICT,
                        timeout("30"),
                        "timeout",
                        "Timeout '30' has a number without a unit: use a number with a unit s, m, h or d, such as"
                                + " '30s', '5m', '72h', '7d' or '1h30m', or ISO-8601 such as 'PT5M'"));
    }

    @ParameterizedTest
    @MethodSource("refusedSettings")
    void refusesSettingsThatLoosenTheGate(Gates gates, ApprovalSettings settings, String field, String message) {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ApprovalPolicy.resolve("prod", gates, settings, RealmRules.JENKINS_DEFAULT));
        assertAll(() -> assertEquals(message, e.getMessage()), () -> assertEquals(field, e.field()));
    }

    @Test
    void noSettingsTakeTheGateWithAtLeastOneApprovalAndTheDefaultTimeout() {
        ApprovalPolicy strict = ApprovalPolicy.resolve("prod", STRICT, null, RealmRules.JENKINS_DEFAULT);
        ApprovalPolicy none =
                ApprovalPolicy.resolve("prod", Gates.NONE, ApprovalSettings.NONE, RealmRules.JENKINS_DEFAULT);
        assertAll(
                () -> assertEquals(2, strict.requiredApprovals()),
                () -> assertEquals(APPROVERS, strict.approvers()),
                () -> assertTrue(strict.forbidSelfApproval()),
                () -> assertFalse(strict.allowAdministrators()),
                () -> assertEquals(CHG, strict.changeTicketPattern()),
                () -> assertEquals(Duration.ofDays(7), strict.timeout()),
                () -> assertEquals(1, none.requiredApprovals()),
                () -> assertEquals(List.of(), none.approvers()),
                () -> assertNull(none.changeTicketPattern()));
    }

    @Test
    void everyStricterSettingIsTaken() {
        ApprovalPolicy policy = ApprovalPolicy.resolve(
                "prod",
                LOOSE,
                new ApprovalSettings(3, List.of("alice", "qa"), true, false, true, "CR[0-9]{4}", "1h30m"),
                RealmRules.JENKINS_DEFAULT);
        assertAll(
                () -> assertEquals(3, policy.requiredApprovals()),
                () -> assertEquals(List.of("alice", "qa"), policy.approvers()),
                () -> assertTrue(policy.forbidSelfApproval()),
                () -> assertFalse(policy.allowAdministrators()),
                () -> assertEquals("CR[0-9]{4}", policy.changeTicketPattern()),
                () -> assertEquals(Duration.ofMinutes(90), policy.timeout()));
    }

    @Test
    void repeatingTheGatesOwnValuesIsNotLoosening() {
        ApprovalPolicy policy = ApprovalPolicy.resolve(
                "prod",
                STRICT,
                new ApprovalSettings(2, APPROVERS, true, false, true, CHG, null),
                RealmRules.JENKINS_DEFAULT);
        assertEquals(ApprovalPolicy.resolve("prod", STRICT, null, RealmRules.JENKINS_DEFAULT), policy);
    }

    @Test
    void stepApproverIsCoveredByTheGateUnderTheRealmsRules() {
        ApprovalSettings upper = approvers("ALICE", "group:Release-Managers");
        assertEquals(
                List.of("ALICE", "group:Release-Managers"),
                ApprovalPolicy.resolve("prod", STRICT, upper, RealmRules.JENKINS_DEFAULT)
                        .approvers());
        RealmRules caseSensitive = new RealmRules(StandardIdRule.CASE_SENSITIVE, StandardIdRule.CASE_SENSITIVE);
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ApprovalPolicy.resolve("prod", STRICT, upper, caseSensitive));
        assertEquals(
                "Approver 'ALICE' is not among the approvers of environment 'prod' (alice, bob, carol, dave, erin,"
                        + " group:release-managers): awaitApproval can only narrow that list",
                e.getMessage());
    }

    @Test
    void emptyStepApproversTakeTheGatesList() {
        assertEquals(
                APPROVERS,
                ApprovalPolicy.resolve("prod", STRICT, approvers(), RealmRules.JENKINS_DEFAULT)
                        .approvers());
    }

    @Test
    void environmentMustBeALabel() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ApprovalPolicy.resolve("Prod", STRICT, null, RealmRules.JENKINS_DEFAULT));
        assertEquals(
                "Environment 'Prod' is not a valid name: use at most 63 lower-case letters, digits and '-',"
                        + " starting and ending with a letter or digit (RFC 1123 label)",
                e.getMessage());
        assertEquals("environment", e.field());
    }
}
