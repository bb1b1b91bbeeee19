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
    private final String admittedAs;
    private final boolean asAdministrator;

    Approval(
            String userId,
            Instant at,
            String comment,
            String changeTicket,
            String admittedAs,
            boolean asAdministrator) {
        this(userId, at.toEpochMilli(), comment, changeTicket, admittedAs, asAdministrator);
    }

    private Approval(
            String userId,
            long atMillis,
            String comment,
            String changeTicket,
            String admittedAs,
            boolean asAdministrator) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("An approval needs the reviewer's user id");
        }
        this.userId = userId;
        this.atMillis = atMillis;
        this.comment = blankToNull(comment);
        this.changeTicket = blankToNull(changeTicket);
        this.admittedAs = blankToNull(admittedAs);
        this.asAdministrator = asAdministrator;
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

    /**
     * @return the approver entry (a user id or group name of the policy) that let the reviewer decide, or {@code
     *     null} when the policy listed nobody or the reviewer decided as an administrator
     */
    public String admittedAs() {
        return admittedAs;
    }

    /** @return whether the reviewer was not listed and decided as an administrator the policy let stand in */
    public boolean asAdministrator() {
        return asAdministrator;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Serial
    private Object readResolve() {
        return new Approval(userId, atMillis, comment, changeTicket, admittedAs, asAdministrator);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Approval that
                && userId.equals(that.userId)
                && atMillis == that.atMillis
                && Objects.equals(comment, that.comment)
                && Objects.equals(changeTicket, that.changeTicket)
                && Objects.equals(admittedAs, that.admittedAs)
                && asAdministrator == that.asAdministrator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, atMillis, comment, changeTicket, admittedAs, asAdministrator);
    }

    @Override
    public String toString() {
        return "Approval[" + userId + " at " + at() + (changeTicket == null ? "" : ", ticket " + changeTicket) + "]";
    }
}
