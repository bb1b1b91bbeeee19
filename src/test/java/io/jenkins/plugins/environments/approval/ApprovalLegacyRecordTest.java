package io.jenkins.plugins.environments.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objenesis.ObjenesisStd;

/**
 * Records saved by earlier versions lack the fields this issue added. XStream builds such an object without a
 * constructor and leaves the new fields unset, then calls {@code readResolve}; the same is done here. What the
 * record does not say is read the strict way.
 */
class ApprovalLegacyRecordTest {

    @SuppressWarnings("unchecked")
    private static <T> T readBack(Class<T> type, Object... fieldsAndValues) throws Exception {
        T bare = new ObjenesisStd().newInstance(type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            Field field = type.getDeclaredField((String) fieldsAndValues[i]);
            field.setAccessible(true);
            field.set(bare, fieldsAndValues[i + 1]);
        }
        Method readResolve = type.getDeclaredMethod("readResolve");
        readResolve.setAccessible(true);
        return (T) readResolve.invoke(bare);
    }

    @Test
    void anOldOriginBecomesMakersWithTheSameRules() throws Exception {
        RunOrigin origin = readBack(
                RunOrigin.class,
                "starter",
                RunOrigin.Starter.PERSON,
                "startedBy",
                "dave",
                "changeAuthors",
                new ArrayList<>(List.of("erin")));
        assertEquals(
                List.of(Maker.user(Maker.Role.STARTED_RUN, "dave"), Maker.user(Maker.Role.AUTHOR, "erin")),
                origin.makers());
        assertEquals(List.of(), origin.notes());
        assertEquals(
                "authored a change in this run",
                origin.selfReason(Reviewer.user("Erin"), StandardIdRule.CASE_INSENSITIVE));
    }

    @Test
    void anOldPolicyRequiresJobBuildBecauseItDoesNotSayWhetherTheEnvironmentListedApprovers() throws Exception {
        ApprovalPolicy policy = readBack(
                ApprovalPolicy.class,
                "environment",
                "prod",
                "requiredApprovals",
                1,
                "approvers",
                new ArrayList<>(List.of("alice")),
                "forbidSelfApproval",
                true,
                "timeoutMillis",
                3_600_000L);
        assertTrue(policy.requiresBuildPermission());
        assertEquals(List.of("alice"), policy.approvers());
    }
}
