package io.jenkins.plugins.environments.fidelity;

import io.jenkins.plugins.environments.jenkins.ApprovalsAction;
import io.jenkins.plugins.environments.jenkins.EnvironmentDashboardView;
import io.jenkins.plugins.environments.jenkins.EnvironmentManagementConfiguration;
import io.jenkins.plugins.environments.jenkins.PreviewAction;
import io.jenkins.plugins.environments.jenkins.PromotionAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One kind of file the plugin's objects are saved in, with the fixture of its released shape ({@code xstream/*.xml}):
 * what the current classes write for {@link XStreamSamples}, kept so that a renamed or retyped field breaks a test.
 * When a change to a persisted class is deliberate, keep the old fixture as an older shape that must still load
 * ({@code *-older.xml}) and write the new one from what the test reports.
 */
enum XStreamShape {
    /** {@code environment-management.xml} in the Jenkins home, loaded into the instance Jenkins created. */
    CONFIGURATION(
            "environment-management.xml", EnvironmentManagementConfiguration.class, XStreamSamples::configuration),
    /** The preview link among the actions of {@code build.xml}. */
    PREVIEW_ACTION("preview-action.xml", PreviewAction.class, XStreamSamples::previewAction),
    /** The promotion record among the actions of {@code build.xml}. */
    PROMOTION_ACTION("promotion-action.xml", PromotionAction.class, XStreamSamples::promotionAction),
    /** The approval requests among the actions of {@code build.xml}. */
    APPROVALS_ACTION("approvals-action.xml", ApprovalsAction.class, XStreamSamples::approvalsAction),
    /** The view's own fields in the {@code <views>} of {@code config.xml} (core writes its name and owner first). */
    DASHBOARD_VIEW("environment-dashboard-view.xml", EnvironmentDashboardView.class, XStreamSamples::dashboardView);

    private final String fixture;
    private final Class<?> type;
    private final Supplier<Object> sample;

    XStreamShape(String fixture, Class<?> type, Supplier<Object> sample) {
        this.fixture = fixture;
        this.type = type;
        this.sample = sample;
    }

    Class<?> type() {
        return type;
    }

    String fixtureName() {
        return fixture;
    }

    /** @return a new sample, every persisted field filled in */
    Object sample() {
        return sample.get();
    }

    /** @return the fixture's text, as Jenkins wrote it (a final line break of the file does not count) */
    String fixture() {
        return read(fixture);
    }

    /** Reads the XML as Jenkins would: a global configuration into the instance it created, anything else anew. */
    XStreamLikeJenkins.Loaded<?> load(XStreamLikeJenkins xstream, String xml) {
        return this == CONFIGURATION
                ? xstream.fromXml(xml, XStreamSamples.emptyConfiguration())
                : xstream.fromXml(xml, type);
    }

    /** @return a fixture file of {@code xstream/}, without a final line break */
    static String read(String name) {
        try (InputStream in = XStreamShape.class.getResourceAsStream("xstream/" + name)) {
            if (in == null) {
                return "(no fixture xstream/" + name + ")";
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps what the classes write now next to the build's other output, so that a deliberate change can become the
     * new fixture.
     *
     * @return where it was written
     */
    Path keepActual(String xml) {
        try {
            Path dir = Path.of(System.getProperty("environments.test.classes", "target/test-classes"))
                    .resolveSibling("xstream-actual");
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(fixture), xml + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
