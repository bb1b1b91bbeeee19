package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.Tier;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * The allowed-jobs guard: a job outside the environment's patterns cannot resolve the environment's credentials, and
 * the credentials provider is not even asked. Uses Jenkins' real classes (mocked run and job, no running Jenkins), so
 * it runs in the real build only, like the tests tagged {@value LiveJenkinsTag#TAG}.
 */
@Tag(LiveJenkinsTag.TAG)
class CredentialsResolverAllowedJobsTest {

    private final Environment prod = new Environment(
            "prod", Tier.PROD, "prod-eu", null, null, null, null, null, null, null, List.of("payments/**"), null);
    private final Cluster cluster = new Cluster("prod-eu", "https://k8s.example.com", "prod-token", null, false, 0);

    @Test
    void aJobOutsideThePatternsCannotResolveTheEnvironmentsCredentials() {
        Run<?, ?> run = runOf("marketing/site/main");
        try (MockedStatic<CredentialsProvider> provider = mockStatic(CredentialsProvider.class)) {
            AbortException refused =
                    assertThrows(AbortException.class, () -> CredentialsResolver.cluster(run, prod, cluster));
            assertEquals(
                    "Job 'marketing/site/main' is not among the jobs allowed to use environment 'prod'; an"
                            + " administrator can add it to the environment's allowed jobs.",
                    refused.getMessage());
            provider.verifyNoInteractions();
        }
    }

    @Test
    void aJobInsideThePatternsPassesTheGuard() {
        assertDoesNotThrow(() -> CredentialsResolver.requireAllowed(runOf("payments/api/main"), prod));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Run<?, ?> runOf(String jobFullName) {
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn(jobFullName);
        Run run = mock(Run.class);
        when(run.getParent()).thenReturn(job);
        return run;
    }
}
