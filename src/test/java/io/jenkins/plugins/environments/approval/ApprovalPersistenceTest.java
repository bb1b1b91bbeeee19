package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.forThis;
import static io.jenkins.plugins.environments.approval.Scenario.given;
import static io.jenkins.plugins.environments.approval.Scenario.member;
import static io.jenkins.plugins.environments.approval.Scenario.user;
import static io.jenkins.plugins.environments.approval.Scenario.withTicket;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.approval.ApprovalOutcome.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pending request survives a Jenkins restart: the step execution is Java-serialised and the action on the run
 * is written by XStream. Here its needs are checked on the classes' shapes: plain final classes (no records), with
 * fields of types XStream writes without converters; the round trips through real XStream are in
 * {@code fidelity/XStreamRoundTripTest}.
 */
class ApprovalPersistenceTest {

    private static final Set<Class<?>> STORED = Set.of(
            ApprovalRequest.class,
            ApprovalPolicy.class,
            RunOrigin.class,
            Maker.class,
            Approval.class,
            ApprovalResult.class);

    private static final Set<Class<?>> PLAIN_FIELD_TYPES =
            Set.of(String.class, long.class, int.class, boolean.class, ArrayList.class);

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void pendingRequestWithOneOfTwoApprovalsIsApprovedAfterARestart() throws Exception {
        ApprovalRequest pending =
                given().approvedBy(user("alice"), withTicket("CHG-1")).request();

        ApprovalRequest restored = roundTrip(pending);

        assertAll(
                () -> assertEquals(ApprovalState.PENDING, restored.state()),
                () -> assertEquals(pending.approvals(), restored.approvals()),
                () -> assertEquals(pending.policy(), restored.policy()),
                () -> assertEquals(pending.deadline(), restored.deadline()),
                () -> assertEquals("dave", restored.origin().startedBy()),
                () -> assertEquals(List.of("erin"), restored.origin().changeAuthors()),
                () -> assertEquals(1, restored.remainingApprovals()));
        ApprovalOutcome second = restored.approve(
                member("frank", "release-managers"),
                forThis(),
                RealmRules.JENKINS_DEFAULT,
                Instant.parse("2026-11-28T12:00:00Z"));
        assertEquals(Kind.APPROVED, second.kind());
        ApprovalResult result = roundTrip(second.result().orElseThrow());
        assertAll(
                () -> assertEquals(List.of("alice", "frank"), result.approvers()),
                () -> assertEquals("CHG-1", result.changeTicket().orElseThrow()),
                () -> assertEquals(
                        "group:release-managers", result.approvals().get(1).admittedAs()),
                () -> assertEquals(Instant.parse("2026-11-28T12:00:00Z"), result.decidedAt()));
    }

    @Test
    void restoredRequestStillRefusesTheSameApproverAndTheRunsAuthors() throws Exception {
        ApprovalRequest restored = roundTrip(given().approvedBy(user("alice")).request());
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        assertEquals(
                RefusalReason.ALREADY_APPROVED,
                restored.approve(user("ALICE"), forThis(), RealmRules.JENKINS_DEFAULT, now)
                        .refusal()
                        .orElseThrow()
                        .reason());
        assertEquals(
                RefusalReason.SELF_APPROVAL,
                restored.approve(user("erin"), forThis(), RealmRules.JENKINS_DEFAULT, now)
                        .refusal()
                        .orElseThrow()
                        .reason());
    }

    @Test
    void rejectedRequestKeepsWhoRejectedAcrossARestart() throws Exception {
        ApprovalRequest restored = roundTrip(given().rejectedBy(user("bob")).request());
        assertAll(
                () -> assertEquals(ApprovalState.REJECTED, restored.state()),
                () -> assertEquals("bob", restored.rejection().orElseThrow().userId()),
                () -> assertEquals(
                        Instant.parse("2026-11-28T10:01:00Z"),
                        restored.decidedAt().orElseThrow()));
    }

    @Test
    void listsHandedOutCannotChangeTheState() {
        ApprovalRequest request = given().approvedBy(user("alice")).request();
        assertThrows(
                UnsupportedOperationException.class, () -> request.approvals().clear());
        assertThrows(
                UnsupportedOperationException.class,
                () -> request.policy().approvers().clear());
        assertThrows(
                UnsupportedOperationException.class,
                () -> request.origin().changeAuthors().clear());
        assertEquals(1, request.approvals().size());
    }

    @ParameterizedTest
    @ValueSource(
            classes = {
                ApprovalRequest.class,
                ApprovalPolicy.class,
                RunOrigin.class,
                Maker.class,
                Approval.class,
                ApprovalResult.class
            })
    void storedClassIsAPlainFinalSerializableClass(Class<?> stored) throws Exception {
        Field version = stored.getDeclaredField("serialVersionUID");
        assertAll(
                () -> assertFalse(stored.isRecord(), "not a record"),
                () -> assertTrue(Modifier.isFinal(stored.getModifiers()), "final"),
                () -> assertTrue(Serializable.class.isAssignableFrom(stored), "Serializable"),
                () -> assertTrue(Modifier.isStatic(version.getModifiers()) && version.getType() == long.class),
                () -> assertTrue(hasReadResolve(stored), "checks what it reads back"));
        for (Field field : stored.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Class<?> type = field.getType();
            assertTrue(
                    Modifier.isPrivate(field.getModifiers()) && Modifier.isFinal(field.getModifiers()),
                    () -> field + " is private and final");
            assertTrue(
                    PLAIN_FIELD_TYPES.contains(type) || type.isEnum() || STORED.contains(type),
                    () -> field + " has a type XStream stores plainly");
            if (type == ArrayList.class) {
                Class<?> element = (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
                assertTrue(element == String.class || STORED.contains(element), () -> field + " holds plain values");
            }
        }
    }

    private static boolean hasReadResolve(Class<?> type) {
        try {
            return type.getDeclaredMethod("readResolve").getReturnType() == Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
