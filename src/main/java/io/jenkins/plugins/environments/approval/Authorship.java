package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.RunUrls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects everyone who made a digest ({@link RunOrigin}), from what Jenkins tells about the run that asks for
 * approval, through the {@link RunView} port:
 *
 * <ul>
 *   <li>every user who started the run, and every user who started a run upstream of it, at any depth;
 *   <li>the author, the committer and every {@code Co-authored-by} of each commit in the change logs of this run and
 *       of its earlier builds, back to (not including) the build that put what runs in the environment there, and in
 *       the change logs of the upstream runs. A Replay, a Rebuild, a colleague's Build Now, a timer or an upstream
 *       trigger of the same revision has an empty change log of its own; the earlier builds still hold the commits.
 * </ul>
 *
 * Nothing here weakens the rule when something is missing: an identity that maps to no Jenkins user is kept as it is,
 * and where the history is cut short the makers found so far are kept, with a note. A chain of upstream causes that
 * Jenkins itself cut off (deeper than it keeps, and the runs deleted) hides who started it: that is refused.
 */
public final class Authorship {

    /** The most builds of the job whose change logs are read, this run included. */
    public static final int MAX_BUILDS = 100;

    /** The most upstream runs followed. */
    public static final int MAX_UPSTREAM_RUNS = 100;

    private static final Pattern CO_AUTHOR =
            Pattern.compile("(?im)^co-authored-by:[ \\t]*([^<\\r\\n]*?)[ \\t]*(?:<([^>\\r\\n]*)>)?[ \\t]*$");

    /** A run, as the approval rules need to know it. The Jenkins glue wraps a {@code Run}; tests build values. */
    public interface RunView {

        /** @return the run's URL relative to Jenkins' root, such as {@code job/shop/7/} */
        String url();

        /** @return the user ids of the "started by user" causes, in order */
        List<String> startedBy();

        /** @return the upstream causes, in order */
        List<Upstream> upstream();

        /** @return the commits of the run's own change log */
        List<Commit> commits();

        /** @return the job's build before this one, or {@code null} */
        RunView previous();
    }

    /**
     * One upstream cause.
     *
     * @param description how Jenkins names the upstream run, such as {@code job/lib/12/}
     * @param run the upstream run, or {@code null} when it is gone or cannot be read
     * @param startedBy when the run is gone: the user ids the cause kept of its own causes
     * @param nested when the run is gone: the upstream causes the cause kept
     * @param cutOff whether Jenkins cut the chain here ("deeply nested"), so who started it is unknown
     */
    public record Upstream(
            String description, RunView run, List<String> startedBy, List<Upstream> nested, boolean cutOff) {

        public Upstream {
            startedBy = startedBy == null ? List.of() : List.copyOf(startedBy);
            nested = nested == null ? List.of() : List.copyOf(nested);
        }

        /** @return an upstream cause whose run can be read */
        public static Upstream of(RunView run) {
            return new Upstream(run.url(), run, List.of(), List.of(), false);
        }
    }

    /**
     * One commit.
     *
     * @param id the commit id, or {@code null}
     * @param author who wrote it; {@code null} when the SCM does not say
     * @param committer who committed it; {@code null} when the SCM does not say
     * @param message the commit message, read for {@code Co-authored-by} lines; may be {@code null}
     */
    public record Commit(String id, Identity author, Identity committer, String message) {}

    /**
     * A person as an SCM names them; any part may be {@code null}, not all.
     *
     * @param userId the Jenkins user the SCM mapped them to
     * @param address the e-mail address
     * @param name the name
     */
    public record Identity(String userId, String address, String name) {}

    /** Thrown when who made the digest cannot be told; the message says why. */
    public static final class UnknownMakersException extends IllegalArgumentException {
        UnknownMakersException(String message) {
            super(message);
        }
    }

    private final List<Maker> makers = new ArrayList<>();
    private final Set<List<Object>> known = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> visitedUpstream = new HashSet<>();

    private Authorship() {}

