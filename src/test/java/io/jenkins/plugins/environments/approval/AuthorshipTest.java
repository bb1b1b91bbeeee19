package io.jenkins.plugins.environments.approval;

import static io.jenkins.plugins.environments.approval.Scenario.APPROVERS;
import static io.jenkins.plugins.environments.approval.Scenario.given;
import static io.jenkins.plugins.environments.approval.Scenario.user;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Self is everyone who made the digest (issue 11, class 10): read from plain runs, so that a Replay, a Rebuild, a
 * colleague's Build Now, a timer or an upstream trigger of the same revision still counts the commit authors, the
 * committer counts as well as the author, upstream starters count at any depth, and an e-mail identity and a login
 * of one person are related.
 */
class AuthorshipTest {

    private static final String SELF = ", and environment 'prod' forbids self-approval: someone else must approve";

    /** A run as plain values; {@code previous} is set after construction to build histories. */
    private static final class Run implements Authorship.RunView {
        final String url;
        final List<String> startedBy;
        final List<Authorship.Upstream> upstream;
        final List<Authorship.Commit> commits;
        Run previous;

        Run(String url, List<String> startedBy, List<Authorship.Upstream> upstream, List<Authorship.Commit> commits) {
            this.url = url;
            this.startedBy = startedBy;
            this.upstream = upstream;
            this.commits = commits;
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public List<String> startedBy() {
            return startedBy;
        }

        @Override
        public List<Authorship.Upstream> upstream() {
            return upstream;
        }

        @Override
        public List<Authorship.Commit> commits() {
            return commits;
        }

        @Override
        public Authorship.RunView previous() {
            return previous;
        }
    }

    private static Run run(String url, List<String> startedBy, Authorship.Commit... commits) {
        return new Run(url, startedBy, List.of(), List.of(commits));
    }

    private static Authorship.Commit commit(String id, String authorEmail, String committerEmail) {
        return new Authorship.Commit(
                id,
                new Authorship.Identity(null, authorEmail, null),
                committerEmail == null ? null : new Authorship.Identity(null, committerEmail, null),
                "a change");
    }

    private static Authorship.Commit commitBy(String id, String userId) {
        return new Authorship.Commit(id, new Authorship.Identity(userId, null, null), null, "a change");
    }

    /** job/shop/5 built erin's commit; 6 and 7 build the same revision again: empty change logs of their own. */
    private static Run history(Run latest) {
        Run five = run("job/shop/5/", List.of("frank"), commitBy("e1e1e1e1e1e1e1e1", "erin"));
        Run six = run("job/shop/6/", List.of());
        six.previous = five;
        latest.previous = six;
        return latest;
    }

    /** Under a gate that lists nobody: anyone with Job/Build may approve, unless they made the digest. */
    private static ApprovalOutcome approve(RunOrigin origin, Reviewer reviewer) {
        Scenario scenario = given().gate(Scenario.gates(2, List.of())).origin(origin);
        return scenario.approve(reviewer).attempt(scenario.request());
    }

    private static void assertSelf(RunOrigin origin, Reviewer reviewer, String reason) {
        ApprovalOutcome outcome = approve(origin, reviewer);
        assertAll(
                () -> assertTrue(outcome.isRefused(), "refused"),
                () -> assertEquals(
                        RefusalReason.SELF_APPROVAL,
                        outcome.refusal().orElseThrow().reason()),
                () -> assertEquals(
                        "'" + reviewer.userId() + "' " + reason + SELF,
                        outcome.refusal().orElseThrow().message()),
                () -> assertEquals(0, outcome.request().approvals().size(), "nothing counted"));
    }

    @Test
    void aReplayByAColleagueOfTheSameRevisionStillCountsTheCommitAuthor() {
        Run replay = history(run("job/shop/7/", List.of("carol")));
        RunOrigin origin = Authorship.collect(replay, null);
        assertSelf(origin, user("erin"), "authored a change (commit e1e1e1e1e1e1 in job/shop/5/)");
        assertSelf(origin, user("carol"), "started this run");
    }

    @Test
    void aTimerBuildOfTheSameRevisionStillCountsTheCommitAuthor() {
        RunOrigin origin = Authorship.collect(history(run("job/shop/7/", List.of())), null);
        assertEquals(RunOrigin.Starter.AUTOMATIC, origin.starter());
        assertSelf(origin, user("erin"), "authored a change (commit e1e1e1e1e1e1 in job/shop/5/)");
    }

    @Test
    void aRebuildCountsEveryUserWhoStartedItAndTheAuthorsOfEarlierBuilds() {
        RunOrigin origin = Authorship.collect(history(run("job/shop/7/", List.of("carol", "dave"))), null);
        assertSelf(origin, user("dave"), "started this run");
        assertSelf(origin, user("erin"), "authored a change (commit e1e1e1e1e1e1 in job/shop/5/)");
    }

