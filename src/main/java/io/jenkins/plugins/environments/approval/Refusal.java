package io.jenkins.plugins.environments.approval;

import java.util.Objects;

/**
 * An attempt that was not taken, and why. The message is meant for the reviewer and names what to do.
 *
 * @param reason the kind of refusal
 * @param message the exact sentence to show
 */
public record Refusal(RefusalReason reason, String message) {

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
