package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.Tier;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allowed-jobs rule: the promoting job must match one of the environment's job patterns; none allows none. */
class AllowedJobsGateTest {

    static Environment prod(List<String> allowedJobs) {
        return new Environment("prod", Tier.PROD, "prod", null, null, null, null, null, null, null, allowedJobs, null);
    }

    @ParameterizedTest(name = "{0} may promote when the patterns are [{1}]: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "team-a/app/main | team-a/** | PASS allowed-jobs: job 'team-a/app/main' may promote to 'prod'",
                "team-b/app/main | team-a/**;ops/release | FAIL allowed-jobs: job 'team-b/app/main' may not promote to"
                        + " 'prod' (allowed: team-a/**, ops/release)",
                "team-a/app/PR-1 | team-a/*/main | FAIL allowed-jobs: job 'team-a/app/PR-1' may not promote to 'prod'"
                        + " (allowed: team-a/*/main)",
                "team-a/app/main | '' | FAIL allowed-jobs: job 'team-a/app/main' may not promote to 'prod' (it allows"
                        + " no job)"
            })
    void theJobMustBeAllowedByTheEnvironment(String job, String patterns, String line) {
        List<String> allowed = patterns.isEmpty() ? List.of() : List.of(patterns.split(";"));
        assertEquals(line, new AllowedJobsGate(prod(allowed), job).evaluate().line());
    }
}
