package io.jenkins.plugins.environments.gitops;

import static io.jenkins.plugins.environments.gitops.YamlValueEditorTest.NEW;
import static io.jenkins.plugins.environments.gitops.YamlValueEditorTest.OLD;
import static io.jenkins.plugins.environments.gitops.YamlValueEditorTest.VALUES;
import static io.jenkins.plugins.environments.gitops.YamlValueEditorTest.assertOnlyValueChanged;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.IsolatedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GitOpsPromotion} against a {@link BareGitRepository} over {@code file://}, with the {@code git} command line
 * as the oracle for what was pushed.
 */
class GitOpsPromotionTest {

    private static final String PROD = "deploy/prod/values.yaml";
    private static final String PROD_CRLF = VALUES.replace("\n", "\r\n");
    private static final String PASSWORD = "ghp_doNotWriteMeAnywhere";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:34:56Z"), ZoneOffset.UTC);
    private static final GitIdentity JENKINS = new GitIdentity("Jenkins", "jenkins@example.com");
    private static final GitIdentity ALICE = new GitIdentity("Alice Example", "alice@example.com");

    @TempDir
    Path temporaryParent;

    private BareGitRepository remote;
    private String url;

    @BeforeEach
    void createRemote() {
        remote = BareGitRepository.create(Map.of(
                PROD,
                PROD_CRLF,
                "deploy/staging/values.yaml",
                "image:\n  digest: " + NEW + "\n",
                "deploy/block/values.yaml",
                "image:\n  digest: |\n    " + OLD + "\n",
                "deploy/multi/values.yaml",
                "image:\n  digest: a\n---\nimage:\n  digest: b\n",
                "README.md",
                "GitOps repository of the shop\n"));
        url = remote.uri().toString();
    }

    @AfterEach
    void deleteRemote() {
        remote.close();
    }

    private GitOpsTarget target(String valuesFile, String key) {
        return new GitOpsTarget(url, "gitops-login", null, valuesFile, key);
    }

    private static GitOpsRequest request(String digest) {
        return new GitOpsRequest(
                "shop",
                digest,
                "staging",
                "prod",
                "https://jenkins.example.com/job/shop/job/main/42/",
                List.of("alice", "bob"),
                "CHG-1234",
                ALICE,
                JENKINS);
    }

    private GitAccess access() {
        return new GitAccess(
                url, new GitCredential.UsernamePassword("deployer", PASSWORD.toCharArray()), "gitops-login");
    }

    private GitOpsResult promote(GitOpsPromotion promotion, GitOpsTarget target, GitOpsRequest request) {
        try (GitAccess access = access()) {
            return promotion.promote(target, access, request);
        }
    }

    private GitOpsPromotion promotion(GitOpsPromotion.BeforePush beforePush) {
        return new GitOpsPromotion(CLOCK, temporaryParent, GitOpsPromotion.DEFAULT_MAX_ATTEMPTS, beforePush);
    }

    private void assertTemporaryCloneDeleted() throws IOException {
        try (Stream<Path> left = Files.list(temporaryParent)) {
            assertEquals(List.of(), left.toList(), "the temporary clone is deleted");
        }
    }

    private String git(String... arguments) {
        IsolatedProcess.Result result = remote.git(arguments);
        assertEquals(0, result.exitCode(), result::output);
        return result.stdout();
    }

    @Test
    void commitsTheDigestChangingOnlyTheValueBytes() throws IOException {
        String before = remote.mainCommitId();
        GitOpsResult result = promote(new GitOpsPromotion(CLOCK, temporaryParent), target(PROD, null), request(NEW));

        String after = remote.readFile(PROD).orElseThrow();
        assertOnlyValueChanged(PROD_CRLF, after, PROD_CRLF.indexOf("digest: " + OLD) + 8, OLD, NEW);
        assertEquals(PROD_CRLF.replace("digest: " + OLD + "    #", "digest: " + NEW + "    #"), after);
        assertAll(
                () -> assertTrue(result.changed()),
                () -> assertEquals(1, result.attempts()),
                () -> assertEquals(OLD, result.previousValue()),
                () -> assertEquals(remote.mainCommitId(), result.commitId()),
                () -> assertEquals(
                        "set image.digest in deploy/prod/values.yaml to " + NEW + " in commit "
                                + result.commitId().substring(0, 12),
                        result.summary()));

        // The git command line agrees: one commit on top of the old tip, one line of one file changed.
        assertEquals(before + "\n", git("rev-parse", "main~1"));
        assertEquals("1\t1\t" + PROD + "\n", git("diff", "--numstat", "main~1", "main"));
        assertEquals(
                "promote shop " + NEW + " staging → prod\n\n"
                        + "Sets image.digest in deploy/prod/values.yaml, which was '" + OLD + "'.\n\n"
                        + "Build: https://jenkins.example.com/job/shop/job/main/42/\n"
                        + "Approved-by: alice\n"
                        + "Approved-by: bob\n"
                        + "Change-ticket: CHG-1234\n",
                git("log", "-1", "--format=%B", "main").stripTrailing() + "\n");
        assertEquals(
                "Alice Example <alice@example.com> 2026-11-28T12:34:56+00:00|Jenkins <jenkins@example.com>"
                        + " 2026-11-28T12:34:56+00:00\n",
                git("log", "-1", "--format=%an <%ae> %aI|%cn <%ce> %cI", "main"));
        git("fsck", "--strict", "--no-dangling");
        assertTemporaryCloneDeleted();
    }

    @Test
    void aKeyThatAlreadyHoldsTheDigestIsNotCommittedAgain() throws IOException {
        String before = remote.mainCommitId();
        GitOpsResult result = promote(
                new GitOpsPromotion(CLOCK, temporaryParent), target("deploy/staging/values.yaml", null), request(NEW));
        assertAll(
                () -> assertFalse(result.changed()),
                () -> assertEquals("already at " + NEW, result.summary()),
                () -> assertEquals(before, result.commitId()),
                () -> assertEquals(1, result.attempts()),
                () -> assertEquals(NEW, result.previousValue()),
                () -> assertEquals(before, remote.mainCommitId(), "nothing was pushed"));
        assertTemporaryCloneDeleted();
    }

    @Test
    void promotingTwiceCommitsOnce() {
        GitOpsPromotion promotion = new GitOpsPromotion(CLOCK, temporaryParent);
        GitOpsResult first = promote(promotion, target(PROD, null), request(NEW));
        GitOpsResult second = promote(promotion, target(PROD, null), request(NEW));
        assertTrue(first.changed());
        assertFalse(second.changed());
        assertEquals(first.commitId(), second.commitId());
        assertEquals(List.of("promote shop " + NEW + " staging → prod", "Initial commit"), remote.log());
    }

    @Test
    void whenSomeonePushesBetweenFetchAndPushTheEditIsRedoneOnTheirCommit() throws IOException {
        String scaled = PROD_CRLF.replace("replicaCount: 3", "replicaCount: 4");
        List<Integer> attempts = new ArrayList<>();
        GitOpsResult result = promote(
                promotion((attempt, clone) -> {
                    attempts.add(attempt);
                    if (attempt == 1) {
                        remote.commit("Scale to four", Map.of(PROD, scaled, "NOTES.md", "scaled\n"));
                    }
                }),
                target(PROD, null),
                request(NEW));
        assertEquals(List.of(1, 2), attempts);
        assertEquals(2, result.attempts());
        assertTrue(result.changed());
        assertEquals(
                List.of("promote shop " + NEW + " staging → prod", "Scale to four", "Initial commit"), remote.log());
        assertEquals(
                scaled.replace("digest: " + OLD + "    #", "digest: " + NEW + "    #"),
                remote.readFile(PROD).orElseThrow());
        assertEquals("scaled\n", remote.readFile("NOTES.md").orElseThrow());
        assertEquals("1\t1\t" + PROD + "\n", git("diff", "--numstat", "main~1", "main"));
        assertTemporaryCloneDeleted();
    }

    @Test
    void whenSomeoneElsePromotedTheSameDigestMeanwhileNothingIsCommitted() {
        GitOpsResult result = promote(
                promotion((attempt, clone) -> {
                    if (attempt == 1) {
                        remote.commit("Promoted by hand", Map.of(PROD, PROD_CRLF.replace(OLD, NEW)));
                    }
                }),
                target(PROD, null),
                request(NEW));
        assertFalse(result.changed());
        assertEquals(2, result.attempts());
        assertEquals(List.of("Promoted by hand", "Initial commit"), remote.log());
    }

    @Test
    void givesUpAfterFiveRefusedAttemptsAndSaysSo() throws IOException {
        AtomicInteger pushedByOthers = new AtomicInteger();
        GitOpsPromotion promotion = promotion((attempt, clone) -> remote.commit(
                "Another change " + pushedByOthers.incrementAndGet(), Map.of("NOTES.md", "change " + attempt + "\n")));
        GitOpsException e =
                assertThrows(GitOpsException.class, () -> promote(promotion, target(PROD, null), request(NEW)));
        assertEquals(
                "The push to branch 'main' of " + url + " was refused as not fast-forward 5 times: others kept"
                        + " pushing to the branch in between; try again",
                e.getMessage());
        assertEquals(5, pushedByOthers.get());
        assertEquals("Another change 5", remote.log().get(0));
        assertEquals(PROD_CRLF, remote.readFile(PROD).orElseThrow());
        assertTemporaryCloneDeleted();
    }

    @Test
    void aPushRefusedForAnotherReasonIsAnErrorAndNotRetried() throws IOException {
        String before = remote.mainCommitId();
        Path lock = remote.directory().resolve("refs/heads/main.lock");
        AtomicInteger attempts = new AtomicInteger();
        GitOpsPromotion promotion = promotion((attempt, clone) -> {
            attempts.incrementAndGet();
            Files.writeString(lock, "held by another process\n");
        });
        GitOpsException e =
                assertThrows(GitOpsException.class, () -> promote(promotion, target(PROD, null), request(NEW)));
        assertEquals(
                "The push to branch 'main' of " + url + " was refused (REJECTED_OTHER_REASON: failed to lock)",
                e.getMessage());
        assertEquals(1, attempts.get());
        Files.delete(lock);
        assertEquals(before, remote.mainCommitId());
        assertTemporaryCloneDeleted();
    }

    @Test
    void theCloneIsShallowAndHoldsNeitherCredentialsNorTheRemoteInItsConfiguration() {
        String initial = remote.mainCommitId();
        remote.commit("Add notes", Map.of("NOTES.md", "notes\n"));
        List<String> configs = new ArrayList<>();
        List<Boolean> hasInitialCommit = new ArrayList<>();
        promote(
                promotion((attempt, clone) -> {
                    configs.add(
                            Files.readString(clone.getDirectory().toPath().resolve("config"), StandardCharsets.UTF_8));
                    hasInitialCommit.add(clone.getObjectDatabase().has(ObjectId.fromString(initial)));
                }),
                target(PROD, null),
                request(NEW));
        assertEquals(List.of(false), hasInitialCommit, "only the tip of the branch was fetched");
        assertEquals(1, configs.size());
        for (String secretOrRemote : List.of(PASSWORD, "deployer", url, "[remote")) {
            assertFalse(configs.get(0).contains(secretOrRemote), secretOrRemote);
        }
        assertEquals(List.of("promote shop " + NEW + " staging → prod", "Add notes", "Initial commit"), remote.log());
    }

    // --- hostile input: an exact message, nothing pushed, nothing left behind ---

    /** One hostile call; it gets the test (for the remote's URL) and a promotion that counts push attempts. */
    private interface Attempt {
        void run(GitOpsPromotionTest test, GitOpsPromotion promotion) throws Exception;
    }

    private static Arguments hostile(String rule, Class<? extends Exception> type, String message, Attempt attempt) {
        return Arguments.argumentSet(rule, type, message, attempt);
    }

    private static Attempt promoting(String valuesFile, String key, String digest) {
        return (test, promotion) -> test.promote(promotion, test.target(valuesFile, key), request(digest));
    }

    private static Attempt promotingWith(Supplier<GitOpsRequest> request) {
        return (test, promotion) -> test.promote(promotion, test.target(PROD, null), request.get());
    }

    private static GitOpsRequest withApp(String app) {
        return new GitOpsRequest(app, NEW, "staging", "prod", null, List.of(), null, ALICE, JENKINS);
    }

    /** Messages say {@code {url}} where the remote's URL goes. */
    static Stream<Arguments> hostileInputs() {
        String p = "deploy/prod/values.yaml";
        String notRelative = "Values file '/etc/passwd' must be relative to the root: remove the leading '/' or drive";
        String keyRule = "is not a valid key path: use dot-separated keys of letters, digits, '_' and '-', each"
                + " optionally followed by an index such as [0], e.g. 'image.digest' or 'app.images[0].digest'";
        String digestRule = "is not an image digest: use 'sha256:' followed by 64 lower-case hex digits";
        String branch = "branch 'main' of {url}";
        return Stream.of(
                hostile(
                        "a key that is not there names the missing segment",
                        GitOpsException.class,
                        "Key 'image.sha' not found in " + p + ": 'image' has no key 'sha'",
                        promoting(PROD, "image.sha", NEW)),
                hostile(
                        "a top-level key that is not there",
                        GitOpsException.class,
                        "Key 'app.image.digest' not found in " + p + ": the document has no key 'app'",
                        promoting(PROD, "app.image.digest", NEW)),
                hostile(
                        "a key through a list",
                        GitOpsException.class,
                        "Key 'sidecars.image' cannot be followed in " + p + ": 'sidecars' is a list, not a mapping",
                        promoting(PROD, "sidecars.image", NEW)),
                hostile(
                        "a key through a single value",
                        GitOpsException.class,
                        "Key 'replicaCount.value' cannot be followed in " + p
                                + ": 'replicaCount' is a single value, not a mapping",
                        promoting(PROD, "replicaCount.value", NEW)),
                hostile(
                        "an index into a mapping",
                        GitOpsException.class,
                        "Key 'image[0].digest' cannot be followed in " + p + ": 'image' is a mapping, not a list",
                        promoting(PROD, "image[0].digest", NEW)),
                hostile(
                        "an index past the end of a list",
                        GitOpsException.class,
                        "Key 'sidecars[5].image.digest' not found in " + p + ": 'sidecars' has 2 items, so there is no"
                                + " [5]",
                        promoting(PROD, "sidecars[5].image.digest", NEW)),
                hostile(
                        "a key that holds a mapping",
                        GitOpsException.class,
                        "Key 'image' in " + p + " holds a mapping, not a single value",
                        promoting(PROD, "image", NEW)),
                hostile(
                        "a block scalar",
                        GitOpsException.class,
                        "Key 'image.digest' in deploy/block/values.yaml is a block scalar (| or >): write its value on"
                                + " the key's line to let it be edited",
                        promoting("deploy/block/values.yaml", null, NEW)),
                hostile(
                        "a file with two documents",
                        GitOpsException.class,
                        "deploy/multi/values.yaml holds 2 YAML documents: only a file with a single document can be"
                                + " edited",
                        promoting("deploy/multi/values.yaml", null, NEW)),
                hostile(
                        "a key path that breaks the grammar",
                        InvalidConfigurationException.class,
                        "Digest key 'image..digest' " + keyRule,
                        promoting(PROD, "image..digest", NEW)),
                hostile(
                        "a values file that does not exist",
                        GitOpsException.class,
                        "Values file 'deploy/qa/values.yaml' does not exist in " + branch,
                        promoting("deploy/qa/values.yaml", null, NEW)),
                hostile(
                        "a values file that is a folder",
                        GitOpsException.class,
                        "Values file 'deploy/prod' is a folder in " + branch,
                        promoting("deploy/prod", null, NEW)),
                hostile(
                        "a values file below a file",
                        GitOpsException.class,
                        "Values file 'README.md/values.yaml' does not exist in " + branch
                                + ": 'README.md' is a file, not a folder",
                        promoting("README.md/values.yaml", null, NEW)),
                hostile(
                        "a values file that is a symbolic link",
                        GitOpsException.class,
                        "Values file 'deploy/passwd.yaml' is a symbolic link in " + branch + ": name the file itself",
                        promoting("deploy/passwd.yaml", null, NEW)),
                hostile(
                        "a values file below a symbolic link",
                        GitOpsException.class,
                        "Values file 'escape/values.yaml' lies below the symbolic link 'escape' in " + branch
                                + ": name the file itself",
                        promoting("escape/values.yaml", null, NEW)),
                hostile(
                        "a values file that is not UTF-8",
                        GitOpsException.class,
                        "Values file 'deploy/latin1.yaml' is not UTF-8 text in " + branch,
                        promoting("deploy/latin1.yaml", null, NEW)),
                hostile(
                        "a values file path with '..'",
                        InvalidConfigurationException.class,
                        "Values file '../prod/values.yaml' must not contain a '..' segment: it has to stay inside the"
                                + " root",
                        promoting("../prod/values.yaml", null, NEW)),
                hostile(
                        "an absolute values file path",
                        InvalidConfigurationException.class,
                        notRelative,
                        promoting("/etc/passwd", null, NEW)),
                hostile(
                        "a digest in upper case",
                        InvalidConfigurationException.class,
                        "Digest 'sha256:" + "B".repeat(64) + "' " + digestRule,
                        promoting(PROD, null, "sha256:" + "B".repeat(64))),
                hostile(
                        "a short digest",
                        InvalidConfigurationException.class,
                        "Digest 'sha256:abc' " + digestRule,
                        promoting(PROD, null, "sha256:abc")),
                hostile(
                        "a tag instead of a digest",
                        InvalidConfigurationException.class,
                        "Digest 'latest' " + digestRule,
                        promoting(PROD, null, "latest")),
                hostile(
                        "a YAML injection as the digest",
                        InvalidConfigurationException.class,
                        "Digest 'x\\u000Aadmin: true' " + digestRule,
                        promoting(PROD, null, "x\nadmin: true")),
                hostile(
                        "an app name that is not a label",
                        InvalidConfigurationException.class,
                        "App name 'Shop_1' is not a valid name: use at most 63 lower-case letters, digits and '-',"
                                + " starting and ending with a letter or digit (RFC 1123 label)",
                        promotingWith(() -> withApp("Shop_1"))),
                hostile(
                        "a change ticket that forges a trailer",
                        InvalidConfigurationException.class,
                        "Change ticket 'CHG-1\\u000AApproved-by: mallory' must not contain control characters such as"
                                + " line breaks",
                        promotingWith(() -> new GitOpsRequest(
                                "shop",
                                NEW,
                                "staging",
                                "prod",
                                null,
                                List.of(),
                                "CHG-1\nApproved-by: mallory",
                                ALICE,
                                JENKINS))),
                hostile(
                        "a branch that does not exist",
                        GitOpsException.class,
                        "The GitOps repository {url} has no branch 'release'",
                        (test, promotion) -> test.promote(
                                promotion, new GitOpsTarget(test.url, null, "release", PROD, null), request(NEW))),
                hostile(
                        "a repository that does not exist",
                        GitOpsException.class,
                        "Could not reach the GitOps repository file:///nonexistent/deploy.git: not found.",
                        (test, promotion) -> {
                            String missing = "file:///nonexistent/deploy.git";
                            try (GitAccess access = new GitAccess(missing, new GitCredential.Anonymous(), null)) {
                                promotion.promote(
                                        new GitOpsTarget(missing, null, null, PROD, null), access, request(NEW));
                            }
                        }),
                hostile(
                        "access for another repository",
                        IllegalArgumentException.class,
                        "The git access is for file:///elsewhere/deploy.git, not for the GitOps repository {url}",
                        (test, promotion) -> {
                            try (GitAccess other = new GitAccess(
                                    "file:///elsewhere/deploy.git", new GitCredential.Anonymous(), null)) {
                                promotion.promote(test.target(PROD, null), other, request(NEW));
                            }
                        }));
    }

    @ParameterizedTest
    @MethodSource("hostileInputs")
    void hostileInputIsRefusedWithAnExactMessageAndNothingIsPushed(
            Class<? extends Exception> type, String message, Attempt attempt) throws Exception {
        remote.commitSymbolicLink("Link to passwd", "deploy/passwd.yaml", "/etc/passwd");
        remote.commitSymbolicLink("Link out of the repository", "escape", "../../..");
        remote.commitBytes(
                "Latin-1 values", "deploy/latin1.yaml", "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        String before = remote.mainCommitId();
        AtomicInteger pushes = new AtomicInteger();
        Exception e = assertThrows(
                Exception.class, () -> attempt.run(this, promotion((n, clone) -> pushes.incrementAndGet())));
        assertAll(
                () -> assertEquals(type, e.getClass(), () -> "thrown: " + e),
                () -> assertEquals(message.replace("{url}", url), e.getMessage()),
                () -> assertEquals(0, pushes.get(), "no push was attempted"),
                () -> assertEquals(before, remote.mainCommitId(), "the remote is unchanged"));
        assertTemporaryCloneDeleted();
    }
}