    @Test
    void whoStartedAnEarlierBuildIsNotSelfForThatAlone() {
        RunOrigin origin = Authorship.collect(history(run("job/shop/7/", List.of("carol"))), null);
        ApprovalOutcome outcome = approve(origin, user("frank"));
        assertFalse(outcome.isRefused(), () -> String.valueOf(outcome));
    }

    @Test
    void historyStopsAtTheBuildThatDeployedWhatRunsInTheEnvironment() {
        Run four = run("job/shop/4/", List.of(), commitBy("b0b0b0b0b0b0b0b0", "bob"));
        Run latest = history(run("job/shop/7/", List.of("carol")));
        ((Run) ((Run) latest.previous).previous).previous = four;

        RunOrigin fromFour = Authorship.collect(latest, "job/shop/4/");
        RunOrigin fromFive = Authorship.collect(latest, "job/shop/5/");

        assertAll(
                () -> assertTrue(approve(fromFour, user("bob")).kind() == ApprovalOutcome.Kind.ACCEPTED),
                () -> assertEquals(
                        RefusalReason.SELF_APPROVAL,
                        approve(fromFour, user("erin")).refusal().orElseThrow().reason()),
                () -> assertFalse(approve(fromFive, user("erin")).isRefused(), "build 5's commit already runs there"),
                () -> assertEquals(List.of(), fromFour.notes()));
    }

    @Test
    void historyStopsAtTheDeployingBuildAlsoWhenTheLedgerHasItsAbsoluteBuildUrl() {
        Run four = run("job/shop/4/", List.of(), commitBy("b0b0b0b0b0b0b0b0", "bob"));
        Run latest = history(run("job/shop/7/", List.of("carol")));
        ((Run) ((Run) latest.previous).previous).previous = four;

        RunOrigin origin = Authorship.collect(latest, "https://ci.example.com/job/shop/4/");

        assertAll(
                () -> assertTrue(approve(origin, user("bob")).kind() == ApprovalOutcome.Kind.ACCEPTED),
                () -> assertEquals(List.of(), origin.notes(), "no note that the deploying build was not found"));
    }

    @Test
    void aTargetBuildOfAnotherJobReadsTheWholeHistoryAndSaysSo() {
        RunOrigin origin = Authorship.collect(history(run("job/shop/7/", List.of())), "job/deploy/3/");
        assertEquals(
                List.of("The build that deployed what runs in the environment (job/deploy/3/) is not an earlier build"
                        + " of this job: every build of the job still kept was read"),
                origin.notes());
        assertSelf(origin, user("erin"), "authored a change (commit e1e1e1e1e1e1 in job/shop/5/)");
    }

    @Test
    void historyIsReadAtMostAHundredBuildsBackWithANote() {
        Run oldest = run("job/shop/0/", List.of(), commitBy("0000000000000000", "olga"));
        Run current = oldest;
        for (int i = 1; i <= 120; i++) {
            Run next = run("job/shop/" + i + "/", List.of());
            next.previous = current;
            current = next;
        }
        RunOrigin origin = Authorship.collect(current, null);
        assertEquals(
                List.of("The change logs of 100 builds back to job/shop/20/ were read; nothing runs in the environment"
                        + " yet, so older commits are not counted"),
                origin.notes());
    }

    @Test
    void theCommitterCountsAsWellAsTheAuthor() {
        Run run = run("job/shop/7/", List.of(), commit("c0ffee00c0ffee00", "alice@example.com", "bob@example.com"));
        RunOrigin origin = Authorship.collect(run, null);
        assertSelf(origin, user("bob@example.com"), "committed a change (commit c0ffee00c0ff in job/shop/7/)");
        assertSelf(origin, user("alice@example.com"), "authored a change (commit c0ffee00c0ff in job/shop/7/)");
    }

    @Test
    void anEmailAuthorAndTheLoginOfTheSamePersonAreRelatedThroughTheLoginsAliases() {
        RunOrigin origin = Authorship.collect(
                run("job/shop/7/", List.of(), commit("c0ffee00c0ffee00", "Alice@Example.com", null)), null);
        Reviewer alice = new Reviewer("alice", List.of(), false, List.of("alice@example.com", "Alice Liddell"));
        assertSelf(origin, alice, "authored a change (commit c0ffee00c0ff in job/shop/7/) as 'Alice@Example.com'");
    }

    @Test
    void anAuthorKnownByFullNameIsTheLoginWithThatFullName() {
        Authorship.Commit byName = new Authorship.Commit(
                "abc", new Authorship.Identity("Alice Liddell", null, "Alice Liddell"), null, null);
        RunOrigin origin = Authorship.collect(run("job/shop/7/", List.of(), byName), null);
        assertSelf(
                origin,
                new Reviewer("alice", List.of(), false, List.of("alice liddell")),
                "authored a change (commit abc in job/shop/7/) as 'Alice Liddell'");
    }

