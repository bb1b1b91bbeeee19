package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatesTest {

    private static Executable approvals(int required, String... approvers) {
        return () -> new Gates(required, Arrays.asList(approvers), true, false, null, null, null, false);
    }

    private static Executable ticket(String pattern) {
        return () -> new Gates(0, List.of(), true, false, null, null, pattern, false);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad(
                        "requiredApprovalsNotNegative",
                        approvals(-1),
                        "requiredApprovals",
                        "Required approvals is -1: use a number from 0 to 20"),
                bad(
                        "requiredApprovalsAtMost20",
                        approvals(21),
                        "requiredApprovals",
                        "Required approvals is 21: use a number from 0 to 20"),
                bad(
                        "approverMustNotBeBlank",
                        approvals(1, "alice", " "),
                        "approvers",
                        "Approver number 2 is blank: give a user id or group name, or remove it"),
                bad(
                        "approverMustNotContainComma",
                        approvals(1, "alice,bob"),
                        "approvers",
                        "Approver 'alice,bob' contains a comma: list each user or group as its own entry"),
                bad(
                        "approverMustNotContainControlCharacters",
                        approvals(1, "alice\n"),
                        "approvers",
                        "Approver 'alice\\u000A' must not contain control characters such as line breaks"),
                bad(
                        "approverMustNotHaveOuterSpaces",
                        approvals(1, " alice"),
                        "approvers",
                        "Approver ' alice' must not start or end with a space"),
                bad(
                        "changeTicketPatternMustCompile",
                        ticket("CHG-[0-9"),
                        "changeTicketPattern",
                        "Change ticket pattern 'CHG-[0-9' is not a valid regular expression: Unclosed character class"),
                bad(
                        "changeTicketPatternGroupsMustClose",
                        ticket("(CHG|INC-[0-9]+"),
                        "changeTicketPattern",
                        "Change ticket pattern '(CHG|INC-[0-9]+' is not a valid regular expression: Unclosed group"),
                bad(
                        "signatureKeyCredentialsIdAtMost256Characters",
                        () -> new Gates(0, null, true, false, "k".repeat(300), null, null, false),
                        "signatureKeyCredentialsId",
                        "Signature key credentials id is 300 characters long: use at most 256"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @Test
    void noneRequiresNothing() {
        assertTrue(Gates.NONE.isEmpty());
        assertEquals(0, Gates.NONE.requiredApprovals());
        assertEquals(List.of(), Gates.NONE.approvers());
        assertEquals(List.of(), Gates.NONE.warnings());
    }

    @Test
    void approversAreDeduplicatedCaseSensitivelyInOrder() {
        Gates gates = new Gates(3, List.of("bob", "alice", "bob", "Alice"), true, false, null, null, null, false);
        assertEquals(List.of("bob", "alice", "Alice"), gates.approvers());
    }

    @Test
    void requiredApprovalsWithoutApproversMeansAnyoneWhoMayBuild() {
        Gates gates = new Gates(20, null, true, false, null, null, null, false);
        assertEquals(List.of(), gates.approvers());
        assertFalse(gates.isEmpty());
    }

    @Test
    void blankOptionalValuesMeanNoGate() {
        Gates gates = new Gates(0, List.of(), false, false, " ", null, "", false);
        assertNull(gates.signatureKeyCredentialsId());
        assertNull(gates.changeTicketPattern());
        assertTrue(gates.changeTicketRegex().isEmpty());
        assertTrue(gates.isEmpty());
    }

    @Test
    void anySingleGateMakesGatesNonEmpty() {
        assertFalse(new Gates(1, null, true, false, null, null, null, false).isEmpty());
        assertFalse(new Gates(0, null, true, false, "cosign-key", null, null, false).isEmpty());
        assertFalse(new Gates(0, null, true, false, null, Severity.HIGH, null, false).isEmpty());
        assertFalse(new Gates(0, null, true, false, null, null, "CHG-[0-9]+", false).isEmpty());
        assertFalse(new Gates(0, null, true, false, null, null, null, true).isEmpty());
    }

    @Test
    void changeTicketPatternCompiles() {
        Gates gates = new Gates(0, null, true, false, null, null, "CHG-[0-9]+", false);
        assertTrue(gates.changeTicketRegex().orElseThrow().matcher("CHG-1234").matches());
    }

    @Test
    void approversWithoutRequiredApprovalsAreWarnedAbout() {
        Gates gates = new Gates(0, List.of("user:alice"), true, false, null, null, null, false);
        assertEquals(
                List.of("approvers are listed but no approval is required, so they are never asked"), gates.warnings());
    }

    /** More approvals than listed approvers is allowed (a group counts as one entry) but pointed out. */
    @Test
    void moreRequiredApprovalsThanListedApproversIsAWarningNotAnError() {
        Gates gates = new Gates(3, List.of("group:release-managers"), true, false, null, null, null, false);
        assertEquals(
                List.of("3 approvals are required from 1 listed approvers, which is possible only if some of them are"
                        + " groups"),
                gates.warnings());
    }
}
