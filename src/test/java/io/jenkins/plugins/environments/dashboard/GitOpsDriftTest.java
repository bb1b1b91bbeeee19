package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.gitops.GitCredential;
import io.jenkins.plugins.environments.gitops.GitValueReader;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageForm;
import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.SilentServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift of {@code gitops} cells, read by the real {@link GitValueReader} from bare Git repositories in temporary
 * folders (pushed to "by hand" in between), from a remote that never answers and from one that is gone.
 */
class GitOpsDriftTest {

    private static final String PROMOTED = "sha256:" + "a".repeat(64);
    private static final String BY_HAND = "sha256:" + "b".repeat(64);
    private static final String FILE = "deploy/prod/values.yaml";
    private static final String REPO = "registry.example.com/team/shop";

    @TempDir
    Path temporary;

    private final DriftFixtures.ManualClock clock = new DriftFixtures.ManualClock();

    private GitValueReader reader() {
        return new GitValueReader(
                target -> new GitAccess(target.gitOps().repositoryUrl(), new GitCredential.Anonymous(), null),
                temporary);
    }

    private DriftMonitor monitor(GitValueReader reader, DriftTarget target, Duration deadline) {
        DriftMonitor monitor = new DriftMonitor(
                Map.of(DriftTarget.GITOPS, reader),
                clock,
                System::nanoTime,
                Runnable::run,
                new DriftMonitor.Settings(2, Duration.ofMinutes(5), deadline));
        monitor.watch(List.of(target));
        return monitor;
    }

    private static DriftTarget target(String url) {
        return DriftTarget.gitOps("shop", "prod", PROMOTED, new GitOpsTarget(url, null, "main", FILE, null), REPO);
    }

    private static String values(String digest) {
        return "image:\n  repository: " + REPO + "\n  digest: \"" + digest + "\"\nreplicas: 2\n";
    }

    private DriftReading readOnce(DriftMonitor monitor) {
        monitor.refresh();
        return monitor.reading("shop", "prod").orElseThrow();
    }

    @Test
    void theBranchHoldsThePromotedDigestAndAnUnmovedBranchIsNotFetchedAgain() throws Exception {
        try (BareGitRepository remote = BareGitRepository.create(Map.of(FILE, values(PROMOTED)))) {
            GitValueReader reader = reader();
            DriftMonitor monitor = monitor(reader, target(remote.uri().toString()), Duration.ofSeconds(30));

            DriftReading reading = readOnce(monitor);
            assertEquals(DriftStatus.SAME, reading.status());
            assertEquals(PROMOTED, reading.liveDigest());
            assertNull(reading.message());

            clock.advance(Duration.ofMinutes(5));
            assertEquals(DriftStatus.SAME, readOnce(monitor).status());
            assertEquals(2, monitor.reads());
            assertEquals(1, reader.fetches(), "the branch had not moved: its tip was listed, not fetched");
            try (Stream<Path> left = Files.list(temporary)) {
                assertEquals(List.of(), left.toList(), "the temporary repositories are deleted");
            }
        }
    }

    @Test
    void aCommitByHandIsNamedWithTheFileAndBranch() throws Exception {
        try (BareGitRepository remote = BareGitRepository.create(Map.of(FILE, values(PROMOTED)))) {
            GitValueReader reader = reader();
            DriftMonitor monitor = monitor(reader, target(remote.uri().toString()), Duration.ofSeconds(30));
            assertEquals(DriftStatus.SAME, readOnce(monitor).status());

            remote.commit("hotfix by hand", Map.of(FILE, values(BY_HAND)));
            clock.advance(Duration.ofMinutes(5));
            DriftReading reading = readOnce(monitor);

            assertEquals(DriftStatus.DIFFERENT, reading.status());
            assertEquals(BY_HAND, reading.liveDigest());
            assertEquals(
                    "deploy/prod/values.yaml on branch 'main' holds sha256:bbbbbbbbbbbb, not the promoted"
                            + " sha256:aaaaaaaaaaaa",
                    reading.message());
            assertEquals(DriftFixtures.T0.plus(Duration.ofMinutes(5)), reading.since());
            assertEquals(2, reader.fetches());
        }
    }

