package io.jenkins.plugins.environments.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.approval.ApprovalBriefing;
import io.jenkins.plugins.environments.approval.ApprovalRequest;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.fidelity.samples.ProgramStateWithLiveField;
import io.jenkins.plugins.environments.jenkins.ApprovalsAction;
import io.jenkins.plugins.environments.jenkins.PreviewAction;
import io.jenkins.plugins.environments.jenkins.ProgramStateSamples;
import io.jenkins.plugins.environments.jenkins.ProgramStateStepResults;
import io.jenkins.plugins.environments.jenkins.PromotionAction;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's pipeline program state through JBoss Marshalling River, configured as workflow-support configures it
 * ({@link RiverRoundTrip}): what each step execution keeps across a restart, what each step hands back to the script,
 * and each action on the run. A round trip gives back an equal object ({@link KeptFields}); every field that
 * program state can reach is one River can write ({@link ProgramStateFields}); every returned value is plain data
 * ({@link ProgramStateValues}). Each check is proven on a sample broken on purpose.
 */
class ProgramStateRiverTest {

    @TempDir
    Path dir;

    private final RiverRoundTrip river = RiverRoundTrip.plain();

    @Test
    void theAwaitApprovalExecutionKeepsOnlyTheRequestIdAcrossARestart() throws Exception {
        ProgramStateSamples.PendingApproval pending = ProgramStateSamples.pendingApproval(dir);
        StepExecution execution = pending.execution();
        assertNotNull(ProgramStateSamples.PendingApproval.field(execution, "wait"), "the sample waits as a build does");

        StepExecution read = river.roundTrip(execution);

        assertNotSame(execution, read);
        assertEquals(List.of(), KeptFields.differences(execution, read));
        assertEquals("1", ProgramStateSamples.PendingApproval.field(read, "requestId"));
        assertNull(ProgramStateSamples.PendingApproval.field(read, "wait"), "the work is made again on resume");
        assertNull(ProgramStateSamples.PendingApproval.field(read, "ask"), "the arguments are needed only to start");
    }

    @Test
    void aPendingApprovalResumesFromWhatRiverReadBackAndHandsBackPlainData() throws Exception {
        ProgramStateSamples.PendingApproval pending = ProgramStateSamples.pendingApproval(dir);

        StepExecution execution = river.roundTrip(pending.execution());
        ApprovalsAction action = river.roundTrip(pending.action());
        Object result = pending.resumeAndApprove(execution, action);

        assertEquals(List.of(), ProgramStateValues.problems(result));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("approvers", new ArrayList<>(List.of("alice", "bob")));
        expected.put("changeTicket", "CHG-1");
        expected.put("decidedAt", "2026-11-28T10:00:00Z");
        assertEquals(List.of(), KeptFields.differences(expected, result));
        assertEquals(List.of(), KeptFields.differences(result, river.roundTrip(result)));
    }

    @Test
    void everyActionOnTheRunRoundTripsEqual() throws Exception {
        ProgramStateSamples.PendingApproval pending = ProgramStateSamples.pendingApproval(dir);
        ApprovalsAction approvals = pending.action();
        ApprovalsAction.Entry entry = approvals.getEntries().get(0);
        assertNotNull(entry.getBriefing(), "the sample has a briefing");
        assertEquals(1, entry.getApprovals().size(), "the sample has an approval");

        for (Object action :
                List.of(ProgramStateSamples.previewAction(), ProgramStateSamples.promotionAction(), approvals)) {
            Object read = river.roundTrip(action);
            assertEquals(
                    List.of(),
                    KeptFields.differences(action, read),
                    action.getClass().getName());
        }
        assertEquals(ProgramStateSamples.previewAction(), river.roundTrip(ProgramStateSamples.previewAction()));
        ApprovalsAction read = river.roundTrip(approvals);
        assertNull(read.getRun(), "the run is attached again when the build loads");
        assertEquals(entry.getStatus(), read.getEntries().get(0).getStatus());
        assertEquals(entry.getWhoMayApprove(), read.getEntries().get(0).getWhoMayApprove());
    }

