package io.jenkins.plugins.environments.approval;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ApprovalBriefing} is kept with the run, as the request is (see {@code ApprovalPersistenceTest}): plain final
 * classes with plain fields, each part bounded.
 */
class ApprovalBriefingTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final Set<Class<?>> STORED =
            Set.of(ApprovalBriefing.class, BriefedGate.class, ScanCounts.class, BriefedCommit.class);

    @ParameterizedTest
    @ValueSource(classes = {ApprovalBriefing.class, BriefedGate.class, ScanCounts.class, BriefedCommit.class})
    void storedClassIsAPlainFinalSerializableClass(Class<?> stored) throws Exception {
        Field version = stored.getDeclaredField("serialVersionUID");
        assertAll(
                () -> assertFalse(stored.isRecord(), "not a record"),
                () -> assertTrue(Modifier.isFinal(stored.getModifiers()), "final"),
                () -> assertTrue(Serializable.class.isAssignableFrom(stored), "Serializable"),
                () -> assertTrue(Modifier.isStatic(version.getModifiers()) && version.getType() == long.class),
                () -> assertEquals(
                        Object.class, stored.getDeclaredMethod("readResolve").getReturnType()));
        for (Field field : stored.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Class<?> type = field.getType();
            assertTrue(
                    Modifier.isPrivate(field.getModifiers()) && Modifier.isFinal(field.getModifiers()),
                    field::toString);
            assertTrue(
                    type == String.class
                            || type == int.class
                            || type == long.class
                            || type == ArrayList.class
                            || type.isEnum()
                            || STORED.contains(type),
                    field::toString);
        }
    }

    @Test
    void aBriefingSurvivesSerialisationWithEveryPart() throws Exception {
        ApprovalBriefing briefing = ApprovalBriefing.builder(DIGEST, Instant.parse("2026-12-07T12:00:00Z"))
                .replaces("sha256:" + "cd".repeat(32))
                .gate(new BriefedGate("signature", BriefedGate.Verdict.PASS, "verified"))
                .gate(new BriefedGate("scan", BriefedGate.Verdict.NOT_RUN, "no report"))
                .scan(new ScanCounts("trivy.json (Trivy JSON)", 0, 1, 2, 3, 0, 0))
                .change(new BriefedCommit("c".repeat(40), "Erin", "Fix\nbody", "job/shop/8/"))
                .diff("prod/values.yaml on branch main at 0123456789ab", "--- a/x\n+++ b/x\n")
                .changesProblem(null)
                .build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(briefing);
        }
        ApprovalBriefing back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ApprovalBriefing) in.readObject();
        }

        assertEquals(briefing.getReplaces(), back.getReplaces());
        assertEquals(briefing.getGates(), back.getGates());
        assertEquals("not-run scan: no report", back.getGates().get(1).toString());
        assertEquals(briefing.getScan(), back.getScan());
        assertEquals(briefing.getChanges(), back.getChanges());
        assertEquals("Fix", back.getChanges().get(0).getSubject());
        assertEquals("--- a/x\n+++ b/x\n", back.getDiff());
        assertEquals(briefing.getPrepared(), back.getPrepared());
    }

    @Test
    void partsAreBounded() {
        ApprovalBriefing.Builder builder = ApprovalBriefing.builder(DIGEST, Instant.EPOCH)
                .diff("f", "+".repeat(ApprovalBriefing.MAX_DIFF + 10))
                .gatesProblem("could not be read: one\nline");
        for (int i = 0; i < ApprovalBriefing.MAX_CHANGES + 3; i++) {
            builder.change(new BriefedCommit(null, null, "change " + i, "job/shop/1/"));
        }
        ApprovalBriefing briefing = builder.build();

        assertTrue(briefing.getDiff().length() < ApprovalBriefing.MAX_DIFF + 100, "diff cut");
        assertEquals(ApprovalBriefing.MAX_CHANGES, briefing.getChanges().size());
        assertEquals("3 older commit(s) not shown", briefing.getChangesNote());
        assertEquals("could not be read: one line", briefing.getGatesProblem());
    }
}
