package io.jenkins.plugins.environments.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.Timeouts;
import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.SilentServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deadlines of the GitOps strategy (issue 10, class 8): a Git remote over HTTPS that accepts the connection and never
 * answers fails after JGit's transport timeout, which is the idle timeout or what is left of the deadline, whichever
 * is shorter; a deadline that has run out pushes nothing.
 */
class GitOpsDeadlinesTest {

    private static final String DIGEST = "sha256:" + "b".repeat(64);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final GitIdentity JENKINS = new GitIdentity("Jenkins", "jenkins@example.com");
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
    private static final Duration SLACK = Duration.ofSeconds(10);

    @TempDir
    Path temporaryParent;

    private GitOpsPromotion promotion(Timeouts timeouts) {
        return new GitOpsPromotion(CLOCK, temporaryParent, 1, (attempt, clone) -> {}, timeouts);
    }

    private static GitOpsRequest request() {
        return new GitOpsRequest("shop", DIGEST, "staging", "prod", null, List.of(), null, JENKINS, JENKINS);
    }

    private GitOpsException failsWithin(Duration bound, String url, Deadline deadline, Timeouts timeouts)
            throws IOException {
        GitOpsTarget target = new GitOpsTarget(url, null, null, "values.yaml", "image.digest");
        long start = System.nanoTime();
        GitOpsException e;
        try (GitAccess access = new GitAccess(url, new GitCredential.Anonymous(), null)) {
            e = assertThrows(
                    GitOpsException.class,
                    () -> promotion(timeouts).promote(target, access, request(), null, line -> {}, deadline));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "took " + took + ": " + e.getMessage());
        try (Stream<Path> left = Files.list(temporaryParent)) {
            assertEquals(List.of(), left.toList(), "the temporary clone is deleted");
        }
        return e;
    }

    @Test
    void aRemoteThatAcceptsAndNeverAnswersFailsAfterTheIdleTimeout() throws Exception {
        try (SilentServer remote = SilentServer.mute()) {
            String url = "https://" + remote.host() + "/env.git";
            GitOpsException e =
                    failsWithin(TIMEOUTS.idle().plus(SLACK), url, Deadline.after(Duration.ofMinutes(1)), TIMEOUTS);

            // JGit's words for a read timeout during the TLS handshake.
            assertEquals(
                    "Could not reach the GitOps repository " + url + ": Connection time out: 127.0.0.1",
                    e.getMessage());
        }
    }

    @Test
    void theTransportTimeoutIsNeverLongerThanWhatIsLeftOfTheDeadline() throws Exception {
        try (SilentServer remote = SilentServer.mute()) {
            String url = "https://" + remote.host() + "/env.git";
            GitOpsException e = failsWithin(
                    Duration.ofSeconds(2).plus(SLACK),
                    url,
                    Deadline.after(Duration.ofSeconds(2)),
                    new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(300)));

            assertEquals(
                    "Could not reach the GitOps repository " + url + ": Connection time out: 127.0.0.1",
                    e.getMessage());
        }
    }

    @Test
    void aDeadlineThatHasRunOutPushesNothing() throws Exception {
        try (BareGitRepository remote = BareGitRepository.create(Map.of("values.yaml", "image:\n  digest: old\n"))) {
            String before = remote.mainCommitId();
            AtomicLong now = new AtomicLong();
            Deadline deadline = Deadline.after(Duration.ofSeconds(5), now::get);
            now.addAndGet(Duration.ofSeconds(6).toNanos());
            String url = remote.uri().toString();
            GitOpsException e = failsWithin(SLACK, url, deadline, TIMEOUTS);

            assertEquals(
                    "The GitOps repository " + url + ": the step's timeout of 5s ran out before the work was done;"
                            + " nothing was pushed",
                    e.getMessage());
            assertEquals(before, remote.mainCommitId());
        }
    }
}