    @Test
    void anAddressThatMapsToNoUserStillBlocksAReviewerWhoseIdIsThatAddress() {
        RunOrigin origin = Authorship.collect(
                run("job/shop/7/", List.of(), commit("c0ffee00c0ffee00", "mallory@example.org", null)), null);
        assertSelf(origin, user("MALLORY@example.org"), "authored a change (commit c0ffee00c0ff in job/shop/7/)");
    }

    @Test
    void aCoAuthorNamedInTheCommitMessageIsSelf() {
        Authorship.Commit paired = new Authorship.Commit(
                "abc",
                new Authorship.Identity("erin", null, null),
                null,
                "Fix the cart\n\nCo-authored-by: Grace Hopper <grace@example.com>\n");
        RunOrigin origin = Authorship.collect(run("job/shop/7/", List.of(), paired), null);
        assertSelf(
                origin,
                new Reviewer("grace", List.of(), false, List.of("grace@example.com")),
                "co-authored a change (commit abc in job/shop/7/) as 'grace@example.com'");
    }

    @Test
    void whoStartedAnUpstreamRunIsSelfAtAnyDepth() {
        Run lib = run("job/lib/12/", List.of("heidi"), commitBy("1111111111111111", "ivan"));
        Run platform = new Run("job/platform/3/", List.of(), List.of(Authorship.Upstream.of(lib)), List.of());
        Run shop = new Run("job/shop/7/", List.of(), List.of(Authorship.Upstream.of(platform)), List.of());
        RunOrigin origin = Authorship.collect(shop, null);
        assertSelf(origin, user("heidi"), "started upstream run job/lib/12/");
        assertSelf(origin, user("ivan"), "authored a change (commit 111111111111 in job/lib/12/)");
    }

    @Test
    void anUpstreamRunThatIsGoneStillNamesTheUsersItsCauseKept() {
        Authorship.Upstream gone = new Authorship.Upstream(
                "job/lib/12/",
                null,
                List.of(),
                List.of(new Authorship.Upstream("job/nightly/40/", null, List.of("judy"), List.of(), false)),
                false);
        RunOrigin origin = Authorship.collect(new Run("job/shop/7/", List.of(), List.of(gone), List.of()), null);
        assertSelf(origin, user("judy"), "started upstream run job/nightly/40/");
    }

    @Test
    void aChainOfUpstreamCausesThatJenkinsCutOffIsRefused() {
        Authorship.Upstream cut = new Authorship.Upstream("(deeply nested causes)", null, List.of(), List.of(), true);
        Authorship.UnknownMakersException e = assertThrows(
                Authorship.UnknownMakersException.class,
                () -> Authorship.collect(new Run("job/shop/7/", List.of(), List.of(cut), List.of()), null));
        assertEquals(
                "Who started the upstream runs of (deeply nested causes) cannot be told: Jenkins keeps a chain of"
                        + " upstream causes only so deep, and the runs are gone. Start this build again by hand or"
                        + " from a shorter chain",
                e.getMessage());
    }

    @Test
    void anUpstreamCycleIsReadOnce() {
        Run a = new Run("job/a/1/", List.of("kim"), new ArrayList<>(), List.of());
        Run b = new Run("job/b/1/", List.of(), List.of(Authorship.Upstream.of(a)), List.of());
        a.upstream.add(Authorship.Upstream.of(b));
        RunOrigin origin = Authorship.collect(
                new Run("job/shop/7/", List.of(), List.of(Authorship.Upstream.of(a)), List.of()), null);
        assertEquals(
                List.of(Maker.of(Maker.Role.STARTED_UPSTREAM_RUN, "kim", null, null, "job/a/1/")), origin.makers());
    }

    @Test
    void anIdentityIsKeptOnceWithTheFirstPlaceItWasSeen() {
        Run latest = run("job/shop/7/", List.of(), commitBy("2222222222222222", "erin"));
        latest.previous = run("job/shop/6/", List.of(), commitBy("1111111111111111", "erin"));
        RunOrigin origin = Authorship.collect(latest, null);
        assertEquals(
                List.of(Maker.of(Maker.Role.AUTHOR, "erin", null, null, "commit 222222222222 in job/shop/7/")),
                origin.makers());
        assertEquals(List.of("erin"), origin.changeAuthors());
        assertNull(origin.startedBy());
    }

    @Test
    void valuesAreBoundedAndControlCharactersNeutralised() {
        Maker maker = Maker.of(Maker.Role.AUTHOR, null, null, "x".repeat(1_000_000) + "\u202E", "commit\n1");
        assertAll(
                () -> assertEquals("x".repeat(256) + "…[999745 more characters]", maker.name()),
                () -> assertEquals("commit?1", maker.source()));
    }

    @Test
    void theDefaultScenarioStillListsItsApprovers() {
        assertEquals(6, APPROVERS.size());
    }
}