    @Test
    void theCausesAnApprovalEndsABuildWithRoundTripEqual() throws Exception {
        for (CauseOfInterruption cause : ProgramStateSamples.interruptions()) {
            CauseOfInterruption read = river.roundTrip(cause);

            assertEquals(List.of(), KeptFields.differences(cause, read));
            assertEquals(cause.getShortDescription(), read.getShortDescription());
        }
        assertEquals(
                "Rejected by 'carol' for environment 'prod': not before the freeze ends",
                river.roundTrip(ProgramStateSamples.interruptions().get(0)).getShortDescription());
    }

    @Test
    void theNonBlockingStepsKeepNothingOfTheirStepAcrossARestart() throws Exception {
        Map<String, StepExecution> executions = ProgramStateSamples.nonBlockingExecutions();
        assertEquals(Set.of("deployPreview", "teardownPreview", "promoteDigest"), executions.keySet());

        for (Map.Entry<String, StepExecution> started : executions.entrySet()) {
            ProgramStateSamples.NonBlocking execution =
                    assertInstanceOf(ProgramStateSamples.NonBlocking.class, started.getValue());
            Object body = execution.body();
            assertNotNull(body, started.getKey());

            ProgramStateSamples.NonBlocking read = river.roundTrip(execution);

            assertNull(read.body(), started.getKey());
            // The body holds the step; it is not serialisable, so the field that holds it must stay transient.
            NotSerializableException e = assertThrows(NotSerializableException.class, () -> river.write(body));
            assertTrue(e.getMessage().startsWith(body.getClass().getName()), e.getMessage());
        }
    }

    @Test
    void whatThePreviewStepsHandBackAndLeaveOnTheBuildSurvivesRiver() throws Exception {
        try (ProgramStateStepResults steps = new ProgramStateStepResults(dir)) {
            Map<String, Map<String, Object>> results = steps.previews();

            assertEquals("pr-1842", results.get("deployPreview").get("namespace"));
            assertEquals(true, results.get("teardownPreview").get("removed"));
            for (Map.Entry<String, Map<String, Object>> result : results.entrySet()) {
                assertEquals(List.of(), ProgramStateValues.problems(result.getValue()), result.getKey());
                assertEquals(List.of(), KeptFields.differences(result.getValue(), river.roundTrip(result.getValue())));
            }
            assertEquals(1, steps.actions().size());
            PreviewAction link =
                    assertInstanceOf(PreviewAction.class, steps.actions().get(0));
            assertEquals(link, river.roundTrip(link));
        }
    }

    @Test
    void whatPromoteDigestHandsBackAndLeavesOnTheBuildSurvivesRiver() throws Exception {
        try (ProgramStateStepResults steps = new ProgramStateStepResults(dir)) {
            Map<String, Object> result = steps.promotion();

            assertEquals("staging", result.get("to"));
            assertTrue(((List<?>) result.get("gates")).size() > 1, "the gates are listed: " + result);
            assertEquals(List.of(), ProgramStateValues.problems(result));
            assertEquals(List.of(), KeptFields.differences(result, river.roundTrip(result)));
            PromotionAction action =
                    assertInstanceOf(PromotionAction.class, steps.actions().get(0));
            assertEquals("staging", action.getEntries().get(0).getTo());
            assertEquals(List.of(), KeptFields.differences(action, river.roundTrip(action)));
        }
    }

    @Test
    void everyFieldProgramStateCanReachIsOneRiverCanWrite() throws Exception {
        List<Class<?>> found = ProgramStateRoots.find();
        assertEquals(
                List.of(
                        "io.jenkins.plugins.environments.jenkins.ApprovalInterruption$Expired",
                        "io.jenkins.plugins.environments.jenkins.ApprovalInterruption$Rejected",
                        "io.jenkins.plugins.environments.jenkins.ApprovalsAction",
                        "io.jenkins.plugins.environments.jenkins.AwaitApprovalStep$Execution",
                        "io.jenkins.plugins.environments.jenkins.PreviewAction",
                        "io.jenkins.plugins.environments.jenkins.PromotionAction"),
                found.stream().map(Class::getName).toList(),
                "every execution, run action and interruption cause of the plugin; a new one needs its round trip"
                        + " here too");
        Class<?>[] roots = Stream.concat(found.stream(), Stream.of(ProgramStateSamples.NonBlocking.class))
                .toArray(Class<?>[]::new);

        assertEquals(List.of(), ProgramStateFields.problems(roots));

        Set<Class<?>> reached = ProgramStateFields.reached(roots);
        for (Class<?> expected : List.of(
                ApprovalsAction.Entry.class,
                ApprovalRequest.class,
                RunOrigin.class,
                ApprovalBriefing.class,
                PromotionAction.Entry.class)) {
            assertTrue(reached.contains(expected), expected + " is walked: " + reached);
        }
    }

