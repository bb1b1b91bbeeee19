package io.jenkins.plugins.environments.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.testing.BareGitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clone and push through {@link GitAccess#credentialsProvider()} against a {@link BareGitRepository} over
 * {@code file://}. A local remote asks for no credentials; the test proves that JGit accepts the provider on both
 * commands and that the push lands.
 */
class GitAccessRemoteTest {

    @TempDir
    Path work;

    private BareGitRepository remote;

    @BeforeEach
    void createRemote() {
        remote = BareGitRepository.create(Map.of("values.yaml", "image:\n  digest: sha256:aaa\n"));
    }

    @AfterEach
    void deleteRemote() {
        remote.close();
    }

    @Test
    void cloneAndPushAcceptTheProvider() throws Exception {
        String url = remote.uri().toString();
        RevCommit pushed;
        try (GitAccess access = new GitAccess(
                        url, new GitCredential.UsernamePassword("deployer", "unused".toCharArray()), "deploy-login");
                Git git = Git.cloneRepository()
                        .setURI(url)
                        .setBranch(BareGitRepository.MAIN)
                        .setDirectory(work.toFile())
                        .setCredentialsProvider(access.credentialsProvider())
                        .call()) {
            assertEquals("image:\n  digest: sha256:aaa\n", Files.readString(work.resolve("values.yaml")));
            Files.writeString(work.resolve("values.yaml"), "image:\n  digest: sha256:bbb\n");
            git.add().addFilepattern("values.yaml").call();
            pushed = git.commit()
                    .setMessage("Promote sha256:bbb")
                    .setAuthor("jenkins", "jenkins@example.invalid")
                    .setCommitter("jenkins", "jenkins@example.invalid")
                    .setSign(false)
                    .call();
            Iterable<PushResult> results = git.push()
                    .setRemote("origin")
                    .add(BareGitRepository.MAIN)
                    .setCredentialsProvider(access.credentialsProvider())
                    .call();
            for (PushResult result : results) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    assertEquals(RemoteRefUpdate.Status.OK, update.getStatus(), update::toString);
                }
            }
        }
        assertEquals(pushed.getName(), remote.mainCommitId());
        assertEquals(List.of("Promote sha256:bbb", "Initial commit"), remote.log());
        assertEquals(
                "image:\n  digest: sha256:bbb\n", remote.readFile("values.yaml").orElseThrow());
    }
}
