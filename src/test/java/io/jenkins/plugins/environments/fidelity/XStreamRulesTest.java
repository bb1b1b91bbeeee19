package io.jenkins.plugins.environments.fidelity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.approval.ApprovalBriefing;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.approval.RunOrigin;
import io.jenkins.plugins.environments.fidelity.samples.XStreamSampleAction;
import io.jenkins.plugins.environments.fidelity.samples.XStreamSampleWithInstant;
import io.jenkins.plugins.environments.fidelity.samples.XStreamSampleWithObjectField;
import io.jenkins.plugins.environments.fidelity.samples.XStreamSampleWithPlainSecrets;
import io.jenkins.plugins.environments.fidelity.samples.XStreamSampleWithReadResolve;
import io.jenkins.plugins.environments.fidelity.samples.XStreamSampleWithReadResolveArgument;
import io.jenkins.plugins.environments.fidelity.samples.XStreamSampleWithVoidReadResolve;
import io.jenkins.plugins.environments.jenkins.AppTargetConfig;
import io.jenkins.plugins.environments.jenkins.ApprovalsAction;
import io.jenkins.plugins.environments.jenkins.ClusterConfig;
import io.jenkins.plugins.environments.jenkins.GatesConfig;
import io.jenkins.plugins.environments.jenkins.GitOpsConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link XStreamLikeJenkins} and {@link XStreamPersistedClasses} holds for the plugin's persisted classes
 * and rejects a sample that breaks it ({@code fidelity/samples/XStreamSample*}), with the message asserted.
 */
class XStreamRulesTest {

    private static final String SAMPLES = "io.jenkins.plugins.environments.fidelity.samples.";

    /**
     * Classes Jenkins would save if they were attached or stored, which no file holds, with the reason. A class
     * becomes covered by being reachable from an {@link XStreamShape}.
     */
    private static final Map<Class<?>, String> NOT_SAVED = Map.of(
            ApprovalResult.class,
            "computed from the run's ApprovalsAction when promoteDigest runs and handed to the promotion; never stored");

    private final XStreamLikeJenkins xstream = XStreamLikeJenkins.create();

    @Test
    void persistedClassesKeepEveryRule() {
        List<Class<?>> persisted = XStreamPersistedClasses.reachableFrom(roots());

        assertAll(
                () -> assertEquals(List.of(), XStreamPersistedClasses.problems(persisted)),
                () -> assertTrue(
                        persisted.containsAll(List.of(
                                ClusterConfig.class,
                                GatesConfig.class,
                                GitOpsConfig.class,
                                AppTargetConfig.class,
                                ApprovalsAction.Entry.class,
                                RunOrigin.class,
                                ApprovalBriefing.class)),
                        "reached: " + persisted));
    }

    /** The plugin keeps no {@code hudson.util.Secret}: every credential it names is an id that Jenkins resolves. */
    @Test
    void credentialsAreKeptAsIdsOnly() {
        List<String> credentialFields = XStreamPersistedClasses.reachableFrom(roots()).stream()
                .flatMap(type -> XStreamPersistedClasses.persistedFields(type).stream())
                .filter(field -> field.getName().toLowerCase(Locale.ROOT).contains("credential")
                        || field.getType().getName().equals("hudson.util.Secret"))
                .map(field -> field.getDeclaringClass().getSimpleName() + "." + field.getName() + ": "
                        + field.getType().getSimpleName())
                .toList();

        assertEquals(
                List.of(
                        "ClusterConfig.credentialsId: String",
                        "ClusterConfig.folderCredentials: boolean",
                        "RegistryConfig.credentialsId: String",
                        "RegistryConfig.folderCredentials: boolean",
                        "GatesConfig.signatureCredentialsId: String",
                        "GitOpsConfig.credentialsId: String",
                        "GitOpsConfig.folderCredentials: boolean"),
                credentialFields);
    }