    @Test
    void aFieldRiverCannotWriteIsNamedEvenWhileItIsEmpty() throws Exception {
        ProgramStateWithLiveField sample = new ProgramStateWithLiveField("1");

        assertEquals(
                List.of(
                        "fidelity.samples.ProgramStateWithLiveField.worker: java.lang.Thread is not Serializable",
                        "fidelity.samples.ProgramStateWithLiveField.anything: declared as java.lang.Object, which may"
                                + " hold anything",
                        "fidelity.samples.ProgramStateWithLiveField.parts: fidelity.samples.ProgramStateWithLiveField.Part"
                                + " declares no serialVersionUID, so a rebuild of the plugin can make the state of"
                                + " running builds unreadable"),
                ProgramStateFields.problems(ProgramStateWithLiveField.class));
        assertEquals("1", river.roundTrip(sample).requestId(), "River writes it while the fields are empty");
        sample.hold(new Thread(() -> {}));
        NotSerializableException e = assertThrows(NotSerializableException.class, () -> river.write(sample));
        assertTrue(e.getMessage().startsWith("java.lang.Thread"), e.getMessage());
    }

    @Test
    void aLiveObjectOrAFixedCollectionHandedToTheScriptIsRefused() {
        Map<Object, Object> result = new LinkedHashMap<>();
        result.put("namespace", "pr-1842");
        result.put("gates", List.of("PASS digest-exists"));
        result.put("state", new ProgramStateWithLiveField("1"));
        result.put(7, "seven");
        result.put("nested", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("at", java.time.Instant.EPOCH)))));

        assertEquals(
                List.of(
                        "result.gates: java.util.ImmutableCollections$List12 cannot be changed by the script; return"
                                + " a LinkedHashMap, HashMap, TreeMap, ArrayList or LinkedList",
                        "result.state: io.jenkins.plugins.environments.fidelity.samples.ProgramStateWithLiveField is"
                                + " not a map, a list, a string, a number or a boolean",
                        "result: the key 7 is not a string",
                        "result.nested[0].at: java.time.Instant is not a map, a list, a string, a number or a"
                                + " boolean"),
                ProgramStateValues.problems(result));
    }

    @Test
    void picklesStandInForLiveObjectsAsWorkflowSupportWritesThem() throws Exception {
        /* A live object River cannot write, held where a build's state holds a workspace or a launcher. */
        final class Workspace {
            final String node;

            Workspace(String node) {
                this.node = node;
            }
        }
        record Pickled(String node) implements Serializable {}
        record Holder(String id, Object workspace) implements Serializable {}
        RiverRoundTrip.Pickler workspaces = new RiverRoundTrip.Pickler() {
            @Override
            public Serializable pickle(Object object) {
                return object instanceof Workspace w ? new Pickled(w.node) : null;
            }

            @Override
            public Object rehydrate(Serializable pickle) {
                return new Workspace(((Pickled) pickle).node() + " (found again)");
            }
        };
        Holder holder = new Holder("1", new Workspace("agent-1"));

        Holder read = RiverRoundTrip.withPicklers(workspaces).roundTrip(holder);

        assertEquals("1", read.id());
        assertEquals("agent-1 (found again)", ((Workspace) read.workspace()).node);
        NotSerializableException e = assertThrows(NotSerializableException.class, () -> river.write(holder));
        assertTrue(e.getMessage().startsWith(Workspace.class.getName()), e.getMessage());
    }
}