    @Test
    void eachImageFormIsReadAsItIsWritten() throws Exception {
        String kustomization = "overlays/prod/kustomization.yaml";
        try (BareGitRepository remote = BareGitRepository.create(Map.of(
                "image.yaml",
                "image: " + REPO + "@" + BY_HAND + "\n",
                "tag.yaml",
                "image:\n  tag: 1.4.2@" + PROMOTED + "\n",
                "plain-tag.yaml",
                "image:\n  tag: 1.4.2\n",
                kustomization,
                "resources:\n- ../../base\nimages:\n- name: " + REPO + "\n  digest: " + BY_HAND + "\n"))) {
            String url = remote.uri().toString();
            GitValueReader reader = reader();
            Deadline deadline = Deadline.after(Duration.ofSeconds(30));

            assertEquals(
                    BY_HAND,
                    reader.liveDigest(
                            gitOps(
                                    url,
                                    new GitOpsTarget(
                                            url, null, "main", "image.yaml", null, ImageForm.IMAGE, null, false)),
                            deadline));
            assertEquals(
                    PROMOTED,
                    reader.liveDigest(
                            gitOps(
                                    url,
                                    new GitOpsTarget(url, null, "main", "tag.yaml", null, ImageForm.TAG, null, true)),
                            deadline));
            assertNull(
                    reader.liveDigest(
                            gitOps(
                                    url,
                                    new GitOpsTarget(
                                            url, null, "main", "plain-tag.yaml", null, ImageForm.TAG, null, true)),
                            deadline),
                    "a tag without a digest names none");
            assertEquals(
                    BY_HAND,
                    reader.liveDigest(
                            gitOps(
                                    url,
                                    new GitOpsTarget(
                                            url, null, "main", kustomization, null, ImageForm.KUSTOMIZE, null, false)),
                            deadline));
        }
    }

    private static DriftTarget gitOps(String url, GitOpsTarget target) {
        return DriftTarget.gitOps("shop", "prod", PROMOTED, target, REPO);
    }

    @Test
    void aMissingFileIsUnreadableAndSaysWhichFile() throws Exception {
        try (BareGitRepository remote = BareGitRepository.create(Map.of("other.yaml", values(PROMOTED)))) {
            DriftReading reading =
                    readOnce(monitor(reader(), target(remote.uri().toString()), Duration.ofSeconds(30)));

            assertEquals(DriftStatus.UNREADABLE, reading.status());
            assertEquals(
                    "'deploy/prod/values.yaml' does not exist on branch 'main' of the GitOps repository of prod",
                    reading.message());
        }
    }

    @Test
    void aRemoteThatNeverAnswersIsUnreadableByTheDeadline() throws Exception {
        try (SilentServer server = SilentServer.mute()) {
            String url = "https://" + server.host() + "/env.git";
            DriftMonitor monitor = monitor(reader(), target(url), Duration.ofSeconds(2));

            DriftReading reading = readOnce(monitor);

            assertEquals(DriftStatus.UNREADABLE, reading.status());
            assertEquals("the GitOps repository of prod did not answer within 2s", reading.message());
            assertEquals(0, monitor.inFlight());
            assertEquals(1, server.connections(), "one connection, given up at the deadline");
        }
    }

    @Test
    void aRemoteThatIsGoneIsUnreadableWithoutItsAddress() throws Exception {
        BareGitRepository remote = BareGitRepository.create(Map.of(FILE, values(PROMOTED)));
        String url = remote.uri().toString();
        Path directory = remote.directory();
        remote.close();
        if (Files.exists(directory)) {
            FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE);
        }

        DriftReading reading = readOnce(monitor(reader(), target(url), Duration.ofSeconds(30)));

        assertEquals(DriftStatus.UNREADABLE, reading.status());
        assertTrue(reading.message().startsWith("the GitOps repository of prod "), reading.message());
        assertFalse(reading.message().contains(directory.toString()), reading.message());
    }
}
