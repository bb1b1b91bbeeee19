package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.RunUrls;
import java.util.ArrayList;
import java.util.List;

/**
 * The commits between the build that put what runs in an environment there and the build that asks to replace it,
 * read from the change logs of the asking build and its earlier builds, newest first, back to (not including) the
 * deploying build: what the reviewer approves beyond the digest. Reads the builds through the same {@link
 * Authorship.RunView} port as {@link Authorship}, and as far back ({@link Authorship#MAX_BUILDS} builds).
 *
 * @param changes the commits, newest build first, each build's commits in its change log's order
 * @param note what the reader should know about where the walk stopped, or {@code null}
 */
public record BuildChanges(List<BriefedCommit> changes, String note) {

    public BuildChanges {
        changes = List.copyOf(changes);
    }

    /**
     * @param run the build that asks for approval
     * @param deployingBuild the URL of the build that deployed what runs in the environment (relative to Jenkins'
     *     root, or absolute as {@code BUILD_URL} gives it), or {@code null} when nothing runs there
     */
    public static BuildChanges between(Authorship.RunView run, String deployingBuild) {
        List<BriefedCommit> changes = new ArrayList<>();
        Authorship.RunView current = run;
        int read = 0;
        while (current != null) {
            if (sameBuild(deployingBuild, current.url())) {
                return new BuildChanges(changes, null);
            }
            if (read == Authorship.MAX_BUILDS) {
                return new BuildChanges(
                        changes,
                        "the change logs of " + Authorship.MAX_BUILDS + " builds were read back to " + current.url()
                                + "; older commits are not shown");
            }
            for (Authorship.Commit commit : current.commits()) {
                changes.add(new BriefedCommit(commit.id(), who(commit.author()), commit.message(), current.url()));
            }
            read++;
            current = current.previous();
        }
        return new BuildChanges(
                changes,
                deployingBuild == null
                        ? "nothing runs in the environment yet: the commits of every build of the job still kept are shown"
                        : "the build that deployed what runs in the environment (" + deployingBuild
                                + ") is not an earlier build of this job: the commits of every build still kept are"
                                + " shown");
    }

    /** @return whether the ledger's build URL (relative or absolute) names the run at this relative URL */
    static boolean sameBuild(String ledgerBuild, String runUrl) {
        return RunUrls.sameRun(ledgerBuild, runUrl);
    }

    private static String who(Authorship.Identity identity) {
        if (identity == null) {
            return null;
        }
        if (!Names.isBlank(identity.name())) {
            return identity.name();
        }
        return !Names.isBlank(identity.userId()) ? identity.userId() : identity.address();
    }
}