    @Test
    void everyClassJenkinsSavesIsRoundTripped() {
        List<Class<?>> covered = new ArrayList<>(XStreamPersistedClasses.reachableFrom(roots()));
        covered.addAll(NOT_SAVED.keySet());
        List<Class<?>> saved = XStreamPersistedClasses.savedByJenkins(XStreamPersistedClasses.mainClasses());

        assertAll(
                () -> assertTrue(saved.containsAll(roots()), "found: " + saved),
                () -> assertEquals(List.of(), uncovered(saved, covered)),
                () -> assertEquals(
                        List.of(SAMPLES
                                + "XStreamSampleAction is saved by Jenkins, but no XStream round trip covers it:"
                                + " reach it from an XStreamShape, or say in NOT_SAVED why no file holds it"),
                        uncovered(
                                XStreamPersistedClasses.savedByJenkins(List.of(XStreamSampleAction.class)), covered)));
    }

    @Test
    void classFilterRefusesATypeFromOutsideJenkinsAndPlugins() {
        XStreamSampleWithInstant sample =
                new XStreamSampleWithInstant("payments", Instant.parse("2026-11-28T10:00:00Z"));

        RuntimeException writing = assertThrows(RuntimeException.class, () -> xstream.toXml(sample));
        XStreamLikeJenkins.Loaded<XStreamSampleWithInstant> reading = xstream.fromXml(
                "<" + SAMPLES + "XStreamSampleWithInstant><app>payments</app>"
                        + "<deployedAt>2026-11-28T10:00:00Z</deployedAt></" + SAMPLES + "XStreamSampleWithInstant>",
                XStreamSampleWithInstant.class);

        assertAll(
                () -> assertTrue(
                        messages(writing)
                                .contains("Refusing to marshal java.time.Instant for security reasons;"
                                        + " see https://www.jenkins.io/redirect/class-filter/"),
                        messages(writing)),
                () -> assertEquals("payments", reading.value().app()),
                () -> assertNull(reading.value().deployedAt()),
                () -> assertEquals(
                        List.of(
                                "<deployedAt> of " + SAMPLES + "XStreamSampleWithInstant skipped: Refusing to unmarshal"
                                        + " deployedAt for security reasons; see https://www.jenkins.io/redirect/class-filter/"),
                        reading.problems()),
                () -> assertEquals(
                        List.of(SAMPLES
                                + "XStreamSampleWithInstant.deployedAt holds a java.time.Instant, which Jenkins'"
                                + " class filter (JEP-200) refuses to write and read: keep a plugin class, a String,"
                                + " a number or a collection of them"),
                        XStreamPersistedClasses.problems(List.of(XStreamSampleWithInstant.class))));
    }

    @Test
    void objectFieldIsRefusedOnReading() {
        XStreamSampleWithObjectField sample = XStreamFieldByField.set(
                XStreamFieldByField.allocate(XStreamSampleWithObjectField.class), "value", "payments");
        String xml = xstream.toXml(sample);

        RuntimeException reading =
                assertThrows(RuntimeException.class, () -> xstream.fromXml(xml, XStreamSampleWithObjectField.class));

        assertAll(
                () -> assertTrue(
                        messages(reading)
                                .contains("Refusing to unmarshal <value> of " + SAMPLES
                                        + "XStreamSampleWithObjectField to Object typed field 'value' in '" + SAMPLES
                                        + "XStreamSampleWithObjectField'"),
                        messages(reading)),
                () -> assertEquals(
                        List.of(SAMPLES + "XStreamSampleWithObjectField.value is declared Object: Jenkins refuses to"
                                + " read a value into an Object field (RobustReflectionConverter); give it the type it"
                                + " holds"),
                        XStreamPersistedClasses.problems(List.of(XStreamSampleWithObjectField.class))));
    }

