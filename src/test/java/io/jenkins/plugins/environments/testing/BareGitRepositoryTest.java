package io.jenkins.plugins.environments.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BareGitRepositoryTest {

    @Test
    void seedsMainWithTheGivenFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# demo\n");
        files.put("deploy/values.yaml", "replicas: 1\n");
        try (BareGitRepository remote = BareGitRepository.create(files)) {
            assertEquals(Optional.of("replicas: 1\n"), remote.readFile("deploy/values.yaml"));
            assertEquals(Optional.of("# demo\n"), remote.readFile("README.md"));
            assertEquals(Optional.empty(), remote.readFile("deploy/missing.yaml"));
            assertEquals(List.of("Initial commit"), remote.log());
            assertTrue(
                    remote.uri().toString().startsWith("file:/"), remote.uri().toString());
        }
    }

    @Test
    void cloneEditCommitPushIsVisibleInTheBareRepository(@TempDir Path work, @TempDir Path sandbox) throws Exception {
        Path gitCli = IsolatedProcess.requireOnPath("git", "git");
        try (BareGitRepository remote = BareGitRepository.create(Map.of("deploy/values.yaml", "replicas: 1\n"))) {
            // The developer's ~/.gitconfig (if any) must be invisible to JGit once the fixture exists.
            assertNull(SystemReader.getInstance().getUserConfig().getString("user", null, "name"));

            RevCommit pushed;
            try (Git clone = Git.cloneRepository()
                    .setURI(remote.uri().toString())
                    .setDirectory(work.toFile())
                    .call()) {
                assertEquals(BareGitRepository.MAIN, clone.getRepository().getBranch());
                Path values = work.resolve("deploy/values.yaml");
                assertEquals("replicas: 1\n", Files.readString(values));

                Files.writeString(values, "replicas: 3\n", StandardCharsets.UTF_8);
                clone.add().addFilepattern("deploy/values.yaml").call();
                PersonIdent me = new PersonIdent("Test Author", "author@example.invalid");
                pushed = clone.commit()
                        .setMessage("Scale to three")
                        .setAuthor(me)
                        .setCommitter(me)
                        .call();
                for (PushResult result : clone.push()
                        .setRemote("origin")
                        .setRefSpecs(new RefSpec("main:main"))
                        .call()) {
                    for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                        assertEquals(RemoteRefUpdate.Status.OK, update.getStatus(), update.toString());
                    }
                }
            }

            assertEquals(pushed.name(), remote.mainCommitId());
            assertEquals(Optional.of("replicas: 3\n"), remote.readFile("deploy/values.yaml"));
            assertEquals(List.of("Scale to three", "Initial commit"), remote.log());

            // Cross-check with the git command line, which shares no code with JGit.
            Map<String, String> noSystemConfig = Map.of("GIT_CONFIG_NOSYSTEM", "1");
            IsolatedProcess.Result log = IsolatedProcess.run(
                    List.of(gitCli.toString(), "--git-dir=" + remote.directory(), "log", "--format=%s", "main"),
                    sandbox,
                    sandbox,
                    noSystemConfig,
                    Duration.ofSeconds(30));
            assertEquals(0, log.exitCode(), log.output());
            assertEquals("Scale to three\nInitial commit\n", log.stdout());

            IsolatedProcess.Result head = IsolatedProcess.run(
                    List.of(gitCli.toString(), "--git-dir=" + remote.directory(), "symbolic-ref", "HEAD"),
                    sandbox,
                    sandbox,
                    noSystemConfig,
                    Duration.ofSeconds(30));
            assertEquals("refs/heads/main\n", head.stdout(), head.output());
        }
    }
}
