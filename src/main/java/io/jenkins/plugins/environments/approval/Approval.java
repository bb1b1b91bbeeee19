package io.jenkins.plugins.environments.approval;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One reviewer's accepted approval or rejection: who, when, and what they wrote. Stored with the request and
 * its result, so a plain serializable class; the time is kept in epoch milliseconds.
 */
public final class Approval implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String userId;
    private final long atMillis;
    private final String comment;
    private final String changeTicket;

    Approval(String userId, Instant at, String comment, String changeTicket) {
        this(userId, at.toEpochMilli(), comment, changeTicket);
    }

    private Approval(String userId, long atMillis, String comment, String changeTicket) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("An approval needs the reviewer's user id");
        }
        this.userId = userId;
        this.atMillis = atMillis;
        this.comment = blankToNull(comment);
        this.changeTicket = blankToNull(changeTicket);
    }

    /** @return the reviewer's user id as the realm gave it */
    public String userId() {
        return userId;
    }

    /** @return when it was given, to the millisecond */
    public Instant at() {
        return Instant.ofEpochMilli(atMillis);
    }

    /** @return what the reviewer wrote, or {@code null} */
    public String comment() {
        return comment;
    }

    /** @return the change ticket the reviewer gave, or {@code null} */
    public String changeTicket() {
        return changeTicket;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Serial
    private Object readResolve() {
        return new Approval(userId, atMillis, comment, changeTicket);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Approval that
                && userId.equals(that.userId)
                && atMillis == that.atMillis
                && Objects.equals(comment, that.comment)
                && Objects.equals(changeTicket, that.changeTicket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, atMillis, comment, changeTicket);
    }

    @Override
    public String toString() {
        return "Approval[" + userId + " at " + at() + (changeTicket == null ? "" : ", ticket " + changeTicket) + "]";
    }
}
