package io.jenkins.plugins.environments.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.fidelity.samples.StructsSamples;
import io.jenkins.plugins.environments.jenkins.AwaitApprovalStep;
import io.jenkins.plugins.environments.jenkins.DeployPreviewStep;
import io.jenkins.plugins.environments.jenkins.EnvironmentDashboardView;
import io.jenkins.plugins.environments.jenkins.EnvironmentManagementConfiguration;
import io.jenkins.plugins.environments.jenkins.PreviewQuota;
import io.jenkins.plugins.environments.jenkins.PromoteDigestStep;
import io.jenkins.plugins.environments.jenkins.TeardownPreviewStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every step and describable of the plugin passes the rules by which structs' {@code DescribableModel} binds step
 * arguments and the Snippet Generator and Declarative read them back ({@link DescribableModelCheck}); and the check
 * refuses the samples broken on purpose in {@link StructsSamples}, with the reason.
 */
class DescribableModelFidelityTest {

    private static final List<Class<?>> SAMPLES = List.of(StructsSamples.class.getDeclaredClasses());

    @Test
    void everyStepAndDescribableOfThePluginCanBeDescribedBoundAndReadBack() throws Exception {
        List<Class<?>> classes =
                DescribableModelCheck.classesIn(mainClasses(), getClass().getClassLoader());
        List<Class<?>> roots = DescribableModelCheck.describables(classes);

        assertTrue(
                roots.containsAll(Set.of(
                        DeployPreviewStep.class,
                        TeardownPreviewStep.class,
                        PromoteDigestStep.class,
                        AwaitApprovalStep.class,
                        PreviewQuota.class,
                        EnvironmentManagementConfiguration.class,
                        EnvironmentDashboardView.class)),
                roots::toString);
        assertEquals(List.of(), DescribableModelCheck.check(roots, classes));
    }

    @Test
    void theMapLikeStepArgumentsAreListsOfStringsAndAQuotaDescribable() throws Exception {
        for (Class<?> step : List.of(DeployPreviewStep.class, PromoteDigestStep.class)) {
            for (String name : List.of("Set", "SetString", "SetFile")) {
                assertEquals(
                        "java.util.List<java.lang.String>",
                        step.getMethod("set" + name, List.class)
                                .getGenericParameterTypes()[0]
                                .getTypeName());
            }
        }
        assertEquals(
                PreviewQuota.class,
                DeployPreviewStep.class.getMethod("getQuota").getReturnType());
    }

    @Test
    void anObjectParameterIsRefused() {
        assertEquals(
                List.of("StructsSamples$ObjectParameterStep.settings: Object, which DescribableModel takes for any"
                        + " describable at all: it binds whatever it is given unchecked and the Snippet Generator"
                        + " cannot draw it; use a String, a List<String> or a small describable"),
                check(StructsSamples.ObjectParameterStep.class));
    }

    @Test
    void aRawMapAndAMapOfStringsAreRefused() {
        assertEquals(
                Set.of(
                        "StructsSamples$MapParameters.labels: raw java.util.Map, which DescribableModel takes for an"
                                + " abstract object with no implementation, not a map; use a List<String> of key=value"
                                + " or a small describable",
                        "StructsSamples$MapParameters.annotations: java.util.Map<java.lang.String,"
                                + " java.lang.String>, a parameterized type that is not a collection, which"
                                + " DescribableModel cannot categorize; use a List<String> of key=value or a small"
                                + " describable"),
                Set.copyOf(check(StructsSamples.MapParameters.class)));
    }

    @Test
    void aSetterWithoutAGetterOrWithAGetterOfAnotherTypeIsRefused() {
        assertEquals(
                Set.of(
                        "StructsSamples$SetterWithoutGetter.colour: setter without a getter (getColour/isColour) or"
                                + " public field, so the Snippet Generator and Declarative cannot read it back",
                        "StructsSamples$SetterWithoutGetter.size: setter takes int but getSize() gives"
                                + " java.lang.String"),
                Set.copyOf(check(StructsSamples.SetterWithoutGetter.class)));
    }

    @Test
    void aConstructorParameterWithoutAGetterIsRefused() {
        assertEquals(
                List.of("StructsSamples$ConstructorWithoutGetter.name: constructor parameter without a getter"
                        + " (getName/isName) or public field, so the Snippet Generator and Declarative cannot read it"
                        + " back"),
                check(StructsSamples.ConstructorWithoutGetter.class));
    }

    @Test
    void rawAndWildcardCollectionsAreRefused() {
        assertEquals(
                Set.of(
                        "StructsSamples$LooseCollections.entries: raw java.util.List, which DescribableModel takes"
                                + " for an object, not a collection; give the element type (List<String>)",
                        "StructsSamples$LooseCollections.hosts[]: the wildcard ?, which DescribableModel cannot"
                                + " categorize; name the element type"),
                Set.copyOf(check(StructsSamples.LooseCollections.class)));
    }

    @Test
    void nestedClassesAreCheckedRecursively() {
        assertEquals(
                Set.of(
                        "StructsSamples$Inner.anything: setter without a getter (getAnything/isAnything) or public"
                                + " field, so the Snippet Generator and Declarative cannot read it back",
                        "StructsSamples$Inner.anything: Object, which DescribableModel takes for any describable at"
                                + " all: it binds whatever it is given unchecked and the Snippet Generator cannot draw"
                                + " it; use a String, a List<String> or a small describable",
                        "StructsSamples$Outer.timeout: java.time.Duration, which is neither a String, a primitive,"
                                + " an enum, a collection of those, nor a data-bound class: DescribableModel cannot"
                                + " bind it",
                        "StructsSamples$Outer.plain: io.jenkins.plugins.environments.fidelity.samples"
                                + ".StructsSamples$Plain is data-bound but not a Describable with an @Extension"
                                + " descriptor nested in it, so the Snippet Generator has no form to draw it with"),
                Set.copyOf(check(StructsSamples.Outer.class)));
    }

    @Test
    void anAbstractDescribableIsCheckedThroughEveryImplementationAndAnyOtherAbstractTypeIsRefused() {
        assertEquals(
                Set.of(
                        "StructsSamples$Circle.radius: setter without a getter (getRadius/isRadius) or public field,"
                                + " so the Snippet Generator and Declarative cannot read it back",
                        "StructsSamples$Drawing.title: java.lang.CharSequence, an abstract type that is not a"
                                + " Describable, so no descriptor names an implementation DescribableModel could"
                                + " bind"),
                Set.copyOf(check(StructsSamples.Drawing.class)));
    }

    @Test
    void everyShapeStructsHandlesPasses() {
        assertEquals(List.of(), check(StructsSamples.EveryGoodShape.class));
    }

    private static List<String> check(Class<?> sample) {
        return DescribableModelCheck.check(List.of(sample), SAMPLES);
    }

    private static Path mainClasses() throws Exception {
        String configured = System.getProperty("environments.main.classes");
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(DeployPreviewStep.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }
}
