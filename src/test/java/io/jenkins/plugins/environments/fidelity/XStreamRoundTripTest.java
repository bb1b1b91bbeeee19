package io.jenkins.plugins.environments.fidelity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.jenkins.ApprovalsAction;
import io.jenkins.plugins.environments.jenkins.EnvironmentManagementConfiguration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Everything the plugin persists goes through real XStream, set up as Jenkins' ({@link XStreamLikeJenkins}): the
 * classes write exactly the released shape (the fixtures), read it back without a problem into objects equal field by
 * field, and saving after loading changes nothing.
 */
class XStreamRoundTripTest {

    private final XStreamLikeJenkins xstream = XStreamLikeJenkins.create();

    @ParameterizedTest
    @EnumSource(XStreamShape.class)
    void writesTheReleasedShape(XStreamShape shape) {
        String written = xstream.toXml(shape.sample());

        if (!written.equals(shape.fixture())) {
            assertEquals(
                    shape.fixture(),
                    written,
                    shape.type().getSimpleName() + " no longer writes the shape of xstream/" + shape.fixtureName()
                            + " (what it writes now: " + shape.keepActual(written) + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(XStreamShape.class)
    void readsTheReleasedShapeIntoAnEqualObjectAndSavesItUnchanged(XStreamShape shape) {
        XStreamLikeJenkins.Loaded<?> loaded = shape.load(xstream, shape.fixture());

        assertAll(
                () -> assertEquals(List.of(), loaded.problems(), "skipped while loading"),
                () -> assertEquals(List.of(), KeptFields.differences(shape.sample(), loaded.value())),
                () -> assertEquals(shape.fixture(), xstream.toXml(loaded.value()), "saved after loading"));
    }

    @ParameterizedTest
    @EnumSource(XStreamShape.class)
    void roundTripKeepsEveryField(XStreamShape shape) {
        Object original = shape.sample();
        String xml = xstream.toXml(original);

        Object loaded = shape.load(xstream, xml).value();

        assertAll(
                () -> assertEquals(List.of(), KeptFields.differences(original, loaded)),
                () -> assertEquals(xml, xstream.toXml(loaded), "XML, object, XML"));
    }

    /** A sample that leaves a field at its default would let that field's rename or retyping go unnoticed. */
    @ParameterizedTest
    @EnumSource(XStreamShape.class)
    void samplesFillInEveryPersistedField(XStreamShape shape) {
        assertEquals(
                Set.of(),
                XStreamFieldByField.neverFilled(shape.sample()),
                "fields the sample of " + shape + " never fills in: give them a value in XStreamSamples");
    }

    @Test
    void loadedConfigurationIsTheSameValidConfiguration() {
        EnvironmentManagementConfiguration loaded = xstream.fromXml(
                        XStreamShape.CONFIGURATION.fixture(), XStreamSamples.emptyConfiguration())
                .value();

        assertEquals(XStreamSamples.configuration().toModel(), loaded.toModel());
    }

    @Test
    void approvalsKeepTheirDecisionsButNoLiveState() {
        String xml = xstream.toXml(XStreamSamples.approvalsAction());

        ApprovalsAction loaded = xstream.fromXml(xml, ApprovalsAction.class).value();

        List<ApprovalsAction.Entry> entries = loaded.getEntries();
        List<ApprovalResult> results = loaded.results();
        assertAll(
                () -> assertFalse(xml.contains("<run"), "the run is transient"),
                () -> assertFalse(xml.contains("<waiting"), "the waiting steps are transient"),
                () -> assertNull(loaded.getRun(), "until Jenkins calls onLoad"),
                () -> assertEquals(
                        List.of("1", "2", "3"),
                        entries.stream().map(ApprovalsAction.Entry::getId).toList()),
                () -> assertEquals(1, results.size()),
                () -> assertEquals(
                        List.of("frank", "root"),
                        results.get(0).approvals().stream().map(a -> a.userId()).toList()),
                () -> assertTrue(entries.get(1).isRejected()),
                () -> assertTrue(entries.get(2).isStopped()),
                () -> assertFalse(loaded.isPending(), "the stopped request waits no more"),
                () -> assertEquals(2, entries.get(0).getBriefing().getGates().size()));
    }
}
