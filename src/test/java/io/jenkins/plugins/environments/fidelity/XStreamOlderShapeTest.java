package io.jenkins.plugins.environments.fidelity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.approval.ApprovalState;
import io.jenkins.plugins.environments.approval.Maker;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.jenkins.ApprovalsAction;
import io.jenkins.plugins.environments.jenkins.EnvironmentManagementConfiguration;
import io.jenkins.plugins.environments.jenkins.PromotionAction;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.ImageForm;
import io.jenkins.plugins.environments.model.PreviewDefaults;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.ScanPolicy;
import io.jenkins.plugins.environments.model.WhenFull;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files of an older shape ({@code xstream/*-older.xml}: a field since removed, a kind of entry since removed, fields
 * added since missing) load without error, with the defaults the current code gives a missing field, report only
 * what was dropped, and are saved in the current shape.
 */
class XStreamOlderShapeTest {

    private static final String JENKINS = "io.jenkins.plugins.environments.jenkins.";

    private final XStreamLikeJenkins xstream = XStreamLikeJenkins.create();

    @Test
    void olderConfigurationLoadsWithDefaultsAndIsSavedInTheCurrentShape() {
        XStreamLikeJenkins.Loaded<EnvironmentManagementConfiguration> loaded = xstream.fromXml(
                XStreamShape.read("environment-management-older.xml"), XStreamSamples.emptyConfiguration());

        EnvironmentsConfiguration model = loaded.value().toModel();
        Environment staging = model.environment("staging").orElseThrow();
        Environment prod = model.environment("prod").orElseThrow();
        PreviewDefaults previews = model.previewDefaults();
        String saved = xstream.toXml(loaded.value());
        assertAll(
                () -> assertEquals(
                        List.of(
                                "<defaultCluster> of " + JENKINS + "EnvironmentManagementConfiguration skipped: no such"
                                        + " field",
                                "<namespacePrefix> of " + JENKINS + "ClusterConfig skipped: no such field",
                                "list element <" + JENKINS + "MirrorRegistryConfig> skipped: " + JENKINS
                                        + "MirrorRegistryConfig"),
                        loaded.problems(),
                        "what Manage Old Data would list"),
                () -> assertEquals(List.of(), model.validate().errors()),
                () -> assertFalse(model.cluster("dev-eu").orElseThrow().folderCredentials()),
                () -> assertEquals(0, model.cluster("dev-eu").orElseThrow().maxConcurrentPreviews()),
                () -> assertEquals(
                        List.of("internal"),
                        loaded.value().getRegistries().stream()
                                .map(r -> r.getId())
                                .toList()),
                () -> assertFalse(model.registry("internal").orElseThrow().forceInsecure()),
                () -> assertEquals(
                        Registry.DEFAULT_PARALLEL_TRANSFERS,
                        model.registry("internal").orElseThrow().maxParallelTransfers(),
                        "a registry saved before the setting existed gets the default, not 0"),
                () -> assertEquals(ImageForm.DIGEST, staging.gitOps().imageForm()),
                () -> assertFalse(staging.gitOps().tagAcceptsDigest()),
                () -> assertEquals(ScanPolicy.DEFAULT, prod.gates().scanPolicy(), "fail closed"),
                () -> assertTrue(prod.gates().forbidSelfApproval()),
                () -> assertEquals(WhenFull.QUEUE, previews.whenFull()),
                () -> assertEquals(List.of(), loaded.value().getApps(), "no apps before apps existed"),
                () -> assertFalse(saved.contains("defaultCluster") || saved.contains("namespacePrefix"), saved),
                () -> assertFalse(saved.contains("MirrorRegistryConfig"), saved),
                () -> assertTrue(saved.contains("plugin=\"" + XStreamLikeJenkins.OWNER + "\""), saved),
                () -> assertEquals(
                        List.of(),
                        xstream.fromXml(saved, XStreamSamples.emptyConfiguration())
                                .problems()));
    }

    @Test
    void olderPromotionRecordLoadsWithoutScanReports() {
        XStreamLikeJenkins.Loaded<PromotionAction> loaded =
                xstream.fromXml(XStreamShape.read("promotion-action-older.xml"), PromotionAction.class);

        List<PromotionAction.Entry> entries = loaded.value().getEntries();
        assertAll(
                () -> assertEquals(
                        List.of("<approvedBy> of " + JENKINS + "PromotionAction$Entry skipped: no such field"),
                        loaded.problems()),
                () -> assertEquals(1, entries.size()),
                () -> assertEquals(
                        "https://git.example.com/payments/deploy/commit/3f2a9c1",
                        entries.get(0).getTargetUrl()),
                () -> assertNull(
                        XStreamFieldByField.get(loaded.value(), "scans"), "builds from before scans were kept"),
                () -> assertFalse(xstream.toXml(loaded.value()).contains("<scans"), "nothing invented on saving"));
    }

    /** An approval request of a build from before the origin listed makers: its readResolve rebuilds them. */
    @Test
    void olderApprovalRequestIsCompletedByReadResolve() {
        XStreamLikeJenkins.Loaded<ApprovalsAction> loaded =
                xstream.fromXml(XStreamShape.read("approvals-action-older.xml"), ApprovalsAction.class);

        ApprovalsAction.Entry entry = loaded.value().getEntries().get(0);
        RunOrigin origin = entry.getRequest().origin();
        assertAll(
                () -> assertEquals(List.of(), loaded.problems()),
                () -> assertEquals(RunOrigin.Starter.PERSON, origin.starter()),
                () -> assertEquals(
                        List.of(Maker.user(Maker.Role.STARTED_RUN, "dave"), Maker.user(Maker.Role.AUTHOR, "erin")),
                        origin.makers()),
                () -> assertEquals(List.of(), origin.notes()),
                () -> assertEquals(ApprovalState.PENDING, entry.getRequest().state()),
                () -> assertEquals(1, entry.getRequest().remainingApprovals()),
                () -> assertNull(entry.getApprovals().get(0).admittedAs()),
                () -> assertNull(entry.getBriefing(), "builds from before briefings were kept"),
                () -> assertTrue(entry.isPending()),
                () -> assertFalse((Boolean) XStreamFieldByField.get(entry, "announced"), "announced once resumed"));
    }

    /**
     * A request that no longer validates when read back (its readResolve refuses it) is reported and left out, so
     * that the run's other requests still show, wait and count.
     */
    @Test
    void requestThatNoLongerValidatesIsReportedAndLeftOut() {
        XStreamLikeJenkins.Loaded<ApprovalsAction> loaded =
                xstream.fromXml(XStreamShape.read("approvals-action-unreadable-request.xml"), ApprovalsAction.class);

        ApprovalsAction action = loaded.value();
        assertAll(
                () -> assertEquals(
                        1, loaded.problems().size(), loaded.problems().toString()),
                () -> assertTrue(
                        loaded.problems()
                                .get(0)
                                .startsWith("<request> of " + JENKINS + "ApprovalsAction$Entry skipped: "),
                        loaded.problems().toString()),
                () -> assertTrue(
                        loaded.problems().get(0).contains("sha256:1234"),
                        loaded.problems().toString()),
                () -> assertEquals(
                        List.of("2"),
                        action.getEntries().stream()
                                .map(ApprovalsAction.Entry::getId)
                                .toList()),
                () -> assertTrue(action.isPending()),
                () -> assertEquals(List.of(), action.results()),
                () -> assertEquals("3", XStreamFieldByField.call(action, "nextId"), "no id is given twice"));
    }
}
