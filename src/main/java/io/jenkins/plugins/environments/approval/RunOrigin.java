package io.jenkins.plugins.environments.approval;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who started the run that asks for approval and who wrote the changes it builds: the people who may not
 * approve it when self-approval is forbidden. Stored with the request, so a plain serializable class.
 *
 * <p>A run started by a person makes that person and every change author "self". A run started by a timer, an
 * SCM event or an upstream build has no person behind it, and a run started by an automation account (a bot id
 * the glue recognises) is treated the same way; in both cases the change authors still count as self, and a
 * bot that started the run may not approve it either.
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

    private final Starter starter;
    private final String startedBy;
    private final ArrayList<String> changeAuthors;

    private RunOrigin(Starter starter, String startedBy, List<String> changeAuthors) {
        this.starter = starter;
        this.startedBy = startedBy;
        this.changeAuthors = authors(changeAuthors);
    }

    /** @return the origin of a run a person started; {@code changeAuthors} may be {@code null} */
    public static RunOrigin startedByPerson(String userId, List<String> changeAuthors) {
        return new RunOrigin(Starter.PERSON, requireId(userId), changeAuthors);
    }

    /** @return the origin of a run an automation account started */
    public static RunOrigin startedByBot(String botId, List<String> changeAuthors) {
        return new RunOrigin(Starter.BOT, requireId(botId), changeAuthors);
    }

    /** @return the origin of a run a timer, an SCM event or an upstream build started */
    public static RunOrigin startedAutomatically(List<String> changeAuthors) {
        return new RunOrigin(Starter.AUTOMATIC, null, changeAuthors);
    }

    public Starter starter() {
        return starter;
    }

    /** @return the id of the person or bot who started the run, {@code null} when it started automatically */
    public String startedBy() {
        return startedBy;
    }

    /** @return the user ids of the authors of the run's changes, without blanks or repeats */
    public List<String> changeAuthors() {
        return Collections.unmodifiableList(changeAuthors);
    }

    /**
     * @return why the user counts as self for this run ({@code "started this run"} or {@code "authored a change
     *     in this run"}), or {@code null} when the user is neither the starter nor a change author
     */
    String selfReason(String userId, IdRule users) {
        if (startedBy != null && users.same(startedBy, userId)) {
            return "started this run";
        }
        for (String author : changeAuthors) {
            if (users.same(author, userId)) {
                return "authored a change in this run";
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
        return new RunOrigin(kind, kind == Starter.AUTOMATIC ? null : requireId(startedBy), changeAuthors);
    }

    @Override
    public String toString() {
        return "RunOrigin[" + starter + (startedBy == null ? "" : " " + startedBy) + ", changeAuthors=" + changeAuthors
                + "]";
    }
}
