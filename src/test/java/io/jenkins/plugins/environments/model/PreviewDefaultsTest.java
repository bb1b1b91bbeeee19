package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.LABEL_RULE;
import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PreviewDefaultsTest {

    private static final String QUANTITY = "is not a valid Kubernetes quantity: use a number with an optional suffix"
            + " m, k, Ki, M, Mi, G, Gi, T or Ti, such as '500m' or '4Gi'";

    private static Executable quotaCpu(String cpu) {
        return () -> new Quota(cpu, null, 0);
    }

    private static Executable quotaMemory(String memory) {
        return () -> new Quota(null, memory, 0);
    }

    private static Executable previews(Duration ttl, Quota quota, Limits limits) {
        return () -> new PreviewDefaults("previews", null, null, ttl, quota, limits, null);
    }

    static Stream<Arguments> badValues() {
        String fit = "not even one container with the default request would fit in a preview";
        return Stream.of(
                bad(
                        "quantityMustBeKubernetesQuantity: words",
                        quotaCpu("2 cores"),
                        "cpu",
                        "Quota CPU '2 cores' " + QUANTITY),
                bad("quantityMustBeKubernetesQuantity: negative", quotaCpu("-1"), "cpu", "Quota CPU '-1' " + QUANTITY),
                bad(
                        "quantityMustBeKubernetesQuantity: exponent",
                        quotaCpu("1e3"),
                        "cpu",
                        "Quota CPU '1e3' " + QUANTITY),
                bad(
                        "quantityMustBeKubernetesQuantity: unit",
                        quotaMemory("1.5Gb"),
                        "memory",
                        "Quota memory '1.5Gb' " + QUANTITY),
                bad("quantitySuffixIsCaseSensitive", quotaMemory("4gi"), "memory", "Quota memory '4gi' " + QUANTITY),
                bad("quantityMustNotBeZero", quotaCpu("0"), "cpu", "Quota CPU '0' must be more than zero"),
                bad(
                        "quantityMustNotBeZero: with suffix",
                        quotaCpu("0.0m"),
                        "cpu",
                        "Quota CPU '0.0m' must be more than zero"),
                bad(
                        "memoryMustNotBeInMilliBytes",
                        quotaMemory("512m"),
                        "memory",
                        "Quota memory '512m' is in thousandths of a byte ('m'): use Mi for mebibytes, such as '128Mi'"),
                bad(
                        "quotaPodsNotNegative",
                        () -> new Quota(null, null, -1),
                        "pods",
                        "Quota pods is -1: use a positive number, or 0 for the default of 20"),
                bad(
                        "cpuRequestAtMostLimit",
                        () -> new Limits("1", null, null, null),
                        "defaultCpuRequest",
                        "Default CPU request '1' is more than the default CPU limit '500m': a container cannot request"
                                + " more than its limit"),
                bad(
                        "memoryRequestAtMostLimit: across units",
                        () -> new Limits(null, "600M", null, null),
                        "defaultMemoryRequest",
                        "Default memory request '600M' is more than the default memory limit '512Mi': a container"
                                + " cannot request more than its limit"),
                bad(
                        "memoryLimitMustBeQuantity",
                        () -> new Limits(null, null, null, "lots"),
                        "defaultMemoryLimit",
                        "Default memory limit 'lots' " + QUANTITY),
                bad(
                        "defaultRequestMustFitQuota: cpu",
                        previews(null, new Quota("50m", null, 0), null),
                        "defaultCpuRequest",
                        "Default CPU request '100m' is more than the quota's CPU '50m': " + fit),
                bad(
                        "defaultRequestMustFitQuota: memory",
                        previews(null, new Quota(null, "100Mi", 0), null),
                        "defaultMemoryRequest",
                        "Default memory request '128Mi' is more than the quota's memory '100Mi': " + fit),
                bad(
                        "previewClusterIsRequired",
                        () -> new PreviewDefaults(null, null, null, null, null, null, null),
                        "cluster",
                        "Cluster id is required"),
                bad(
                        "previewClusterMustBeLabel",
                        () -> new PreviewDefaults("Previews", null, null, null, null, null, null),
                        "cluster",
                        "Cluster id 'Previews' is not a valid name: " + LABEL_RULE),
                bad(
                        "previewTtlMustBePositive",
                        previews(Duration.ZERO, null, null),
                        "ttl",
                        "Preview TTL 'PT0S' must be longer than zero"),
                bad(
                        "previewTtlMustBePositive: negative",
                        previews(Duration.ofHours(-1), null, null),
                        "ttl",
                        "Preview TTL 'PT-1H' must be longer than zero"),
                bad(
                        "previewTtlTextMustParse",
                        () -> PreviewDefaults.parseTtl("3 days"),
                        "ttl",
                        "Preview TTL '3 days' has a number without a unit: use a number with a unit s, m, h or d, such"
                                + " as '30s', '5m', '72h', '7d' or '1h30m', or ISO-8601 such as 'PT5M'"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @ParameterizedTest(name = "quantityInBaseUnits: {0} = {1}")
    @CsvSource({
        "500m, 0.5",
        "2,    2",
        "1.5,  1.5",
        "1k,   1000",
        "1Ki,  1024",
        "128Mi, 134217728",
        "1G,   1000000000",
        "4Gi,  4294967296",
        "1T,   1000000000000",
        "1Ti,  1099511627776",
    })
    void quantityInBaseUnits(String quantity, BigDecimal expected) {
        assertEquals(0, expected.compareTo(Quantities.parse("q", "Quantity", quantity)));
    }

    @Test
    void defaultsApplyEverywhere() {
        PreviewDefaults defaults = new PreviewDefaults("previews", "", null, null, null, null, null);
        assertEquals("pr-{number}", defaults.namespacePattern());
        assertEquals("pr-{number}.preview.example.com", defaults.hostTemplate());
        assertEquals(Duration.ofHours(72), defaults.ttl());
        assertEquals("preview.example.com", defaults.previewDomain(), "taken from the host template");
        assertEquals(Duration.ofDays(30), defaults.maxTtl());
        assertEquals(Duration.ofHours(2), defaults.maxTimeout());
        assertEquals(new Quota("2", "4Gi", 20), defaults.quota());
        assertEquals(new Limits("100m", "128Mi", "500m", "512Mi"), defaults.limits());
        assertSame(WhenFull.QUEUE, defaults.whenFull());
        assertEquals(Quota.DEFAULT, defaults.quota());
        assertEquals(Limits.DEFAULT, defaults.limits());
    }

    @Test
    void requestMayEqualLimitInAnotherUnit() {
        Limits limits = new Limits("0.5", "512Mi", "500m", "0.5Gi");
        assertEquals("0.5", limits.defaultCpuRequest());
    }

    @Test
    void namesOfAPreviewAreRendered() {
        PreviewDefaults defaults = new PreviewDefaults(
                "previews", "{app}-pr-{number}", "{app}-{number}.previews.acme.dev", null, null, null, WhenFull.FAIL);
        assertEquals("shop-pr-1842", defaults.namespaceFor("shop", 1842));
        assertEquals("shop-1842.previews.acme.dev", defaults.hostFor("shop", 1842));
        assertEquals(List.of(), defaults.warnings());
    }

    @Test
    void ttlTextIsParsedWithDefault() {
        assertEquals(Duration.ofDays(7), PreviewDefaults.parseTtl("7d"));
        assertEquals(Duration.ofHours(72), PreviewDefaults.parseTtl(" "));
    }

    @Test
    void exampleDomainHostIsWarnedAbout() {
        assertEquals(
                List.of("Preview host template 'pr-{number}.preview.example.com' uses the placeholder domain"
                        + " example.com: set a domain that points to the preview cluster"),
                new PreviewDefaults("previews", null, null, null, null, null, null).warnings());
    }
}
