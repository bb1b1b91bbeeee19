package io.jenkins.plugins.environments.approval;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everyone who made the digest a request is about: the people who may not approve it when self-approval is
 * forbidden. {@link Authorship} collects them: whoever started the run and every run upstream of it, and the
 * authors, committers and co-authors of every commit between what runs in the environment and the candidate.
 * Stored with the request, so a plain serializable class.
 *
 * <p>Requests saved by earlier versions hold only who started the run and the ids of the change authors; they are
 * read back as makers with these roles.
 */
public final class RunOrigin implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** How the run was started. */
    public enum Starter {
        /** A person started it, for example with "Build Now" or a replay. */
        PERSON,
        /** An automation account started it. */
        BOT,
        /** No user: a timer, an SCM event or an upstream build. */
        AUTOMATIC
    }

    /** The most makers kept; a digest made by more people than this is refused when the request opens. */
    public static final int MAX_MAKERS = 2000;

    private final Starter starter;
    private final String startedBy;
    private final ArrayList<String> changeAuthors;
    private final ArrayList<Maker> makers;
    private final ArrayList<String> notes;

    private RunOrigin(
            Starter starter, String startedBy, List<String> changeAuthors, List<Maker> makers, List<String> notes) {
        this.starter = starter;
        this.startedBy = startedBy;
        this.changeAuthors = authors(changeAuthors);
        ArrayList<Maker> kept = new ArrayList<>();
        if (makers != null) {
            for (Maker maker : makers) {
                if (maker != null && !kept.contains(maker)) {
                    kept.add(maker);
                }
            }
        }
        if (kept.size() > MAX_MAKERS) {
            throw new IllegalArgumentException("More than " + MAX_MAKERS + " people made this digest");
        }
        this.makers = kept;
        this.notes = notes == null ? new ArrayList<>() : new ArrayList<>(notes);
    }

    /** @return the origin of a run a person started; {@code changeAuthors} (user ids) may be {@code null} */
    public static RunOrigin startedByPerson(String userId, List<String> changeAuthors) {
        return legacy(Starter.PERSON, requireId(userId), changeAuthors);
    }

    /** @return the origin of a run an automation account started */
    public static RunOrigin startedByBot(String botId, List<String> changeAuthors) {
        return legacy(Starter.BOT, requireId(botId), changeAuthors);
    }

    /** @return the origin of a run a timer, an SCM event or an upstream build started */
    public static RunOrigin startedAutomatically(List<String> changeAuthors) {
        return legacy(Starter.AUTOMATIC, null, changeAuthors);
    }

    /**
     * @param makers everyone who made the digest, in the order found; repeats are dropped
     * @param notes what could not be read completely, one sentence each, for the build log
     */
    public static RunOrigin of(List<Maker> makers, List<String> notes) {
        String first = null;
        List<String> authors = new ArrayList<>();
        for (Maker maker : makers) {
            if (maker.role() == Maker.Role.STARTED_RUN && first == null) {
                first = maker.userId();
            } else if (maker.role() == Maker.Role.AUTHOR && maker.userId() != null) {
                authors.add(maker.userId());
            }
        }
        return new RunOrigin(first == null ? Starter.AUTOMATIC : Starter.PERSON, first, authors, makers, notes);
    }

    private static RunOrigin legacy(Starter starter, String startedBy, List<String> changeAuthors) {
        return new RunOrigin(starter, startedBy, changeAuthors, makersOf(startedBy, changeAuthors), List.of());
    }

    private static List<Maker> makersOf(String startedBy, List<String> changeAuthors) {
        List<Maker> makers = new ArrayList<>();
        if (startedBy != null) {
            makers.add(Maker.user(Maker.Role.STARTED_RUN, startedBy));
        }
        for (String author : authors(changeAuthors)) {
            makers.add(Maker.user(Maker.Role.AUTHOR, author));
        }
        return makers;
    }

    public Starter starter() {
        return starter;
    }

    /** @return the id of the first person who started the run, {@code null} when it started automatically */
    public String startedBy() {
        return startedBy;
    }

    /** @return the user ids of the change authors known by user id, without blanks or repeats */
    public List<String> changeAuthors() {
        return Collections.unmodifiableList(changeAuthors);
    }

    /** @return everyone who made the digest */
    public List<Maker> makers() {
        return Collections.unmodifiableList(makers);
    }

    /** @return what could not be read completely when the makers were collected */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /**
     * @return why the reviewer counts as self for this digest, such as {@code started this run} or {@code authored
     *     a change (commit 1a2b3c4 in job/shop/5/) as 'alice@example.com'}, or {@code null} when they made none of it
     */
    String selfReason(Reviewer reviewer, IdRule users) {
        for (Maker maker : makers) {
            String matched = maker.matches(reviewer, users);
            if (matched != null) {
                boolean sameId = users.same(matched, reviewer.userId());
                return maker.describe() + (sameId ? "" : " as " + ApprovalRequest.shown(matched));
            }
        }
        return null;
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("The user who started the run needs an id");
        }
        return id;
    }

    private static ArrayList<String> authors(List<String> authors) {
        ArrayList<String> kept = new ArrayList<>();
        if (authors != null) {
            for (String author : authors) {
                if (author != null && !author.isBlank() && !kept.contains(author)) {
                    kept.add(author);
                }
            }
        }
        return kept;
    }

    @Serial
    private Object readResolve() {
        Starter kind = starter != null ? starter : startedBy == null ? Starter.AUTOMATIC : Starter.PERSON;
        String by = kind == Starter.AUTOMATIC ? null : requireId(startedBy);
        List<Maker> known = makers != null ? makers : makersOf(by, changeAuthors);
        return new RunOrigin(kind, by, changeAuthors, known, notes);
    }

    @Override
    public String toString() {
        return "RunOrigin[" + starter + (startedBy == null ? "" : " " + startedBy) + ", changeAuthors=" + changeAuthors
                + (makers.size() > (startedBy == null ? 0 : 1) + changeAuthors.size() ? ", makers=" + makers : "")
                + "]";
    }
}
