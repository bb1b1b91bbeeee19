package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A rejection is a veto: once a reviewer rejected a digest of an app for an environment, no request for the same
 * app, digest and environment can be approved until an administrator clears the veto (a {@code veto-cleared} line in
 * the ledger). Another digest is not affected. The ledger is the record: a veto holds across builds and restarts.
 *
 * <p>A {@code rejected} line that a later {@code approval-refused} line with reason {@code not-saved} voids (the
 * build could not be saved, so the rejection did not count) is no veto.
 */
public final class Vetoes {

    private Vetoes() {}

    /**
     * A standing veto.
     *
     * @param actor who rejected
     * @param time when
     * @param build the build whose request was rejected, or {@code null}
     * @param comment what the reviewer wrote, or {@code null}
     */
    public record Veto(String actor, Instant time, String build, String comment) {

        /** @return the sentence a new request for the same digest fails with */
        public String describe(String app, String digest, String environment) {
            return "Digest " + digest + " of app " + ApprovalRequest.shown(app) + " was rejected for environment "
                    + ApprovalRequest.shown(environment) + " by " + ApprovalRequest.shown(actor) + " at " + time
                    + (build == null ? "" : " (build " + build + ")")
                    + (comment == null ? "" : ": " + ApprovalRequest.shown(comment))
                    + ". A rejection stands until an administrator clears it on that build's Approvals page;"
                    + " a new digest can be approved";
        }
    }

    /**
     * @param events the ledger's events, oldest first
     * @return the veto that stands for the app, digest and environment, or empty
     */
    public static Optional<Veto> standing(Iterable<LedgerEvent> events, String app, String digest, String environment) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(environment, "environment");
        Veto veto = null;
        for (LedgerEvent event : events) {
            if (!app.equals(event.app())
                    || !environment.equals(event.environment())
                    || !digest.equals(event.digest())) {
                continue;
            }
            if (event.type() == LedgerEventType.REJECTED) {
                veto = new Veto(
                        event.actor(),
                        event.time(),
                        event.build(),
                        event.details().get("comment"));
            } else if (event.type() == LedgerEventType.VETO_CLEARED) {
                veto = null;
            } else if (veto != null && voids(event, veto)) {
                veto = null;
            }
        }
        return Optional.ofNullable(veto);
    }

    private static boolean voids(LedgerEvent event, Veto veto) {
        return event.type() == LedgerEventType.APPROVAL_REFUSED
                && RefusalReason.NOT_SAVED.id().equals(event.reason())
                && Objects.equals(event.actor(), veto.actor())
                && veto.time().toString().equals(event.details().get(VOIDS));
    }

    /** The detail of a {@code not-saved} line that names the time of the line it voids. */
    public static final String VOIDS = "voids";
}