    /**
     * @param run the run that asks for approval
     * @param targetBuild the URL of the build that put what runs in the environment there, from the ledger; {@code
     *     null} when nothing runs there yet, then every earlier build (up to {@link #MAX_BUILDS}) counts
     * @throws UnknownMakersException when the chain of upstream causes is cut off
     */
    public static RunOrigin collect(RunView run, String targetBuild) {
        Authorship authorship = new Authorship();
        authorship.starters(run, Maker.Role.STARTED_RUN, null);
        authorship.history(run, targetBuild);
        return RunOrigin.of(authorship.makers, authorship.notes);
    }

    private void starters(RunView run, Maker.Role role, String source) {
        for (String user : run.startedBy()) {
            add(Maker.of(role, user, null, null, source));
        }
        for (Upstream upstream : run.upstream()) {
            upstream(upstream);
        }
    }

    private void upstream(Upstream upstream) {
        if (upstream.cutOff()) {
            throw new UnknownMakersException("Who started the upstream runs of " + upstream.description()
                    + " cannot be told: Jenkins keeps a chain of upstream causes only so deep, and the runs are gone."
                    + " Start this build again by hand or from a shorter chain");
        }
        RunView run = upstream.run();
        if (run == null) {
            for (String user : upstream.startedBy()) {
                add(Maker.of(Maker.Role.STARTED_UPSTREAM_RUN, user, null, null, upstream.description()));
            }
            for (Upstream nested : upstream.nested()) {
                upstream(nested);
            }
            return;
        }
        if (!visitedUpstream.add(run.url())) {
            return;
        }
        if (visitedUpstream.size() > MAX_UPSTREAM_RUNS) {
            throw new UnknownMakersException("The chain of upstream runs is longer than " + MAX_UPSTREAM_RUNS
                    + " runs: who started it cannot be told");
        }
        starters(run, Maker.Role.STARTED_UPSTREAM_RUN, run.url());
        commits(run);
    }

    /** This run's change log and those of its earlier builds, back to the one that deployed what runs there. */
    private void history(RunView run, String targetBuild) {
        RunView current = run;
        int read = 0;
        while (current != null) {
            if (RunUrls.sameRun(targetBuild, current.url())) {
                return;
            }
            if (read == MAX_BUILDS) {
                notes.add("The change logs of " + MAX_BUILDS + " builds back to " + current.url() + " were read; "
                        + (targetBuild == null
                                ? "nothing runs in the environment yet"
                                : "the build that deployed what runs in the environment (" + targetBuild
                                        + ") is further back")
                        + ", so older commits are not counted");
                return;
            }
            commits(current);
            read++;
            current = current.previous();
        }
        if (targetBuild != null) {
            notes.add("The build that deployed what runs in the environment (" + targetBuild
                    + ") is not an earlier build of this job: every build of the job still kept was read");
        }
    }

    private void commits(RunView run) {
        for (Commit commit : run.commits()) {
            String source = "commit " + (commit.id() == null ? "?" : shortId(commit.id())) + " in " + run.url();
            identity(Maker.Role.AUTHOR, commit.author(), source);
            identity(Maker.Role.COMMITTER, commit.committer(), source);
            if (commit.message() != null) {
                Matcher coAuthor = CO_AUTHOR.matcher(commit.message());
                while (coAuthor.find()) {
                    identity(Maker.Role.CO_AUTHOR, new Identity(null, coAuthor.group(2), coAuthor.group(1)), source);
                }
            }
        }
    }

    private void identity(Maker.Role role, Identity identity, String source) {
        if (identity == null
                || (Names.isBlank(identity.userId())
                        && Names.isBlank(identity.address())
                        && Names.isBlank(identity.name()))) {
            return;
        }
        add(Maker.of(role, identity.userId(), identity.address(), identity.name(), source));
    }

    /** Keeps the first time each identity appears in a role: its source is the one shown. */
    private void add(Maker maker) {
        List<Object> key = java.util.Arrays.asList(maker.role(), maker.userId(), maker.address(), maker.name());
        if (!known.add(key)) {
            return;
        }
        if (makers.size() >= RunOrigin.MAX_MAKERS) {
            throw new UnknownMakersException(
                    "More than " + RunOrigin.MAX_MAKERS + " people made this digest: approve a smaller change");
        }
        makers.add(maker);
    }

    private static String shortId(String id) {
        return Names.truncate(id.length() > 12 ? id.substring(0, 12) : id, 12);
    }
}