    @Test
    void readResolveRunsAfterLoadingAndTransientFieldsAreNotWritten() {
        String xml = xstream.toXml(new XStreamSampleWithReadResolve("payments", "cached"));
        XStreamLikeJenkins.Loaded<XStreamSampleWithReadResolve> older = xstream.fromXml(
                "<" + SAMPLES + "XStreamSampleWithReadResolve><name>payments</name><removed>1</removed></" + SAMPLES
                        + "XStreamSampleWithReadResolve>",
                XStreamSampleWithReadResolve.class);

        assertAll(
                () -> assertFalse(xml.contains("cache"), xml),
                () -> assertNull(xstream.fromXml(xml, XStreamSampleWithReadResolve.class)
                        .value()
                        .cache()),
                () -> assertEquals("payments", older.value().name()),
                () -> assertEquals(List.of(), older.value().names(), "made empty by readResolve"),
                () -> assertEquals(
                        List.of("<removed> of " + SAMPLES + "XStreamSampleWithReadResolve skipped: no such field"),
                        older.problems()),
                () -> assertEquals(
                        List.of(), XStreamPersistedClasses.problems(List.of(XStreamSampleWithReadResolve.class))));
    }

    @Test
    void readResolveThatReturnsNothingLoadsNull() {
        String xml = "<" + SAMPLES + "XStreamSampleWithVoidReadResolve/>";

        assertAll(
                () -> assertNull(xstream.fromXml(xml, XStreamSampleWithVoidReadResolve.class)
                        .value()),
                () -> assertEquals(
                        List.of(SAMPLES + "XStreamSampleWithVoidReadResolve.readResolve() returns void: XStream keeps"
                                + " what it returns (so a void one loads null) and Java serialisation ignores it;"
                                + " declare Object readResolve()"),
                        XStreamPersistedClasses.problems(List.of(XStreamSampleWithVoidReadResolve.class))));
    }

    @Test
    void readResolveWithAParameterIsNeverCalled() {
        String xml = "<" + SAMPLES + "XStreamSampleWithReadResolveArgument/>";

        assertAll(
                () -> assertNull(
                        xstream.fromXml(xml, XStreamSampleWithReadResolveArgument.class)
                                .value()
                                .names(),
                        "not made empty: readResolve(String) was not called"),
                () -> assertEquals(
                        List.of(SAMPLES + "XStreamSampleWithReadResolveArgument.readResolve takes parameters, so it is"
                                + " never called after loading: declare Object readResolve()"),
                        XStreamPersistedClasses.problems(List.of(XStreamSampleWithReadResolveArgument.class))));
    }

    @Test
    void secretsInPlainTextAndCredentialObjectsAreRefused() {
        assertEquals(
                List.of(
                        SAMPLES + "XStreamSampleWithPlainSecrets.password would be written in plain text to the XML"
                                + " file: keep the id of a Jenkins credential (...CredentialsId) instead, or a"
                                + " hudson.util.Secret",
                        SAMPLES + "XStreamSampleWithPlainSecrets.apiToken would be written in plain text to the XML"
                                + " file: keep the id of a Jenkins credential (...CredentialsId) instead, or a"
                                + " hudson.util.Secret",
                        SAMPLES + "XStreamSampleWithPlainSecrets.registryCredentials holds credentials as " + SAMPLES
                                + "XStreamSampleWithReadResolve: keep only the id of a Jenkins credential, a String"
                                + " named ...CredentialsId"),
                XStreamPersistedClasses.problems(List.of(XStreamSampleWithPlainSecrets.class)));
    }

    private static List<Class<?>> roots() {
        return Arrays.stream(XStreamShape.values())
                .<Class<?>>map(XStreamShape::type)
                .toList();
    }

    private static List<String> uncovered(List<Class<?>> saved, List<Class<?>> covered) {
        return saved.stream()
                .filter(type -> !covered.contains(type))
                .map(type -> type.getName() + " is saved by Jenkins, but no XStream round trip covers it: reach it"
                        + " from an XStreamShape, or say in NOT_SAVED why no file holds it")
                .toList();
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
