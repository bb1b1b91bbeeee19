package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.DIGEST;
import static io.jenkins.plugins.environments.approval.Scenario.given;
import static io.jenkins.plugins.environments.approval.Scenario.user;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a request is opened with is checked before anything else happens; the deadline is creation plus timeout. */
class ApprovalRequestInputsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final ApprovalPolicy POLICY =
            ApprovalPolicy.resolve("prod", Gates.NONE, ApprovalSettings.NONE, RealmRules.JENKINS_DEFAULT);
    private static final RunOrigin ORIGIN = RunOrigin.startedAutomatically(List.of());

    private static Arguments bad(String rule, String app, String digest, String field, String message) {
        return Arguments.argumentSet(rule, app, digest, field, message);
    }

    static Stream<Arguments> badInputs() {
        String rule = "use 'sha256:' followed by 64 lower-case hex digits";
        return Stream.of(
                bad("digestIsRequired", "shop", " ", "digest", "Digest is required"),
                bad(
                        "digestMustBeLowerCaseHex",
                        "shop",
                        DIGEST.toUpperCase(),
                        "digest",
                        "Digest '" + DIGEST.toUpperCase() + "' is not an image digest: " + rule),
                bad(
                        "digestMustHave64HexDigits",
                        "shop",
                        "sha256:abc",
                        "digest",
                        "Digest 'sha256:abc' is not an image digest: " + rule),
                bad(
                        "digestMustBeSha256",
                        "shop",
                        "sha512:" + "ab".repeat(32),
                        "digest",
                        "Digest 'sha512:" + "ab".repeat(32) + "' is not an image digest: " + rule),
                bad(
                        "digestMustNotHideALineBreak",
                        "shop",
                        DIGEST + "\n",
                        "digest",
                        "Digest '" + DIGEST + "\\u000A' is not an image digest: " + rule),
                bad(
                        "appMustBeALabel",
                        "Shop_1",
                        DIGEST,
                        "app",
                        "App name 'Shop_1' is not a valid name: use at most 63 lower-case letters, digits and '-',"
                                + " starting and ending with a letter or digit (RFC 1123 label)"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void refusesToOpenWithBadInput(String app, String digest, String field, String message) {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class, () -> ApprovalRequest.open(app, digest, POLICY, ORIGIN, NOW));
        assertAll(() -> assertEquals(message, e.getMessage()), () -> assertEquals(field, e.field()));
    }

    @Test
    void deadlineIsCreationPlusTimeout() {
        ApprovalRequest request = ApprovalRequest.open("shop", DIGEST, POLICY, ORIGIN, NOW);
        assertAll(
                () -> assertEquals(Instant.parse("2026-12-05T10:00:00Z"), request.deadline()),
                () -> assertFalse(request.isOverdue(Instant.parse("2026-12-05T09:59:59.999Z"))),
                () -> assertTrue(request.isOverdue(Instant.parse("2026-12-05T10:00:00Z"))),
                () -> assertEquals(1, request.remainingApprovals()),
                () -> assertEquals(ApprovalState.PENDING, request.state()),
                () -> assertTrue(request.decidedAt().isEmpty()));
    }

    @Test
    void onlyAnOverduePendingRequestExpires() {
        ApprovalRequest pending = given().request();
        IllegalStateException early =
                assertThrows(IllegalStateException.class, () -> pending.expire(Instant.parse("2026-11-28T11:00:00Z")));
        assertEquals("The request is due at 2026-11-29T10:00:00Z, not before", early.getMessage());
        ApprovalRequest approved =
                given().approvedBy(user("alice")).approvedBy(user("bob")).request();
        IllegalStateException decided =
                assertThrows(IllegalStateException.class, () -> approved.expire(Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals("The request is already approved", decided.getMessage());
    }

    @Test
    void reviewerAndOriginNeedIds() {
        assertEquals(
                "A reviewer needs a user id",
                assertThrows(IllegalArgumentException.class, () -> Reviewer.user(" "))
                        .getMessage());
        assertEquals(
                "The user who started the run needs an id",
                assertThrows(IllegalArgumentException.class, () -> RunOrigin.startedByPerson(null, List.of()))
                        .getMessage());
        assertEquals(
                List.of("erin", "Erin"),
                RunOrigin.startedAutomatically(java.util.Arrays.asList("erin", null, " ", "erin", "Erin"))
                        .changeAuthors());
    }
}
