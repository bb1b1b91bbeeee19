package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.JobPattern;
import io.jenkins.plugins.environments.model.OneLine;
import io.jenkins.plugins.environments.model.ScanPolicy;
import io.jenkins.plugins.environments.model.Severity;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, class 9: the smaller rules of the gates. Each test names the rule it checks.
 */
class GateSmallRulesTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    // --- rule: signature keys are ECDSA on the NIST curves only ---------------------------------------------------

    @ParameterizedTest(name = "rule: ECDSA keys on {0} are refused, not described as P-256")
    @ValueSource(strings = {"secp256k1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"})
    void nonNistCurvesAreRefused(String curve) throws GeneralSecurityException {
        String pem = CosignFixture.pem(pointOn(curve));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SigningKey.fromPem("prod-signing", pem));
        assertEquals(
                "the ECDSA key is on a curve other than P-256, P-384 and P-521 (such as secp256k1 or a Brainpool"
                        + " curve): cosign signatures are checked on the NIST curves only",
                e.getMessage());
    }

    @ParameterizedTest(name = "rule: NIST curve {0} is described by its name")
    @MethodSource("nistCurves")
    void nistCurvesAreNamedExactly(String curve, String description) throws GeneralSecurityException {
        SigningKey key = SigningKey.fromPem("prod-signing", CosignFixture.pem(pointOn(curve)));
        assertEquals(description, key.description());
    }

    static Stream<Arguments> nistCurves() {
        return Stream.of(
                Arguments.of("secp256r1", "ECDSA P-256"),
                Arguments.of("secp384r1", "ECDSA P-384"),
                Arguments.of("secp521r1", "ECDSA P-521"));
    }

    /** A public key on the curve: its base point, which is a valid point of every curve. */
    private static PublicKey pointOn(String curve) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(spec.getGenerator(), spec));
    }

    // --- rule: one-line fields refuse separators, bidi controls and zero-width characters ---------------------------

    @ParameterizedTest(name = "rule: one line refuses U+{0}")
    @ValueSource(
            ints = {
                0x2028, 0x2029, 0x0085, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E,
                0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x000A, 0x000D, 0x0000
            })
    void oneLineFieldsRefuseInvisibleBreaks(int codePoint) {
        String ticket = "CHG-1" + Character.toString(codePoint) + "2";
        GateResult result = new ChangeTicketGate(Gates.NONE, ticket).evaluate();
        assertFalse(result.passed(), result::line);
        assertEquals(
                "FAIL change-ticket: the change ticket contains a control character such as a line break, a line or"
                        + " paragraph separator, a bidirectional control or a zero-width character",
                result.line());
        assertTrue(OneLine.hasUnsafe(ticket));
        String waivers = "- id: CVE-1" + Character.toString(codePoint) + "\n  expires: 2027-01-01\n  reason: r\n";
        if (codePoint != 0x0A
                && codePoint != 0x0D
                && codePoint != 0x85
                && codePoint != 0x2028
                && codePoint != 0x2029
                && codePoint != 0) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ScanWaiver.parseAll(waivers));
            assertEquals("entry 1 has a id with control characters such as line breaks", e.getMessage());
        }
        InvalidConfigurationException config = assertThrows(
                InvalidConfigurationException.class,
                () -> new Gates(
                        1, List.of("alice" + Character.toString(codePoint)), true, false, null, null, null, false));
        assertTrue(
                config.getMessage().endsWith("must not contain control characters such as line breaks"),
                config::getMessage);
    }

    @Test
    void rule_aGateReasonIsOneBoundedLine() {
        GateResult result = GateResult.fail("scan", "\u2028" + "x".repeat(1_000_000) + "PASS forged");
        assertEquals("x".repeat(GateResult.MAX_REASON - 1) + "…[998012 more characters]", result.reason());
        assertFalse(result.line().contains("\u2028"));
    }

    @Test
    void rule_aMegabyteFindingIdIsRefusedNotLogged() {
        String report = "{\"SchemaVersion\":2,\"ArtifactName\":\"r.example/app@" + DIGEST + "\",\"Results\":[{"
                + "\"Vulnerabilities\":[{\"VulnerabilityID\":\"" + "C".repeat(1_000_000)
                + "\",\"Severity\":\"LOW\"}]}]}";
        GateResult result = gate(Severity.HIGH, report, ScanPolicy.DEFAULT).evaluate();
        assertEquals(
                "FAIL scan: trivy.json cannot be read: Results[0].Vulnerabilities[0]: a finding id is 1000000 characters"
                        + " long; at most 200 are read (" + "C".repeat(40) + "…[999960 more characters])",
                result.line());
    }

    // --- rule: a waiver's expires is a calendar day, nothing else ------------------------------------------------

    @ParameterizedTest(name = "rule: expires ''{0}'' is not a day")
    @ValueSource(
            strings = {
                "2026-12-31 23:00:00 -01:00",
                "2026-12-31T23:00:00Z",
                "2026-12-31t23:00:00.5+01:00",
                "2026-12-31 00:00:00",
                "2026-12-31T00:00:00Z",
                "2026-2-3",
                "31.12.2026",
                "2026-13-01",
                "2026-02-30"
            })
    void timestampsAndOtherFormsAreNotDays(String expires) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ScanWaiver.parseAll("- id: CVE-1\n  expires: " + expires + "\n  reason: r\n"));
        assertEquals(
                "entry 1 (CVE-1) has expires '" + expires + "', not a date: write a date such as 2026-12-31",
                e.getMessage());
    }

    @Test
    void rule_aDayIsTheLastDayTheWaiverApplies_inUtc() {
        ScanWaiver waiver = ScanWaiver.parseAll("- id: CVE-1\n  expires: 2026-12-31\n  reason: r\n")
                .get(0);
        assertEquals(LocalDate.of(2026, 12, 31), waiver.expires());
        assertTrue(waiver.activeOn(LocalDate.of(2026, 12, 31)));
        assertFalse(waiver.activeOn(LocalDate.of(2027, 1, 1)));
        ScanWaiver quoted = ScanWaiver.parseAll("- id: CVE-1\n  expires: '2026-12-31'\n  reason: r\n")
                .get(0);
        assertEquals(waiver, quoted);
    }

    // --- rule: deeply nested reports are refused with a reason ---------------------------------------------------

    @ParameterizedTest(name = "rule: nesting {0} deep is refused")
    @ValueSource(ints = {65, 1_000, 100_000})
    void deepNestingIsRefusedWithAReason(int depth) {
        String report = "{\"runs\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        GateResult result = gate(Severity.HIGH, report, ScanPolicy.DEFAULT).evaluate();
        assertEquals(
                "FAIL scan: trivy.json cannot be read: it nests objects and lists deeper than 64 levels",
                result.line());
    }

    // --- rule: job patterns match without backtracking --------------------------------------------------------

    @Test
    void rule_jobPatternsWithManyWildcardsMatchInBoundedWork() {
        JobPattern stars = new JobPattern("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
        String name = "a".repeat(1000);
        assertFalse(stars.matches(name));
        assertTrue(stars.matches(name + "b"));
        JobPattern levels = new JobPattern(String.join("/", java.util.Collections.nCopies(40, "**")) + "/x");
        String deep = String.join("/", java.util.Collections.nCopies(200, "f"));
        assertFalse(levels.matches(deep));
        assertTrue(levels.matches(deep + "/x"));
    }

    @ParameterizedTest(name = "pattern {0} against {1} is {2}")
    @MethodSource("jobPatterns")
    void jobPatternsKeepTheirMeaning(String pattern, String job, boolean matches) {
        assertEquals(matches, new JobPattern(pattern).matches(job));
    }

    static Stream<Arguments> jobPatterns() {
        return Stream.of(
                Arguments.of("team-a/**", "team-a", true),
                Arguments.of("team-a/**", "team-a/x/y", true),
                Arguments.of("team-a/**", "team-b/x", false),
                Arguments.of("team-a/*", "team-a/main", true),
                Arguments.of("team-a/*", "team-a/x/main", false),
                Arguments.of("*/main", "shop/main", true),
                Arguments.of("shop-*", "shop-", true),
                Arguments.of("shop-*-x", "shop-a-b-x", true),
                Arguments.of("shop-*-x", "shop-a-b-y", false),
                Arguments.of("**/deploy", "deploy", true),
                Arguments.of("**/deploy", "a/b/deploy", true),
                Arguments.of("a/**/b", "a/b", true),
                Arguments.of("a/**/b", "a/x/y/b", true),
                Arguments.of("a/**/b", "a/x/y/c", false),
                Arguments.of("*", "a/b", false),
                Arguments.of("x*y*z", "xyz", true),
                Arguments.of("x*y*z", "xzy", false));
    }

    private static ScanGate gate(Severity max, String report, ScanPolicy policy) {
        return new ScanGate(
                max,
                DIGEST,
                "trivy.json",
                report,
                null,
                null,
                Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC),
                policy);
    }
}
