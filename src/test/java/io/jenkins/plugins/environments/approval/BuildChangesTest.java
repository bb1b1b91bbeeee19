package io.jenkins.plugins.environments.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BuildChanges}: the commits between the deploying build and the asking one, through the run port. */
class BuildChangesTest {

    /** Build {@code number} of job shop, with its change log. */
    private record Build(int number, List<Authorship.Commit> commits, Authorship.RunView previous)
            implements Authorship.RunView {
        @Override
        public String url() {
            return "job/shop/" + number + "/";
        }

        @Override
        public List<String> startedBy() {
            return List.of();
        }

        @Override
        public List<Authorship.Upstream> upstream() {
            return List.of();
        }
    }

    private static Authorship.Commit commit(String id, Authorship.Identity author, String message) {
        return new Authorship.Commit(id, author, null, message);
    }

    private static Build chain(int newest) {
        Build build = null;
        for (int n = 1; n <= newest; n++) {
            build = new Build(
                    n,
                    List.of(commit("%040d".formatted(n), new Authorship.Identity("u" + n, null, null), "change " + n)),
                    build);
        }
        return build;
    }

    @Test
    void theWalkStopsAtTheDeployingBuildNamedByItsAbsoluteUrl() {
        Build five = new Build(5, List.of(commit("a".repeat(40), null, "deployed")), null);
        Build six = new Build(
                6,
                List.of(
                        commit(
                                "b".repeat(40),
                                new Authorship.Identity("erin", "erin@example.com", "Erin Doe"),
                                "One\r\nbody"),
                        commit(null, new Authorship.Identity(null, "frank@example.com", null), null)),
                five);
        Build seven = new Build(7, List.of(), six);

        BuildChanges changes = BuildChanges.between(seven, "https://ci.example.com/job/shop/5/");

        assertEquals(
                List.of("bbbbbbbbbbbb Erin Doe: One (job/shop/6/)", "null frank@example.com:  (job/shop/6/)"),
                changes.changes().stream().map(Object::toString).toList());
        assertNull(changes.note());
    }

    @Test
    void aDeployingBuildOfAnotherJobShowsEveryKeptBuildWithANote() {
        BuildChanges changes = BuildChanges.between(chain(3), "job/other/9/");

        assertEquals(3, changes.changes().size());
        assertEquals("change 3", changes.changes().get(0).getSubject());
        assertEquals(
                "the build that deployed what runs in the environment (job/other/9/) is not an earlier build of this"
                        + " job: the commits of every build still kept are shown",
                changes.note());
    }

    @Test
    void noMoreBuildsAreReadThanAuthorshipReads() {
        BuildChanges changes = BuildChanges.between(chain(Authorship.MAX_BUILDS + 5), null);

        assertEquals(Authorship.MAX_BUILDS, changes.changes().size());
        assertEquals(
                "the change logs of " + Authorship.MAX_BUILDS + " builds were read back to job/shop/5/; older commits"
                        + " are not shown",
                changes.note());
    }
}
