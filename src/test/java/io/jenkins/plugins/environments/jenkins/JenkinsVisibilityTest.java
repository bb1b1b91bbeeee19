package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which job a build URL of the ledger belongs to: the job whose Item/Read decides whether a user sees the build.
 * (How Jenkins answers for that job is {@link EnvironmentDashboardLiveTest}'s part.)
 */
class JenkinsVisibilityTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "job/payments/42/,                  payments",
        "job/payments/job/main/42/,         payments/main",
        "job/payments/job/PR-1842/,         payments/PR-1842",
        "job/payments/job/PR-1842,          payments/PR-1842",
        "job/team/job/payments/job/main/7/, team/payments/main",
        "job/a%20b/3/,                      a b",
        "job/c%2B%2B/3/,                    c++",
        "job/c++/3/,                        c++",
        "job/payments/42/artifact/x.txt,    payments",
        // promoteDigest and deployPreview record the absolute build URL (root URL + the run's own URL)
        "https://jenkins.example.com/job/payments/42/,         payments",
        "https://ci.example.com/jenkins/job/team/job/main/7/, team/main",
    })
    void theJobOfABuildUrlIsItsFullName(String url, String job) {
        assertEquals(job, JenkinsVisibility.jobFullName(url));
    }

    @ParameterizedTest(name = "no job in [{0}]")
    @NullSource
    @ValueSource(
            strings = {
                "",
                "view/all/42/",
                "/job/payments/42/",
                "ftp://jenkins.example.com/job/payments/42/",
                "https://jenkins.example.com/view/all/",
                "job/",
                "job//42/",
                "job/%2E%2E/42/",
                "job/a%2Fb/1/",
                "job/%zz/1/",
            })
    void aUrlThatNamesNoJobHasNone(String url) {
        assertNull(JenkinsVisibility.jobFullName(url));
    }
}
