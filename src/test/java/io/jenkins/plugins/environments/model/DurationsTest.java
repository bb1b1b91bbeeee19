package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {

    private static final String FORMAT = "use a number with a unit s, m, h or d, such as '30s', '5m', '72h', '7d' or"
            + " '1h30m', or ISO-8601 such as 'PT5M'";

    @ParameterizedTest(name = "durationParses: {0} = {1}")
    @CsvSource({
        "30s,    PT30S",
        "90s,    PT1M30S",
        "5m,     PT5M",
        "72h,    PT72H",
        "7d,     PT168H",
        "1h30m,  PT1H30M",
        "1d12h,  PT36H",
        "1d2h3m4s, PT26H3M4S",
        "2H,     PT2H",
        "PT5M,   PT5M",
        "pt12h,  PT12H",
        "P2D,    PT48H",
        "PT0.5S, PT0.5S",
    })
    void durationParses(String text, Duration expected) {
        assertEquals(expected, Durations.parse(text));
    }

    private static Executable parse(String text) {
        return () -> Durations.parse(text);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("durationIsRequired", parse(""), "duration", "Duration is required: " + FORMAT),
                bad("durationIsRequired: null", parse(null), "duration", "Duration is required: " + FORMAT),
                bad("durationMustBePositive: 0s", parse("0s"), "duration", "Duration '0s' must be longer than zero"),
                bad(
                        "durationMustBePositive: 0h0m",
                        parse("0h0m"),
                        "duration",
                        "Duration '0h0m' must be longer than zero"),
                bad("durationMustBePositive: -5m", parse("-5m"), "duration", "Duration '-5m' must be longer than zero"),
                bad(
                        "durationMustBePositive: PT0S",
                        parse("PT0S"),
                        "duration",
                        "Duration 'PT0S' must be longer than zero"),
                bad(
                        "durationMustBePositive: PT-5M",
                        parse("PT-5M"),
                        "duration",
                        "Duration 'PT-5M' must be longer than zero"),
                bad("durationNeedsUnit", parse("5"), "duration", "Duration '5' has a number without a unit: " + FORMAT),
                bad(
                        "durationUnitMustBeKnown: x",
                        parse("5x"),
                        "duration",
                        "Duration '5x' has an unknown unit 'x': " + FORMAT),
                bad(
                        "durationUnitMustBeKnown: ms",
                        parse("500ms"),
                        "duration",
                        "Duration '500ms' has an unknown unit 'ms': " + FORMAT),
                bad(
                        "durationUnitsLargerFirst",
                        parse("30m1h"),
                        "duration",
                        "Duration '30m1h' must give each unit once, larger units first (d, h, m, s)"),
                bad(
                        "durationUnitsOnceEach",
                        parse("1h1h"),
                        "duration",
                        "Duration '1h1h' must give each unit once, larger units first (d, h, m, s)"),
                bad(
                        "durationIsoMustParse",
                        parse("PT5X"),
                        "duration",
                        "Duration 'PT5X' is not a valid ISO-8601 duration: " + FORMAT),
                bad(
                        "durationMustBeNumbersAndUnits",
                        parse("five minutes"),
                        "duration",
                        "Duration 'five minutes' is not a valid duration: " + FORMAT),
                bad(
                        "durationMustNotContainSpaces",
                        parse("1h 30m"),
                        "duration",
                        "Duration '1h 30m' is not a valid duration: " + FORMAT),
                bad(
                        "durationMustFit",
                        parse("99999999999999999999d"),
                        "duration",
                        "Duration '99999999999999999999d' is longer than the longest duration the plugin accepts: 365d"),
                bad(
                        "durationAtMostCeiling: 10^12 days",
                        parse("1000000000000d"),
                        "duration",
                        "Duration '1000000000000d' is longer than the longest duration the plugin accepts: 365d"),
                bad(
                        "durationAtMostCeiling: ISO overflow",
                        parse("P999999999999999D"),
                        "duration",
                        "Duration 'P999999999999999D' is longer than the longest duration the plugin accepts: 365d"),
                bad(
                        "durationAtMostCeiling: seconds",
                        parse("9223372036854775807s"),
                        "duration",
                        "Duration '9223372036854775807s' is longer than the longest duration the plugin accepts: 365d"),
                bad(
                        "durationAtMostCallersMaximum",
                        () -> Durations.parse("ttl", "Preview TTL", "31d", Duration.ofDays(30), "the maximum (maxTtl)"),
                        "ttl",
                        "Preview TTL '31d' is longer than the maximum (maxTtl): 30d"),
                bad(
                        "durationTextIsShort",
                        parse("1".repeat(41) + "d"),
                        "duration",
                        "Duration is 42 characters long, too long for a duration: " + FORMAT),
                bad(
                        "durationFieldIsNamedByCaller",
                        () -> Durations.parse("ttl", "Preview TTL", "0d"),
                        "ttl",
                        "Preview TTL '0d' must be longer than zero"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @ParameterizedTest(name = "durationFormatsShort: {0} = {1}")
    @CsvSource({"PT72H, 3d", "PT1H30M, 1h30m", "PT59S, 59s", "PT25H1S, 1d1h1s", "PT0.5S, PT0.5S"})
    void durationFormatsShortAndRoundTrips(Duration duration, String text) {
        assertEquals(text, Durations.format(duration));
        assertEquals(duration, Durations.parse(text));
    }
}
