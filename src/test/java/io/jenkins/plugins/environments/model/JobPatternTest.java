package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JobPatternTest {

    private static final String EXAMPLE = "write full names such as 'team-a/*' or 'team-a/**'";

    @ParameterizedTest(name = "jobPatternMatches: {0} ~ {1} = {2}")
    @CsvSource({
        "team-a/*,            team-a/app,             true",
        "team-a/*,            team-a/sub/app,         false",
        "team-a/*,            team-a,                 false",
        "team-a/**,           team-a/sub/app,         true",
        "team-a/**,           team-a/app,             true",
        "team-a/**,           team-a,                 true",
        "team-a/**,           team-ab/app,            false",
        "team-a/**,           team-b/app,             false",
        "**,                  any/depth/at/all,       true",
        "apps/payments/main,  apps/payments/main,     true",
        "apps/payments/main,  apps/payments/main2,    false",
        "apps/payments/main,  apps/payments,          false",
        "*/main,              x/main,                 true",
        "*/main,              main,                   false",
        "**/main,             main,                   true",
        "**/main,             a/b/main,               true",
        "**/main,             a/b/main/x,             false",
        "a/**/z,              a/z,                    true",
        "a/**/z,              a/b/c/z,                true",
        "a/**/z,              a/b/c,                  false",
        "team-*/deploy,       team-a/deploy,          true",
        "team-*/deploy,       teamx/deploy,           false",
        "*-prod,              shop-prod,              true",
        "*-prod,              shop-prod-2,            false",
        "payments.v2/*,       payments.v2/build,      true",
        "payments.v2/*,       paymentsXv2/build,      false",
        "Team-A/*,            team-a/app,             false",
        "my folder/*,         my folder/deploy job,   true",
    })
    void jobPatternMatches(String pattern, String fullName, boolean matches) {
        assertEquals(matches, new JobPattern(pattern).matches(fullName));
    }

    private static Executable pattern(String pattern) {
        return () -> new JobPattern(pattern);
    }

    static Stream<Arguments> badValues() {
        String f = "allowedJobs";
        return Stream.of(
                bad("jobPatternIsRequired", pattern(""), f, "Job pattern is required"),
                bad(
                        "jobPatternMustNotStartWithSlash",
                        pattern("/team-a/*"),
                        f,
                        "Job pattern '/team-a/*' must not start with '/': " + EXAMPLE),
                bad(
                        "jobPatternMustNotEndWithSlash",
                        pattern("team-a/"),
                        f,
                        "Job pattern 'team-a/' must not end with '/': " + EXAMPLE),
                bad(
                        "jobPatternMustNotHaveEmptyLevel",
                        pattern("team-a//app"),
                        f,
                        "Job pattern 'team-a//app' has an empty level ('//'): " + EXAMPLE),
                bad(
                        "jobPatternMustNotUseTripleStar",
                        pattern("team-a/***"),
                        f,
                        "Job pattern 'team-a/***' uses '***': use '*' within one level or '**' for any number of"
                                + " levels"),
                bad(
                        "jobPatternDoubleStarStandsAlone",
                        pattern("team-**"),
                        f,
                        "Job pattern 'team-**' uses '**' inside a level: '**' must stand alone between '/'"),
                bad(
                        "jobPatternDoubleStarStandsAlone: suffix",
                        pattern("team-a/**x"),
                        f,
                        "Job pattern 'team-a/**x' uses '**' inside a level: '**' must stand alone between '/'"),
                bad(
                        "jobPatternOnlyCharactersJobNamesCanHave: ?",
                        pattern("team?/app"),
                        f,
                        "Job pattern 'team?/app' contains '?', which no Jenkins job name can contain"),
                bad(
                        "jobPatternOnlyCharactersJobNamesCanHave: [",
                        pattern("team-a/[abc]"),
                        f,
                        "Job pattern 'team-a/[abc]' contains '[', which no Jenkins job name can contain"),
                bad(
                        "jobPatternMustNotContainControlCharacters",
                        pattern("team-a/*\r"),
                        f,
                        "Job pattern 'team-a/*\\u000D' must not contain control characters such as line breaks"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @Test
    void noPatternsPermitNoJob_denyByDefault() {
        assertTrue(AllowedJobs.NONE.isEmpty());
        assertFalse(AllowedJobs.NONE.permits("team-a/app"));
        assertFalse(AllowedJobs.of(null).permits("anything"));
        assertFalse(AllowedJobs.of(List.of()).permits("anything"));
    }

    @Test
    void anyMatchingPatternPermits() {
        AllowedJobs jobs = AllowedJobs.of(List.of("team-a/**", "apps/payments/main"));
        assertTrue(jobs.permits("team-a/x/y"));
        assertTrue(jobs.permits("apps/payments/main"));
        assertFalse(jobs.permits("apps/payments/feature"));
        assertFalse(jobs.permits(null));
    }

    @Test
    void blankEntriesAreSkippedAndRepeatsDropped() {
        AllowedJobs jobs = AllowedJobs.of(Arrays.asList("team-a/**", "", null, " ", "team-a/**", "team-b/*"));
        assertEquals(List.of("team-a/**", "team-b/*"), jobs.texts());
    }

    @Test
    void linesOfATextFieldAreParsed() {
        assertEquals(
                List.of("team-a/**", "team-b/deploy"),
                AllowedJobs.parseLines("team-a/**\r\n\n  team-b/deploy  \n").texts());
        assertTrue(AllowedJobs.parseLines(null).isEmpty());
    }
}
